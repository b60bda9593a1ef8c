import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const DEFAULT_TRANSACTIONS_PAGE = 500;

export class TransactionsPageQuery {
  @ApiPropertyOptional({ description: 'Page size.', minimum: 1, maximum: 5000, default: DEFAULT_TRANSACTIONS_PAGE })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(5000)
  limit?: number;

  @ApiPropertyOptional({ description: 'The next_cursor of the previous page.' })
  @IsOptional() @IsString() @MaxLength(400)
  cursor?: string;
}
