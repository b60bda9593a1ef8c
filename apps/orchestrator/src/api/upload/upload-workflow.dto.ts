import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** The text fields of the multipart form; the file arrives apart, through multer. */
export class UploadWorkflowDto {
  @IsString() @IsNotEmpty() @MaxLength(200)
  user_id!: string;
}

/** What multer's memory storage hands over (the part this service reads). */
export interface UploadedStatement {
  originalname: string;
  size: number;
  buffer: Buffer;
}

export const UPLOAD_BODY_SCHEMA = {
  type: 'object',
  required: ['file', 'user_id'],
  properties: {
    file: { type: 'string', format: 'binary', description: 'The statement file (OFX/QFX, CAMT.052/053, CSV, QIF, MT940, or PDF: text or scanned, recognised by its %PDF- signature), at most 20 MB.' },
    user_id: { type: 'string', maxLength: 200, example: 'user123', description: 'The user the statement belongs to.' },
  },
};
