import { WorkflowEngine } from '@cashflow/workflow-engine';
import {
  STEP_ACTORS,
  analysisFacts,
  extractionFacts,
  toStepError,
  type AnalysisOutput,
  type AnalyzeInput,
  type AnalyzeInputV1,
  type ExtractInput,
  type ExtractionOutput,
  type StoreInput,
  type StoreInputV1,
} from '@cashflow/workflow-machine';
import { Global, Inject, Logger, Module, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { DOCUMENT_PROCESSOR_CLIENT, TRANSACTION_ANALYZER_CLIENT, type DocumentProcessorClient, type TransactionAnalyzerClient } from '../clients/step-clients.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { SQL_FUNCTIONS } from '../persistence/persistence.module.js';
import type { SqlFunctionCaller } from '../persistence/sql-database.js';
import { TransactionsStore } from '../persistence/transactions.store.js';
import { WorkflowStore } from '../persistence/workflow.store.js';
import { WEBHOOK_DISPATCHER } from '../notifications/notifications.module.js';
import type { WebhookDispatcher } from '../notifications/webhook-dispatcher.js';
import { webhookMessages } from '../notifications/webhook-messages.js';
import { MACHINE_VERSIONS } from './machine-versions.js';
import { WorkflowEvents } from './workflow-events.js';
import { describeTransition, projectWorkflow } from './workflow-history.js';

const STEP_OF_ACTOR: Record<string, string> = Object.fromEntries(Object.entries(STEP_ACTORS).map(([step, actor]) => [actor, step]));

function createEngine(
  config: AppConfig,
  store: WorkflowStore,
  transactions: TransactionsStore,
  documents: DocumentProcessorClient,
  analyzer: TransactionAnalyzerClient,
  events: WorkflowEvents,
  webhooks: WebhookDispatcher | null,
): WorkflowEngine {
  const logger = new Logger('WorkflowEngine');
  return new WorkflowEngine({
    versions: MACHINE_VERSIONS,
    store,
    owner: config.replicaId,
    leaseMs: config.leaseMs,
    pollIntervalMs: config.pollIntervalMs,
    startEvent: { type: 'START' },
    tasks: {
      extractDocument: (input: ExtractInput, { signal, progress }) =>
        documents.process({ document_path: input.documentPath, user_id: input.userId }, { idempotencyKey: input.idempotencyKey, signal, onProgress: progress }),
      analyzeTransactions: async (input: AnalyzeInput | AnalyzeInputV1, { signal, readOutput }) => {
        // Task rows written by machine version 1 still carry the transactions inline.
        const extracted = 'transactions' in input ? input.transactions : ((await readOutput(input.extraction)) as ExtractionOutput).transactions;
        return analyzer.analyze({ user_id: input.userId, transactions: extracted }, { idempotencyKey: input.idempotencyKey, signal });
      },
      storeResults: async (input: StoreInput | StoreInputV1, { readOutput }) => {
        const [extraction, analysis] = 'transactions' in input.extraction
          ? [input.extraction as ExtractionOutput, (input as StoreInputV1).analysis]
          : await Promise.all([readOutput((input as StoreInput).extraction), readOutput((input as StoreInput).analysis)]);
        return {
          transactionsStored: await transactions.upsert(input.workflowId, input.userId, extraction as ExtractionOutput, analysis as AnalysisOutput),
        };
      },
    },
    taskTimeoutMs: (task) => (task.input as { timeoutMs?: number } | null)?.timeoutMs,
    onProgress: (task, progress) => events.publishProgress(task.workflow_id, { step: STEP_OF_ACTOR[task.actor_id] ?? task.actor_id, ...progress }),
    stepOutputs: {
      extractDocument: (output, ref) => extractionFacts(output as ExtractionOutput, ref),
      analyzeTransactions: (output, ref) => analysisFacts(output as AnalysisOutput, ref),
    },
    toTaskError: toStepError,
    project: projectWorkflow,
    describe: describeTransition,
    logger: {
      log: (message, context) => logger.log(`${message} ${JSON.stringify(context ?? {})}`),
      warn: (message, context) => logger.warn(`${message} ${JSON.stringify(context ?? {})}`),
      error: (message, context) => logger.error(`${message} ${JSON.stringify(context ?? {})}`),
    },
    outbox: webhooks ? webhookMessages : undefined,
    onCommitted: (info) => {
      events.publish(info.workflowId, { version: info.version, state: info.projection.state, history: info.history });
      webhooks?.kick();
    },
  });
}

@Global()
@Module({
  providers: [
    WorkflowEvents,
    {
      provide: WorkflowEngine,
      inject: [APP_CONFIG, WorkflowStore, TransactionsStore, DOCUMENT_PROCESSOR_CLIENT, TRANSACTION_ANALYZER_CLIENT, WorkflowEvents, WEBHOOK_DISPATCHER],
      useFactory: createEngine,
    },
  ],
  exports: [WorkflowEngine, WorkflowEvents],
})
export class EngineModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(WorkflowEngine) private readonly engine: WorkflowEngine,
    @Inject(SQL_FUNCTIONS) private readonly db: SqlFunctionCaller,
  ) {}

  onApplicationBootstrap(): void {
    // On a schema that cannot be trusted no workflow moves: the work waits in its rows for a fixed deploy.
    if (this.db.schemaProblem) {
      new Logger('WorkflowEngine').error(`scheduler not started: ${this.db.schemaProblem}`);
      return;
    }
    this.engine.startScheduler();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.engine.stop();
  }
}
