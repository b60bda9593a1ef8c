import { ApiProperty } from '@nestjs/swagger';

export class CategoryResponse {
  @ApiProperty({ example: 'groceries' }) id!: string;
  @ApiProperty({ type: String, nullable: true, enum: ['income', 'expense'], description: 'The root it belongs to; null for a root.' }) parent!: string | null;
  @ApiProperty({ enum: ['income', 'expense'] }) kind!: string;
  @ApiProperty({ example: 'Groceries' }) label!: string;
  @ApiProperty({ example: 'Alimentation' }) label_fr!: string;
}
