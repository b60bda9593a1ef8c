import type { MachineVersions } from '@cashflow/workflow-engine';
import { liftSnapshotFromV1, workflowMachine, WORKFLOW_MACHINE_VERSION } from '@cashflow/workflow-machine';

/**
 * Every machine version a workflow in flight may still be on. When WORKFLOW_MACHINE_VERSION is bumped, keep
 * the previous machine registered here until no unfinished workflow uses it, or add a tested `migrate`
 * (README: "Changing the machine"). Version 1 kept step outputs in the context: its snapshots are lifted.
 */
export const MACHINE_VERSIONS: MachineVersions = {
  current: WORKFLOW_MACHINE_VERSION,
  machines: { [WORKFLOW_MACHINE_VERSION]: workflowMachine },
  migrate: (fromVersion, persisted) => {
    if (fromVersion === 1) return liftSnapshotFromV1(persisted);
    throw new Error(`no migration from machine version ${fromVersion} to ${WORKFLOW_MACHINE_VERSION}`);
  },
};
