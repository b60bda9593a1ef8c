import { PUBLIC_STATES } from '@cashflow/workflow-machine';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class WorkflowProgressDto {
  @ApiProperty({ description: 'The working step, null outside extracting/analyzing/storing.', nullable: true, enum: ['extracting', 'analyzing', 'storing'] })
  step!: string | null;
  @ApiProperty({ description: 'running: an attempt is in flight; waiting: a retry is due at next_retry_at.', nullable: true, enum: ['running', 'waiting'] })
  phase!: string | null;
  @ApiProperty({ description: 'The current attempt of the step (1 = first).', nullable: true })
  attempt!: number | null;
  @ApiProperty({ nullable: true })
  max_attempts!: number | null;
  @ApiProperty({ description: 'When the next attempt starts, while waiting.', nullable: true, format: 'date-time' })
  next_retry_at!: string | null;
  /** How far the running attempt has got, when its step reports it (`{ done, total, unit }`, e.g. pages OCR'd). */
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: true, example: { done: 3, total: 10, unit: 'pages' } })
  detail?: { done: number; total: number; unit: string } | null;
}

export class WorkflowResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid', description: 'Same as id.' })
  workflow_id!: string;
  @ApiProperty()
  user_id!: string;
  @ApiProperty()
  document_path!: string;
  @ApiProperty({ enum: PUBLIC_STATES })
  state!: string;
  @ApiProperty({ format: 'date-time' })
  created_at!: string;
  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
  @ApiProperty({
    description: 'Set in failed: the step, attempt, error kind (transient|permanent), code and message.',
    nullable: true,
    type: 'object',
    additionalProperties: true,
  })
  error!: Record<string, unknown> | null;
  @ApiPropertyOptional({
    description: 'Set in completed: extraction (account, period, currency, balances, transaction_count), analysis (summary, transaction_count), storage. The transactions themselves: GET /workflow/{id}/transactions, page by page.',
    nullable: true,
    type: 'object',
    additionalProperties: true,
  })
  results?: Record<string, unknown> | null;
  @ApiProperty({ type: WorkflowProgressDto })
  progress!: WorkflowProgressDto;
  @ApiProperty({ description: 'The most recent failed attempt, even if a retry then succeeded.', nullable: true, type: 'object', additionalProperties: true })
  last_error!: Record<string, unknown> | null;
}

export class WorkflowPage {
  @ApiProperty({ type: [WorkflowResponse] })
  items!: WorkflowResponse[];
  @ApiProperty({ nullable: true, description: 'Pass as cursor to get the next page; null on the last page.' })
  next_cursor!: string | null;
}

export class HistoryEventDto {
  @ApiProperty() seq!: number;
  @ApiProperty({ description: 'created, started, step_started, step_succeeded, step_failed, step_timed_out, retry_scheduled, cancelled, redriven, late_result_ignored...' })
  type!: string;
  @ApiProperty({ nullable: true }) from_state!: string | null;
  @ApiProperty() to_state!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) detail!: Record<string, unknown>;
  @ApiProperty({ nullable: true, description: 'The replica that committed this transition.' }) replica!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

export class WorkflowHistoryResponse {
  @ApiProperty({ format: 'uuid' }) workflow_id!: string;
  @ApiProperty({ type: [HistoryEventDto] }) events!: HistoryEventDto[];
}

export class StoredTransactionDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ description: 'Decimal string, exact.', example: '-54.37' }) amount!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ nullable: true, example: 'groceries' }) category!: string | null;
  @ApiProperty({ nullable: true, description: 'Between 0 and 1.' }) confidence!: number | null;
}

export class StoredTransactionsResponse {
  @ApiProperty({ format: 'uuid' }) workflow_id!: string;
  @ApiProperty({ type: [StoredTransactionDto], description: 'One page, in (date, id) order.' }) transactions!: StoredTransactionDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page.' })
  next_cursor!: string | null;
}

export type StoredTransactionsPage = StoredTransactionsResponse;
