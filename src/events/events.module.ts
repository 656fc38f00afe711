import { Module } from '@nestjs/common';
import { Outbox } from './outbox.service';

@Module({ providers: [Outbox], exports: [Outbox] })
export class EventsModule {}
