import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { IsText } from '../../common/validators';
import { ACTOR_KINDS, type ActorKind } from '../actor-kinds';

export class CreateActorDto {
  @ApiProperty({ example: 'Rustem Umerov' }) @IsText(300) name: string;
  @ApiProperty({ enum: ACTOR_KINDS }) @IsIn(ACTOR_KINDS) kind: ActorKind;
  @ApiPropertyOptional({ example: ['Roustem Oumierov'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsText(300, 1, { each: true })
  aliases?: string[];
  @ApiPropertyOptional() @IsOptional() @IsText(5000) description?: string;
}

export class UpdateActorDto extends PartialType(CreateActorDto) {}

export class ListActorsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Name or alias, case- and accent-insensitive' })
  @IsOptional()
  @IsText(200)
  q?: string;
  @ApiPropertyOptional({ enum: ACTOR_KINDS }) @IsOptional() @IsIn(ACTOR_KINDS) kind?: ActorKind;
}
