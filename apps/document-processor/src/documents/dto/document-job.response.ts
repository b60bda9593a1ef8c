import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DocumentResultResponse } from './document-result.response.js';

export class JobProgressResponse {
  @ApiProperty({ example: 3 }) done!: number;
  @ApiProperty({ example: 10 }) total!: number;
  @ApiProperty({ enum: ['pages'], example: 'pages' }) unit!: 'pages';
}

export class DocumentJobResponse {
  @ApiProperty({ format: 'uuid' }) job_id!: string;
  @ApiProperty({ enum: ['running', 'completed', 'failed'], description: 'running until the parse ends; then completed (see result) or failed (see problem).' })
  status!: 'running' | 'completed' | 'failed';
  @ApiProperty({ type: JobProgressResponse, nullable: true, description: 'Pages read so far (PDF; OCR reports each page), at most about once a second; null before the first report.' })
  progress!: JobProgressResponse | null;
  @ApiPropertyOptional({ type: DocumentResultResponse, description: 'When completed: what POST /documents/process answers with 200.' })
  result?: DocumentResultResponse;
  @ApiPropertyOptional({ description: 'When failed: the problem+json the synchronous call would have answered (its `status` says 422, 404, 400 or 500).', type: Object })
  problem?: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiPropertyOptional({ format: 'date-time' }) finished_at?: string;
}
