export { DocumentWorkerPool, WORKER_FILE } from './document-worker.pool.js';
export { DEFAULT_WORKER_BUDGETS, type WorkerBudgets } from './worker-budgets.js';
