import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ANALYZER_CONFIG, type AnalyzerConfig } from '../config/analyzer-config.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(ANALYZER_CONFIG) private readonly config: AnalyzerConfig) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Ready to analyse: the rules (built-in, and RULES_FILE when set) were loaded at start' })
  @ApiOkResponse({ schema: { example: { status: 'ready', rules_file: null, user_rules: 0 } } })
  ready() {
    return { status: 'ready', rules_file: this.config.rulesFile ?? null, user_rules: this.config.ruleSet?.rules.length ?? 0 };
  }
}
