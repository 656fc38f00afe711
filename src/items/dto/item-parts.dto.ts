import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { IsMoneyValue, MoneyDto } from '../../common/money.dto';
import { IsLanguageTag, IsText } from '../../common/validators';
import { ACTOR_ROLES, CITATION_ROLES, QUALIFIERS } from '../status-scales';

export class AmountDto extends MoneyDto {
  @ApiProperty({ example: '40000000000' })
  @IsMoneyValue()
  @Matches(/[1-9]/, { message: 'value must be greater than zero' })
  declare value: string;

  @ApiPropertyOptional({ enum: QUALIFIERS, default: 'exactly' })
  @IsOptional()
  @IsIn(QUALIFIERS)
  qualifier?: string;
}

export class ItemActorDto {
  @ApiProperty() @IsUUID() actorId: string;
  @ApiProperty({ enum: ACTOR_ROLES }) @IsIn(ACTOR_ROLES) role: string;
}

export class CitationDto {
  @ApiProperty() @IsUUID() sourceId: string;
  @ApiProperty({ enum: CITATION_ROLES }) @IsIn(CITATION_ROLES) role: string;
  @ApiPropertyOptional({ example: 'fr' }) @IsOptional() @IsLanguageTag() language?: string;
  @ApiProperty({ description: "The passage in the source's own language" }) @IsText(5000) quote: string;
  @ApiPropertyOptional() @IsOptional() @IsText(5000) translation?: string;
}
