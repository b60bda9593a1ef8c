import { ProblemException } from '@cashflow/nest-http';
import { ALL_USERS, userOwner, type Owner } from '../persistence/owner.js';

/**
 * Who a request acts as. A user (a verified Supabase access token) sees only their own workflows; a service (an
 * API key) acts for any user; `open` is the development mode where nothing is configured and anyone acts as a
 * service would.
 */
export type Principal =
  | { readonly kind: 'user'; readonly userId: string }
  | { readonly kind: 'service'; readonly keyName: string }
  | { readonly kind: 'open' };

/**
 * A stable name for per-principal state (rate limits, stream slots, idempotency scopes); never a secret. In open
 * mode nobody is known: `userId` (the user a request names) keeps one user's state apart from another's.
 */
export function principalKey(principal: Principal, userId?: string): string {
  switch (principal.kind) {
    case 'user':
      return `user:${principal.userId}`;
    case 'service':
      return `service:${principal.keyName}`;
    case 'open':
      return userId === undefined ? 'open' : `open:${userId}`;
  }
}

/** What a command's history entry records about who asked: the user id or the key's name, never the key. */
export function auditActor(principal: Principal): Record<string, string> {
  switch (principal.kind) {
    case 'user':
      return { type: 'user', user_id: principal.userId };
    case 'service':
      return { type: 'service', key_name: principal.keyName };
    case 'open':
      return { type: 'open' };
  }
}

function forbidden(userId: string): ProblemException {
  return new ProblemException({
    type: '/problems/forbidden',
    title: 'Forbidden',
    status: 403,
    detail: 'a user may only name their own user_id',
    errors: [{ field: 'user_id', messages: [`user_id ${JSON.stringify(userId)} is not the signed-in user`] }],
  });
}

/**
 * Whose workflows a read may see. A user reads their own (naming another user_id is a 403); a service reads the
 * user it names, or every user when it names none.
 */
export function readerOwner(principal: Principal, requestedUserId?: string): Owner {
  if (principal.kind === 'user') {
    if (requestedUserId !== undefined && requestedUserId !== principal.userId) throw forbidden(requestedUserId);
    return userOwner(principal.userId);
  }
  return requestedUserId !== undefined ? userOwner(requestedUserId) : ALL_USERS;
}

/** The user a new workflow belongs to: the signed-in user, or the user a service names (required then). */
export function actingUserId(principal: Principal, requestedUserId?: string): string {
  if (principal.kind === 'user') {
    if (requestedUserId !== undefined && requestedUserId !== principal.userId) throw forbidden(requestedUserId);
    return principal.userId;
  }
  if (requestedUserId === undefined) {
    throw ProblemException.badRequest('user_id is required: a service names the user it acts for', [{ field: 'user_id', messages: ['user_id is required'] }]);
  }
  return requestedUserId;
}
