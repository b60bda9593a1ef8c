import type { MachineVersions } from '@cashflow/workflow-engine';
import { workflowMachine, WORKFLOW_MACHINE_VERSION } from '@cashflow/workflow-machine';

/**
 * Every machine version a workflow in flight may still be on. When WORKFLOW_MACHINE_VERSION is bumped, keep
 * the previous machine registered here until no unfinished workflow uses it, or add a tested `migrate`
 * (README: "Changing the machine").
 */
export const MACHINE_VERSIONS: MachineVersions = {
  current: WORKFLOW_MACHINE_VERSION,
  machines: { [WORKFLOW_MACHINE_VERSION]: workflowMachine },
};
