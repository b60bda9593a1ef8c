import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

/** Documented here for Swagger; checked by the categorizer, which names the item (`transactions[3].amount`). */
export class AnalysisTransactionDto {
  @ApiProperty({ description: 'Unique within the request.', example: 'tx-1' })
  id!: string;

  @ApiProperty({ description: 'Booking date, ISO YYYY-MM-DD (a date-time is accepted; its date part is used).', example: '2024-03-01' })
  date!: string;

  @ApiProperty({ description: 'Signed decimal string, negative for a debit. A JSON number is refused.', example: '-54.37', pattern: '^[+-]?\\d+(\\.\\d+)?$' })
  amount!: string;

  @ApiProperty({ description: 'ISO 4217 code.', example: 'EUR' })
  currency!: string;

  @ApiProperty({ description: 'The label as the bank shows it.', example: 'CB CARREFOUR 02/03' })
  label!: string;

  @ApiPropertyOptional({ description: 'Merchant category code (ISO 18245), when the bank gives one.', example: '5411', oneOf: [{ type: 'string' }, { type: 'integer' }] })
  mcc?: string | number;
}

export class AnalyzeTransactionsDto {
  @ApiProperty({ description: 'The user the transactions belong to.', example: 'user123', maxLength: 200 })
  @IsString() @IsNotEmpty() @MaxLength(200)
  user_id!: string;

  @ApiProperty({
    type: [AnalysisTransactionDto],
    description: 'The statement transactions. Other fields a Document Processor returns (raw, value_date, payee...) are accepted and ignored.',
    maxItems: 100_000,
  })
  @IsArray() @ArrayMaxSize(100_000)
  transactions!: AnalysisTransactionDto[];

  @ApiPropertyOptional({
    description: 'A rule set for this request only (same JSON as RULES_FILE); its rules win over every other.',
    type: 'object',
    additionalProperties: true,
    example: { rules: [{ id: 'gym', category: 'leisure', match: { contains: 'BASIC FIT' } }] },
  })
  @IsOptional() @IsObject()
  rules?: Record<string, unknown>;
}
