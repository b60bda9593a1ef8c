import { PUBLIC_STATES, type PublicState } from '@cashflow/workflow-machine';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsUserId } from '../../auth/user-id.js';

export class ListWorkflowsQuery {
  @ApiPropertyOptional({ description: "Only this user's workflows. A signed-in user sees only their own (naming another is a 403); a service key without it sees every user's.", example: 'user123' })
  @IsOptional() @IsUserId()
  user_id?: string;

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
