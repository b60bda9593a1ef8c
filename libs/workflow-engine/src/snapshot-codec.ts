import { createActor, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';

/**
 * Rebuilds a machine snapshot from its persisted JSON. An actor created with a snapshot and never started
 * runs nothing: it only resolves state nodes and children so that transition() can compute the next step.
 */
export function restoreSnapshot(machine: AnyStateMachine, persisted: unknown): AnyMachineSnapshot {
  return createActor(machine, { snapshot: persisted as never }).getSnapshot() as AnyMachineSnapshot;
}

export function persistSnapshot(machine: AnyStateMachine, snapshot: AnyMachineSnapshot): unknown {
  return machine.getPersistedSnapshot(snapshot);
}
