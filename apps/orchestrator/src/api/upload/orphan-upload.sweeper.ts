import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { SQL_FUNCTIONS } from '../../persistence/persistence.module.js';
import type { SqlFunctionCaller } from '../../persistence/sql-database.js';
import { WorkflowStore } from '../../persistence/workflow.store.js';
import { UPLOADS_DIR } from './document-storage.js';

const BATCH = 500;

async function entries(dir: string): Promise<string[]> {
  return readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
}

/**
 * Deletes uploaded files that no workflow references once they are older than the grace period: what a crash
 * between writing an upload and creating its workflow leaves behind. Looks only at regular files two levels
 * under uploads/ (`uploads/<user>/<file>`), never follows a link, and deletes nothing a workflow names.
 */
@Injectable()
export class OrphanUploadSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OrphanUploadSweeper.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly workflows: WorkflowStore,
    @Inject(SQL_FUNCTIONS) private readonly db: SqlFunctionCaller,
  ) {}

  onApplicationBootstrap(): void {
    const { intervalMs } = this.config.uploadSweep;
    // On a schema that cannot be trusted the references cannot be either: delete nothing.
    if (intervalMs === 0 || this.db.schemaProblem) return;
    this.timer = setInterval(() => void this.sweep().catch((error) => this.logger.warn(`orphan upload sweep failed: ${(error as Error).message}`)), intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass; answers how many files it deleted. */
  sweep(now = Date.now()): Promise<number> {
    this.running ??= this.sweepOnce(now).finally(() => (this.running = null));
    return this.running;
  }

  private async sweepOnce(now: number): Promise<number> {
    const root = join(this.config.documentsDir, UPLOADS_DIR);
    const old: string[] = [];
    for (const user of await entries(root)) {
      const userDir = join(root, user);
      if (!(await lstat(userDir)).isDirectory()) continue;
      for (const name of await entries(userDir)) {
        const stats = await lstat(join(userDir, name)).catch(() => null);
        if (stats?.isFile() && now - stats.mtimeMs > this.config.uploadSweep.graceMs) old.push(`${UPLOADS_DIR}/${user}/${name}`);
      }
    }
    let deleted = 0;
    for (let i = 0; i < old.length; i += BATCH) {
      const batch = old.slice(i, i + BATCH);
      const referenced = new Set(await this.workflows.referencedDocuments(batch));
      for (const documentPath of batch.filter((p) => !referenced.has(p))) {
        await rm(join(this.config.documentsDir, documentPath), { force: true });
        deleted += 1;
      }
    }
    if (deleted > 0) this.logger.log(`deleted ${deleted} uploaded file(s) no workflow references, older than ${this.config.uploadSweep.graceMs} ms`);
    return deleted;
  }
}
