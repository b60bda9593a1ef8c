export { WorkflowEngine, type SendResult, type StartParams } from './workflow-engine.js';
export { planEffects, UnsupportedActionError } from './effects-plan.js';
export { restoreSnapshot, persistSnapshot } from './snapshot-codec.js';
export type * from './engine-options.js';
export type * from './engine-store.js';
