import type { EffectsPlan } from './engine-store.js';

interface ExecutableAction {
  type: string;
  params?: unknown;
}

export class UnsupportedActionError extends Error {
  constructor(readonly actionType: string) {
    super(
      `the engine cannot make action "${actionType}" durable: machines it runs may only use assign, ` +
        'delayed transitions (after), invoked actors and cancel',
    );
    this.name = 'UnsupportedActionError';
  }
}

/**
 * Turns what XState's pure transition() asks for into rows to write. Anything the engine does not know how
 * to persist fails loudly, so a machine change can never silently drop an effect.
 */
export function planEffects(actions: readonly ExecutableAction[]): EffectsPlan {
  const plan: EffectsPlan = { timers_add: [], timers_cancel: [], tasks_start: [], tasks_stop: [] };
  for (const action of actions) {
    const params = (action.params ?? {}) as Record<string, unknown>;
    switch (action.type) {
      case 'xstate.raise': {
        if (typeof params.delay !== 'number') throw new UnsupportedActionError('xstate.raise without delay');
        const event = params.event as { type: string };
        // XState names a delayed raise with a string id (the `after` delay's), or none.
        const sendId = (params.id as string | undefined) ?? event.type;
        plan.timers_add.push({ send_id: sendId, event, delay_ms: Math.max(0, params.delay) });
        break;
      }
      case 'xstate.cancel':
        plan.timers_cancel.push(String(params.sendId));
        break;
      case 'xstate.spawnChild':
        if (typeof params.src !== 'string') throw new UnsupportedActionError('xstate.spawnChild of inline logic');
        plan.tasks_start.push({ actor_id: String(params.id), src: params.src, input: params.input ?? null });
        break;
      case 'xstate.stopChild': {
        const ref = (params.actorRef ?? params) as { id?: unknown };
        plan.tasks_stop.push(String(ref.id));
        break;
      }
      default:
        throw new UnsupportedActionError(action.type);
    }
  }
  // A timer cancelled and re-armed in one step (re-entering a state) must survive.
  plan.timers_cancel = plan.timers_cancel.filter((id) => !plan.timers_add.some((t) => t.send_id === id));
  return plan;
}
