import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsText, Nested } from '../../common/validators';
import { ALL_STATUSES, ITEM_KINDS, type ItemKind } from '../../items/status-scales';
import type { PublicFilter } from '../publications.repository';

const STATUS = `(?:${ALL_STATUSES.join('|')})`;

export class PublicFilterDto implements PublicFilter {
  @ApiPropertyOptional({ enum: ITEM_KINDS }) @IsOptional() @IsIn(ITEM_KINDS) kind?: ItemKind;
  @ApiPropertyOptional() @IsOptional() @IsText(64) tag?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() actorId?: string;
  @ApiPropertyOptional({ description: 'A status or a comma list, e.g. agreed,in_progress' })
  @IsOptional()
  @Matches(new RegExp(`^${STATUS}(?:,${STATUS})*$`), { message: 'status must be a comma list of statuses' })
  status?: string;
}

export const PAGE_LANGUAGES = ['en', 'fr'] as const;

export class CreatePublicationDto {
  @ApiProperty({ example: 'Aid pledged to Ukraine' }) @IsText(200) title: string;
  @ApiPropertyOptional() @IsOptional() @IsText(2000) description?: string;
  @ApiPropertyOptional({
    example: 'aid-to-ukraine',
    description:
      'The page’s address /p/<slug>: lower-case letters, digits and single hyphens; default from the title',
  })
  @IsOptional()
  @MaxLength(64)
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
    message: 'slug must be lower-case letters and digits joined by single hyphens',
  })
  slug?: string;
  @ApiProperty({ type: PublicFilterDto, description: 'Which items the page shows; {} shows every item' })
  @IsObject()
  @Nested(() => PublicFilterDto)
  filter: PublicFilterDto;
  @ApiPropertyOptional({
    enum: PAGE_LANGUAGES,
    description: 'When the reader’s Accept-Language names neither; default en',
  })
  @IsOptional()
  @IsIn(PAGE_LANGUAGES)
  language?: 'en' | 'fr';
}
