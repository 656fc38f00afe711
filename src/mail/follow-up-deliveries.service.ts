import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Page, PageQuery } from '../common/pagination';
import { ProblemError } from '../common/problem';
import { FollowUpErrors } from '../follow-ups/follow-ups.errors';
import { FollowUpsRepository } from '../follow-ups/follow-ups.repository';
import { ReminderDeliveryView } from './follow-up-deliveries.query';
import { MailDeliveriesRepository } from './mail-deliveries.repository';

@Injectable()
export class FollowUpDeliveriesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly followUps: FollowUpsRepository,
    private readonly deliveries: MailDeliveriesRepository,
  ) {}

  async list(followUpId: string, query: PageQuery): Promise<Page<ReminderDeliveryView>> {
    if (!(await this.followUps.exists(this.db.manager, followUpId)))
      throw new ProblemError(FollowUpErrors.NOT_FOUND, `Follow-up ${followUpId} does not exist`);
    return this.deliveries.followUpDeliveries(followUpId, query);
  }
}
