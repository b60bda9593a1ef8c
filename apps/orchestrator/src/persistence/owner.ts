/**
 * Whose data a read may return. Every read of a user's data in this folder takes one, so a query that forgets
 * it does not compile; only a service principal (or open mode) is given `ALL_USERS` (auth/principal.ts).
 */
export type Owner = { readonly kind: 'user'; readonly userId: string } | { readonly kind: 'all-users' };

export const ALL_USERS: Owner = Object.freeze({ kind: 'all-users' });

export function userOwner(userId: string): Owner {
  return Object.freeze({ kind: 'user', userId });
}

/** The `user_id` filter the SQL functions take: null reads every user's rows. */
export function ownerFilter(owner: Owner): string | null {
  return owner.kind === 'user' ? owner.userId : null;
}
