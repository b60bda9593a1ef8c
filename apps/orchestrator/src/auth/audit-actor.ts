import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<Record<string, string>>();

/**
 * The engine builds a command's history entry inside the call that applies it (start, cancel, retry), through
 * the host's `describe`; the actor set here for that call is what the entry records as `detail.actor`. The
 * engine stays free of principals.
 */
export function runAsActor<T>(actor: Record<string, string>, work: () => Promise<T>): Promise<T> {
  return storage.run(actor, work);
}

export function currentActor(): Record<string, string> | undefined {
  return storage.getStore();
}
