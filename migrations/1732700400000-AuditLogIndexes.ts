import { MigrationInterface, QueryRunner } from 'typeorm';

/** `GET /v1/audit?actor=` and `?from=&to=` read newest first without scanning the whole log. */
export class AuditLogIndexes1732700400000 implements MigrationInterface {
  name = 'AuditLogIndexes1732700400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX audit_log_actor ON audit_log (actor, id)`);
    await q.query(`CREATE INDEX audit_log_at ON audit_log (at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_log_at`);
    await q.query(`DROP INDEX audit_log_actor`);
  }
}
