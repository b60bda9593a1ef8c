import { planEffects, UnsupportedActionError } from './effects-plan.js';

describe(planEffects.name, () => {
  it('turns delayed raises into timers, cancels into timer deletions, and children into tasks', () => {
    const plan = planEffects([
      { type: 'xstate.cancel', params: { sendId: 'old-timer' } },
      { type: 'xstate.stopChild', params: { id: 'extractDocument' } },
      { type: 'xstate.raise', params: { event: { type: 'xstate.after.retryDelay.x' }, id: 'retry', delay: 1500 } },
      { type: 'xstate.spawnChild', params: { id: 'analyzeTransactions', src: 'analyzeTransactions', input: { a: 1 } } },
    ]);
    expect(plan).toEqual({
      timers_add: [{ send_id: 'retry', event: { type: 'xstate.after.retryDelay.x' }, delay_ms: 1500 }],
      timers_cancel: ['old-timer'],
      tasks_start: [{ actor_id: 'analyzeTransactions', src: 'analyzeTransactions', input: { a: 1 } }],
      tasks_stop: ['extractDocument'],
    });
  });

  it('keeps a timer that is cancelled and armed again in the same step', () => {
    const plan = planEffects([
      { type: 'xstate.cancel', params: { sendId: 't' } },
      { type: 'xstate.raise', params: { event: { type: 'e' }, id: 't', delay: 10 } },
    ]);
    expect(plan.timers_cancel).toEqual([]);
    expect(plan.timers_add).toHaveLength(1);
  });

  it.each([
    [{ type: 'xstate.log', params: {} }, 'xstate.log'],
    [{ type: 'notifyUser', params: {} }, 'notifyUser'],
    [{ type: 'xstate.raise', params: { event: { type: 'e' } } }, 'without delay'],
    [{ type: 'xstate.spawnChild', params: { id: 'x', src: {} } }, 'inline logic'],
  ])('fails loudly on an action it cannot make durable: %j', (action, message) => {
    expect(() => planEffects([action])).toThrow(UnsupportedActionError);
    expect(() => planEffects([action])).toThrow(message);
  });
});
