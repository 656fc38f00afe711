import { Module } from '@nestjs/common';
import { EventsRepository } from './events.repository';
import { Outbox } from './outbox.service';

@Module({ providers: [Outbox, EventsRepository], exports: [Outbox] })
export class EventsModule {}
