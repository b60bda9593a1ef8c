import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { IdempotencyStore } from './idempotency.store.js';
import { openDatabase } from './open-database.js';
import type { SqlFunctionCaller } from './sql-database.js';
import { TransactionsStore } from './transactions.store.js';
import { UserDataStore } from './user-data.store.js';
import { WorkflowStore } from './workflow.store.js';

export const SQL_FUNCTIONS = Symbol('SqlFunctionCaller');

@Global()
@Module({
  providers: [
    { provide: SQL_FUNCTIONS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => openDatabase(config) },
    { provide: WorkflowStore, inject: [SQL_FUNCTIONS], useFactory: (db: SqlFunctionCaller) => new WorkflowStore(db) },
    { provide: TransactionsStore, inject: [SQL_FUNCTIONS], useFactory: (db: SqlFunctionCaller) => new TransactionsStore(db) },
    { provide: IdempotencyStore, inject: [SQL_FUNCTIONS], useFactory: (db: SqlFunctionCaller) => new IdempotencyStore(db) },
    { provide: UserDataStore, inject: [SQL_FUNCTIONS], useFactory: (db: SqlFunctionCaller) => new UserDataStore(db) },
  ],
  exports: [SQL_FUNCTIONS, WorkflowStore, TransactionsStore, IdempotencyStore, UserDataStore],
})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(SQL_FUNCTIONS) private readonly db: SqlFunctionCaller) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}
