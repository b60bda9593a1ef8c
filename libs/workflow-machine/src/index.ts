export { workflowMachine, WORKFLOW_MACHINE_VERSION, type WorkflowMachine } from './workflow.machine.js';
export { toWorkflowView, type WorkflowView, type WorkflowResults } from './workflow-view.js';
export {
  DEFAULT_RETRY_POLICY,
  STEPS,
  computeRetryDelayMs,
  resolveRetryPolicies,
  assertValidPolicy,
  type RetryPolicy,
  type RetryPolicies,
  type RetryPolicyOverrides,
  type StepName,
} from './retry-policy.js';
export { isStepError, toStepError, type ErrorKind, type StepError } from './step-error.js';
export * from './step-contracts.js';
export * from './workflow.types.js';
