import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class ProcessDocumentDto {
  /** Relative to DOCUMENTS_DIR (or absolute inside it); `..` and paths outside it are refused. */
  @ApiProperty({
    description: 'Path of the statement file, relative to the documents directory (or absolute inside it). `..` segments and paths outside it are refused.',
    example: 'uploads/user123/2024-03.ofx',
    maxLength: 1024,
  })
  @IsString() @IsNotEmpty() @MaxLength(1024)
  document_path!: string;

  @ApiProperty({ description: 'The user the statement belongs to (recorded in logs only: parsing does not depend on it).', example: 'user123', maxLength: 200 })
  @IsString() @IsNotEmpty() @MaxLength(200)
  user_id!: string;
}

export class ParseUploadDto {
  @ApiProperty({ description: 'The statement file (OFX/QFX, CAMT.052/053, CSV, QIF or MT940).', type: 'string', format: 'binary' })
  file?: unknown;
}
