import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CategorizedTransactionResponse {
  @ApiProperty({ example: 'tx-2' }) id!: string;
  @ApiProperty({ description: 'A category id of the taxonomy (GET /categories) or of a user rule set.', example: 'groceries' }) category!: string;
  @ApiProperty({ description: 'In [0, 1]: user or merchant rule high, keyword medium, payment-method guess or fallback low.', example: 0.95 }) confidence!: number;
  @ApiProperty({ description: 'Which rule decided: `user:<id>`, `merchant:<name>`, `keyword:<word>`, `method:<kind>`, `mcc:<code>`, `fallback`.', example: 'merchant:carrefour' }) rule!: string;
  @ApiProperty({ description: 'Normalised counterparty extracted from the label.', example: 'CARREFOUR' }) counterparty!: string;
  @ApiProperty({ description: 'Part of a recurring series (same counterparty, regular interval).' }) recurring!: boolean;
  @ApiPropertyOptional() recurring_series_id?: string;
}

export class CashflowTotalsResponse {
  @ApiProperty({ description: 'Sum of credits (>= 0), decimal string.', example: '2500.00' }) income!: string;
  @ApiProperty({ description: 'Sum of debits (<= 0, negative as on the statement), decimal string.', example: '-54.47' }) expenses!: string;
  @ApiProperty({ description: 'income + expenses.', example: '2445.53' }) net!: string;
}

export class CashflowSummaryResponse extends CashflowTotalsResponse {
  @ApiProperty({ type: String, nullable: true, description: 'Currency of the top-level figures.', example: 'EUR' }) currency!: string | null;
  @ApiProperty() transaction_count!: number;
  @ApiProperty({ description: 'Category id -> signed total.', type: 'object', additionalProperties: { type: 'string' }, example: { salary: '2500.00', groceries: '-54.37' } })
  by_category!: Record<string, string>;
  @ApiProperty({ description: 'YYYY-MM -> totals of that month.', type: 'object', additionalProperties: { $ref: '#/components/schemas/CashflowTotalsResponse' } })
  by_month!: Record<string, CashflowTotalsResponse>;
  @ApiProperty({ type: [String], example: ['EUR'] }) currencies!: string[];
  @ApiProperty({ description: 'One summary per currency; amounts of different currencies are never added.', type: 'object', additionalProperties: true })
  by_currency!: Record<string, unknown>;
}

export class RecurringSeriesResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'FREE MOBILE' }) counterparty!: string;
  @ApiProperty({ example: 'telecom' }) category!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ enum: ['weekly', 'biweekly', 'monthly', 'quarterly', 'yearly'] }) interval!: string;
  @ApiProperty({ example: '-19.99' }) average_amount!: string;
  @ApiProperty({ type: [String] }) transaction_ids!: string[];
  @ApiProperty() first_date!: string;
  @ApiProperty() last_date!: string;
  @ApiProperty() next_expected_date!: string;
}

/** The Transaction Analyzer contract (ARCHITECTURE.md: downstream contracts). */
export class AnalysisResultResponse {
  @ApiProperty({ type: [CategorizedTransactionResponse] }) transactions!: CategorizedTransactionResponse[];
  @ApiProperty({ type: CashflowSummaryResponse }) summary!: CashflowSummaryResponse;
  @ApiProperty({ type: [RecurringSeriesResponse] }) recurring!: RecurringSeriesResponse[];
}
