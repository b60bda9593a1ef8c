export { workflowMachine, STEP_ACTORS, WORKFLOW_MACHINE_VERSION, type WorkflowMachine, type HistoryKind } from './workflow.machine.js';
export { toWorkflowView, type WorkflowView, type WorkflowResults } from './workflow-view.js';
export { extractionFacts, analysisFacts } from './step-facts.js';
export { liftSnapshotFromV1 } from './machine-v1.js';
export {
  DEFAULT_RETRY_POLICY,
  STEPS,
  computeRetryDelayMs,
  jitterFraction,
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
