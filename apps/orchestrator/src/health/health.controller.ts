import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import { listMigrations, defaultMigrationsDir } from '../persistence/migrations.runner.js';
import { SQL_FUNCTIONS } from '../persistence/persistence.module.js';
import type { SqlFunctionCaller } from '../persistence/sql-database.js';
import { checkReadiness } from './readiness.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  private expectedSchema: Promise<string | undefined> = listMigrations(defaultMigrationsDir()).then((m) => m.at(-1)?.version);

  constructor(@Inject(SQL_FUNCTIONS) private readonly db: SqlFunctionCaller) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up (a database outage does not make it dead)' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'The database answers and its schema is at the version this build expects' })
  @ApiOkResponse({ schema: { example: { status: 'ready', schema_version: '004' } } })
  @ApiServiceUnavailableResponse({ description: 'application/problem+json saying what is not ready.' })
  async ready() {
    const readiness = await checkReadiness(this.db, await this.expectedSchema);
    if (!readiness.ready) throw new ServiceUnavailableException(readiness.reason);
    return { status: 'ready', schema_version: readiness.schemaVersion };
  }
}
