import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsText } from '../../common/validators';
import { ITEM_KINDS, type ItemKind } from '../status-scales';

export class SimilarQuery {
  @ApiProperty({ description: 'A title or statement, e.g. as another outlet reported it' })
  @IsText(2000, 3)
  text: string;
  @ApiPropertyOptional({ enum: ITEM_KINDS }) @IsOptional() @IsIn(ITEM_KINDS) kind?: ItemKind;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 50, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit = 10;
}

export class MergeDto {
  @ApiProperty({ format: 'uuid', description: 'The item that survives' }) @IsUUID() intoId: string;
}
