import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Page, PageQuery } from '../common/pagination';
import { ProblemError } from '../common/problem';
import { FollowUpErrors } from '../follow-ups/follow-ups.errors';
import { followUpDeliveries, ReminderDeliveryView } from './follow-up-deliveries.query';

@Injectable()
export class FollowUpDeliveriesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(followUpId: string, query: PageQuery): Promise<Page<ReminderDeliveryView>> {
    const [exists]: unknown[] = await this.db.query(`SELECT 1 FROM follow_ups WHERE id = $1`, [followUpId]);
    if (!exists) throw new ProblemError(FollowUpErrors.NOT_FOUND, `Follow-up ${followUpId} does not exist`);
    return followUpDeliveries(this.db.manager, followUpId, query);
  }
}
