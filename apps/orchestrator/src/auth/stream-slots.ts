import { ProblemException } from '@cashflow/nest-http';

/**
 * Concurrent event streams per principal (SSE_MAX_STREAMS): each open stream polls the database, so one
 * principal cannot hold thousands. In memory: counted per replica.
 */
export class StreamSlots {
  private readonly open = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Takes a slot or throws 429; the returned function gives it back (once, however often it is called). */
  acquire(principalKey: string): () => void {
    const count = this.open.get(principalKey) ?? 0;
    if (this.max > 0 && count >= this.max) {
      throw new ProblemException({
        type: '/problems/too-many-streams',
        title: 'Too many requests',
        status: 429,
        detail: `at most ${this.max} event streams may be open at once per principal; close one first`,
      });
    }
    this.open.set(principalKey, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(principalKey) ?? 1) - 1;
      if (left <= 0) this.open.delete(principalKey);
      else this.open.set(principalKey, left);
    };
  }
}
