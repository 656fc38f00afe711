import { INSTANT_SCHEMA, IsInstant } from '../../common/instant';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, NotContains } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { IsLanguageTag, IsText } from '../../common/validators';
import { SOURCE_KINDS } from '../source-kinds';

const MAX_TEXT = 1024 * 1024;

export class CreateSourceDto {
  @ApiProperty({ example: 'https://www.tunisiefocus.com/international/otan-ukraine' })
  @IsText(2048)
  url: string;

  @ApiProperty() @IsText(1000) title: string;
  @ApiPropertyOptional() @IsOptional() @IsText(300) publisher?: string;
  @ApiPropertyOptional() @IsOptional() @IsText(300) author?: string;
  @ApiPropertyOptional({ ...INSTANT_SCHEMA, example: '2024-06-13T18:00:00Z' })
  @IsOptional()
  @IsInstant()
  publishedAt?: string;
  @ApiProperty({ example: 'fr' }) @IsLanguageTag() language: string;
  @ApiPropertyOptional({ enum: SOURCE_KINDS }) @IsOptional() @IsIn(SOURCE_KINDS) kind?: string;

  @ApiPropertyOptional({ description: 'Full text (up to 1 MB); immutable once set' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  @NotContains('\u0000', { message: 'text must not contain NUL characters' })
  text?: string;
}

/** Metadata only; `text` may be set once when it was missing, never changed. */
export class UpdateSourceDto extends PartialType(CreateSourceDto) {}

export class ListSourcesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Words in the title, publisher or author' })
  @IsOptional()
  @IsText(200)
  q?: string;
  @ApiPropertyOptional() @IsOptional() @IsText(300) publisher?: string;
  @ApiPropertyOptional() @IsOptional() @IsLanguageTag() language?: string;
}

export class FetchSourceDto {
  @ApiProperty({
    example: 'https://www.example.org/2024/06/13/otan-ukraine',
    description: 'An http(s) page or PDF',
  })
  @IsText(2048)
  url: string;
  @ApiPropertyOptional({ enum: SOURCE_KINDS, description: 'Default `news_article` (`report` for a PDF)' })
  @IsOptional()
  @IsIn(SOURCE_KINDS)
  kind?: string;
  @ApiPropertyOptional({
    example: 'fr',
    description: "Default: the page's own tag, else detected from its text",
  })
  @IsOptional()
  @IsLanguageTag()
  language?: string;
}
