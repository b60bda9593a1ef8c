export { ProblemException, type ProblemDetails, type ProblemInit } from './problem.exception.js';
export { ProblemDetailsFilter } from './problem-details.filter.js';
export { validationProblem } from './validation-errors.js';
export { configureHttpApp, type HttpAppOptions } from './configure-http-app.js';
export { ConfigError, emptyToUndefined, readEnvironment, ServiceEnvironment } from './service-environment.js';
export { logLevelsUpTo, runService, serviceLogger } from './run-service.js';
export { findUnsafeInput, unsafeStringReason } from './unsafe-input.js';
export { UnsafeInputPipe } from './unsafe-input.pipe.js';
export { WorkerBudgetEnvironment, workerBudgetsOf } from './worker-budget.environment.js';
