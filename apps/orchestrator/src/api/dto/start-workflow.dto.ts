import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';
import { IsDocumentPath } from './document-path.validator.js';
import { IsUserId } from '../../auth/user-id.js';

export class RetryPolicyDto {
  @ApiPropertyOptional({ description: 'Attempts in all for each step, the first included.', minimum: 1, maximum: 100, example: 5 })
  @IsOptional() @IsInt() @Min(1) @Max(100)
  max_attempts?: number;

  @ApiPropertyOptional({ description: 'Delay before the second attempt, in milliseconds.', minimum: 0, example: 1000 })
  @IsOptional() @IsInt() @Min(0) @Max(86_400_000)
  initial_delay_ms?: number;

  @ApiPropertyOptional({ description: 'Each further delay is the previous one times this factor.', minimum: 1, example: 2 })
  @IsOptional() @IsNumber() @Min(1) @Max(100)
  backoff_factor?: number;

  @ApiPropertyOptional({ description: 'Upper bound of a delay, in milliseconds (a Retry-After header may ask for more).', example: 60000 })
  @IsOptional() @IsInt() @Min(0) @Max(86_400_000)
  max_delay_ms?: number;

  @ApiPropertyOptional({ description: 'Fraction of each delay drawn at random and taken off (0 to 1).', example: 0.2 })
  @IsOptional() @IsNumber() @Min(0) @Max(1)
  jitter?: number;

  @ApiPropertyOptional({ description: 'A step running longer than this counts as a transient failure, in milliseconds.', example: 30000 })
  @IsOptional() @IsInt() @Min(1) @Max(3_600_000)
  timeout_ms?: number;
}

export class StartWorkflowDto {
  @ApiPropertyOptional({
    description: 'The user the statement belongs to: required for a service key (and in open mode), optional for a signed-in user (then their own).',
    example: 'user123',
    minLength: 1,
    maxLength: 200,
  })
  @IsOptional() @IsUserId()
  user_id?: string;

  @ApiProperty({
    description:
      'Path of the statement file, relative to the documents directory (DOCUMENTS_DIR, by default ./data/documents). ' +
      'Refused with 400: absolute paths, `..` segments, control characters, a component over 255 bytes, over 1024 bytes in all.',
    example: 'statements/2024-01.ofx',
    maxLength: 1024,
  })
  @IsString() @IsNotEmpty() @IsDocumentPath()
  document_path!: string;

  @ApiPropertyOptional({ description: 'Overrides of the default retry policy for this workflow, applied to every step.', type: RetryPolicyDto })
  @IsOptional() @ValidateNested() @Type(() => RetryPolicyDto)
  retry_policy?: RetryPolicyDto;
}
