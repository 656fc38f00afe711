import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { ACTOR_KINDS, type ActorKind } from './actor-kinds';
import type { Actor } from './actor.entity';

@ApiSchema({ name: 'Actor' })
export class ActorSchema implements Omit<Actor, 'createdBy'> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Rustem Umerov' }) name: string;
  @ApiProperty({ enum: ACTOR_KINDS }) kind: ActorKind;
  @ApiProperty({ type: [String], example: ['Roustem Oumierov'] }) aliases: string[];
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}
