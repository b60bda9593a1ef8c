import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { PROCESSOR_CONFIG, type ProcessorConfig } from '../config/processor-config.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(PROCESSOR_CONFIG) private readonly config: ProcessorConfig) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'The documents directory exists and can be read' })
  @ApiOkResponse({ schema: { example: { status: 'ready' } } })
  @ApiServiceUnavailableResponse({ description: 'application/problem+json: the documents directory cannot be read.' })
  async ready() {
    try {
      await access(this.config.documentsDir, constants.R_OK | constants.X_OK);
    } catch (error) {
      throw new ServiceUnavailableException(`documents directory not readable: ${(error as Error).message}`);
    }
    return { status: 'ready' };
  }
}
