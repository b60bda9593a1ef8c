import { CATEGORY_TAXONOMY, type AnalysisResult, type CategoryDefinition } from '@cashflow/categorizer';
import { Body, Controller, Get, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { AnalysisResultResponse } from './dto/analysis-result.response.js';
import { AnalyzeTransactionsDto } from './dto/analyze-transactions.dto.js';
import { CategoryResponse } from './dto/category.response.js';
import { TransactionsService } from './transactions.service.js';

@ApiTags('transactions')
@Controller()
export class TransactionsController {
  constructor(private readonly transactions: TransactionsService) {}

  @Post('transactions/analyze')
  @HttpCode(200)
  @ApiOperation({ summary: 'Categorise transactions, detect recurring payments and summarise the cashflow' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: "Logged to trace a caller's attempt; analysis is pure, so a repeat gives the same answer." })
  @ApiOkResponse({ type: AnalysisResultResponse })
  @ApiBadRequestResponse({ description: 'application/problem+json naming each invalid field, e.g. `transactions[3].amount` or `rules.rules[0].category`.' })
  @ApiUnprocessableEntityResponse({ description: 'application/problem+json, code MIXED_CURRENCIES, when currencies cannot be summarised together.' })
  analyze(@Body() dto: AnalyzeTransactionsDto, @Headers('idempotency-key') key?: string): Promise<AnalysisResult> {
    return this.transactions.analyze(dto, key);
  }

  @Get('categories')
  @ApiOperation({ summary: 'The built-in category taxonomy' })
  @ApiOkResponse({ type: [CategoryResponse] })
  categories(): readonly CategoryDefinition[] {
    return CATEGORY_TAXONOMY;
  }
}
