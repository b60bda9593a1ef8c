import { createMachine, initialTransition, transition } from 'xstate';
import { planEffects, UnsupportedActionError } from './effects-plan.js';
import { persistSnapshot, restoreSnapshot } from './snapshot-codec.js';

describe(`${planEffects.name} edges`, () => {
  it('drops only the cancels of timers armed again in the same step, among several armed', () => {
    const plan = planEffects([
      { type: 'xstate.cancel', params: { sendId: 'rearmed' } },
      { type: 'xstate.cancel', params: { sendId: 'gone' } },
      { type: 'xstate.raise', params: { event: { type: 'T' }, id: 'rearmed', delay: 10 } },
      { type: 'xstate.raise', params: { event: { type: 'U' }, id: 'new', delay: 10 } },
    ]);
    expect(plan.timers_cancel).toEqual(['gone']);
    expect(plan.timers_add.map((t) => t.send_id)).toEqual(['rearmed', 'new']);
  });

  it('names the action and what the engine supports when it refuses one', () => {
    const error = (() => {
      try {
        planEffects([{ type: 'xstate.sendTo', params: {} }]);
      } catch (caught) {
        return caught as UnsupportedActionError;
      }
      throw new Error('expected a refusal');
    })();
    expect(error).toBeInstanceOf(UnsupportedActionError);
    expect(error.name).toBe('UnsupportedActionError');
    expect(error.actionType).toBe('xstate.sendTo');
    expect(error.message).toBe(
      'the engine cannot make action "xstate.sendTo" durable: machines it runs may only use assign, delayed transitions (after), invoked actors and cancel',
    );
  });
});

describe('snapshot codec', () => {
  const machine = createMachine({
    id: 'm',
    initial: 'a',
    context: { n: 0 },
    states: { a: { on: { GO: { target: 'b', actions: ({ context }) => void context } } }, b: { type: 'final' } },
  });

  it('restores a persisted snapshot as JSON would carry it, so transition() continues from it', () => {
    const [first] = initialTransition(machine);
    const json = JSON.parse(JSON.stringify(persistSnapshot(machine, first)));
    expect(json).toMatchObject({ value: 'a', context: { n: 0 }, status: 'active' });
    const restored = restoreSnapshot(machine, json);
    expect(restored.value).toBe('a');
    const [next] = transition(machine, restored, { type: 'GO' });
    expect(next.value).toBe('b');
    expect(next.status).toBe('done');
  });
});
