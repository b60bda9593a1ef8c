import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class CancelWorkflowDto {
  @ApiPropertyOptional({ description: 'Why the workflow is cancelled; kept in its history.', example: 'uploaded the wrong file', maxLength: 500 })
  @IsOptional() @IsString() @MaxLength(500)
  reason?: string;
}
