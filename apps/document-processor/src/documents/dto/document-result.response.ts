import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DocumentResult } from '@cashflow/statement-parser';

const FORMATS = ['ofx', 'camt', 'csv', 'qif', 'mt940', 'pdf'];

export class AccountInfoResponse {
  @ApiProperty({ description: 'Account number, IBAN or other id as printed in the file.', example: 'FR7630001007941234567890185' })
  id!: string;
  @ApiPropertyOptional({ example: 'FR7630001007941234567890185' }) iban?: string;
  @ApiPropertyOptional({ example: '30001' }) bank_id?: string;
  @ApiPropertyOptional({ example: '00794' }) branch_id?: string;
  @ApiPropertyOptional({ example: 'CHECKING' }) type?: string;
  @ApiPropertyOptional() name?: string;
}

export class PeriodResponse {
  @ApiProperty({ type: String, nullable: true, example: '2024-03-01' }) start!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2024-03-31' }) end!: string | null;
}

export class BalanceResponse {
  @ApiProperty({ description: 'Decimal string, never a binary float.', example: '1523.40' }) amount!: string;
  @ApiPropertyOptional({ example: '2024-03-31' }) date?: string;
}

export class StatementTransactionResponse {
  @ApiProperty({ description: "Stable within the file: the bank's id (FITID, AcctSvcrRef...) when present, else derived from content and position.", example: '202403010001' })
  id!: string;
  @ApiProperty({ description: 'Booking date, ISO YYYY-MM-DD.', example: '2024-03-01' }) date!: string;
  @ApiPropertyOptional({ example: '2024-03-01' }) value_date?: string;
  @ApiProperty({ description: 'Signed decimal string: negative for a debit.', example: '-54.37' }) amount!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ description: 'Payee/counterparty and memo joined as a bank shows it.', example: 'CB CARREFOUR 02/03' }) label!: string;
  @ApiPropertyOptional() payee?: string;
  @ApiPropertyOptional() memo?: string;
  @ApiPropertyOptional() reference?: string;
  @ApiPropertyOptional({ example: 'DEBIT' }) type?: string;
  @ApiProperty({ description: 'The source record as parsed (fields or text), for audit.', oneOf: [{ type: 'object' }, { type: 'string' }] })
  raw!: Record<string, unknown> | string;
}

export class ParseWarningResponse {
  @ApiProperty({ example: 'BALANCE_MISMATCH' }) code!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ description: '1-based line number.' }) line?: number;
  @ApiPropertyOptional({ description: 'Element path.' }) element?: string;
}

/** The Document Processor contract (ARCHITECTURE.md: downstream contracts). */
export class DocumentResultResponse implements DocumentResult {
  @ApiProperty({ enum: FORMATS, description: 'Detected from the content, not the file name.' }) format!: DocumentResult['format'];
  @ApiProperty({ type: AccountInfoResponse }) account!: AccountInfoResponse;
  @ApiProperty({ type: PeriodResponse }) period!: PeriodResponse;
  @ApiProperty({ type: String, nullable: true, example: 'EUR' }) currency!: string | null;
  @ApiPropertyOptional({ type: BalanceResponse }) opening_balance?: BalanceResponse;
  @ApiPropertyOptional({ type: BalanceResponse }) closing_balance?: BalanceResponse;
  @ApiPropertyOptional({ type: BalanceResponse }) available_balance?: BalanceResponse;
  @ApiProperty({ type: [StatementTransactionResponse] }) transactions!: StatementTransactionResponse[];
  @ApiProperty({ type: [ParseWarningResponse], description: 'Non-fatal findings: balances that do not reconcile, rows skipped on purpose.' })
  warnings!: ParseWarningResponse[];
  @ApiPropertyOptional({ description: 'Each account/statement section, when the file holds more than one.', type: 'array', items: { type: 'object' } })
  statements?: DocumentResult['statements'];
}
