export type AuditActor = Record<string, string>;

// Starts in progress, by workflow id (a fresh UUID each): the engine describes a new workflow's `created` entry
// inside engine.start, from an event of its own (`xstate.init`) that cannot carry the actor.
const starting = new Map<string, AuditActor>();

/** Runs a start so that its `created` history entry records `actor`. */
export async function startingAs<T>(workflowId: string, actor: AuditActor, work: () => Promise<T>): Promise<T> {
  starting.set(workflowId, actor);
  try {
    return await work();
  } finally {
    starting.delete(workflowId);
  }
}

/**
 * Who asked for the transition being described: the actor of a start in progress, or the one a command event
 * (CANCEL, RETRY) carries. Transitions of the engine's own (steps, timers) have none.
 */
export function actorOf(info: { workflowId: string; event: { type: string; actor?: unknown } }): AuditActor | undefined {
  if (info.event.type === 'xstate.init') return starting.get(info.workflowId);
  const actor = info.event.actor;
  return actor && typeof actor === 'object' ? (actor as AuditActor) : undefined;
}
