import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every CHECK constraint gets a name that says what it guards. The first migrations left some to
 * PostgreSQL, which called them `items_check1` and the like: a violation then named nothing a
 * reader could act on. Only names change; no definition does.
 */
const RENAMES: [table: string, from: string, to: string][] = [
  ['actors', 'actors_kind_check', 'actors_kind_known'],
  ['api_keys', 'api_keys_role_check', 'api_keys_role_known'],
  ['citations', 'citations_role_check', 'citations_role_known'],
  ['follow_ups', 'follow_ups_state_check', 'follow_ups_state_known'],
  ['item_actors', 'item_actors_role_check', 'item_actors_role_known'],
  ['items', 'items_amount_value_check', 'items_amount_positive'],
  ['items', 'items_check', 'items_amount_value_with_currency'],
  ['items', 'items_check1', 'items_period_ordered'],
  ['items', 'items_check2', 'items_claim_without_commitment_fields'],
  ['items', 'items_check3', 'items_status_on_kind_scale'],
  ['items', 'items_check4', 'items_initial_status_on_kind_scale'],
  ['items', 'items_due_precision_check', 'items_due_precision_known'],
  ['items', 'items_kind_check', 'items_kind_known'],
  ['items', 'items_recurrence_check', 'items_recurrence_known'],
  ['items', 'items_status_check', 'items_status_known'],
  ['sources', 'sources_check', 'sources_text_with_hash'],
  ['sources', 'sources_kind_check', 'sources_kind_known'],
  ['updates', 'updates_delivered_value_check', 'updates_delivered_nonnegative'],
  ['updates', 'updates_progress_percent_check', 'updates_percent_in_range'],
  ['webhook_attempts', 'webhook_attempts_attempt_check', 'webhook_attempts_attempt_positive'],
  ['webhook_deliveries', 'webhook_deliveries_attempts_check', 'webhook_deliveries_attempts_nonnegative'],
  ['webhook_deliveries', 'webhook_deliveries_state_check', 'webhook_deliveries_state_known'],
];

export class NameCheckConstraints1732702000000 implements MigrationInterface {
  name = 'NameCheckConstraints1732702000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, from, to] of RENAMES)
      await q.query(`ALTER TABLE ${table} RENAME CONSTRAINT ${from} TO ${to}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, from, to] of RENAMES)
      await q.query(`ALTER TABLE ${table} RENAME CONSTRAINT ${to} TO ${from}`);
  }
}
