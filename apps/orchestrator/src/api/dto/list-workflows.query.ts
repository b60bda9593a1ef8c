import { PUBLIC_STATES, type PublicState } from '@cashflow/workflow-machine';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class ListWorkflowsQuery {
  @ApiProperty({ description: 'Only this user\'s workflows.', example: 'user123' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  user_id!: string;

  @ApiPropertyOptional({ description: 'Only workflows in this state.', enum: PUBLIC_STATES })
  @IsOptional() @IsIn(PUBLIC_STATES)
  state?: PublicState;

  @ApiPropertyOptional({ description: 'Page size.', minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'The next_cursor of the previous page.' })
  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;
}
