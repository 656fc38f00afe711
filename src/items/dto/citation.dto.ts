import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsLanguageTag, IsText } from '../../common/validators';

/** The roles a citation added after creation may have: the origin is set when the item is logged. */
export const LATER_CITATION_ROLES = ['support', 'contradict', 'context'] as const;
export type LaterCitationRole = (typeof LATER_CITATION_ROLES)[number];

/** POST /v1/items/:id/citations: a passage of any source, checked against its text. */
export class AddCitationDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() sourceId: string;
  @ApiProperty({ enum: LATER_CITATION_ROLES })
  @IsIn(LATER_CITATION_ROLES, { message: 'role must be one of: support, contradict, context' })
  role: LaterCitationRole;
  @ApiPropertyOptional({ example: 'en' }) @IsOptional() @IsLanguageTag() language?: string;
  @ApiProperty({ description: "The passage in the source's own language" }) @IsText(5000) quote: string;
  @ApiPropertyOptional() @IsOptional() @IsText(5000) translation?: string;
}
