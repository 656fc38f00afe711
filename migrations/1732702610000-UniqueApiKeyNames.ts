import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API key names are unique (issue 22, finding 8): the audit trail and the per-key caps name a key
 * by its name, so two keys called "dashboard" made both ambiguous. Revoked keys count too, since
 * their audit entries stay. Existing duplicates: the oldest key keeps the name, each later one
 * becomes "name (its id)", and each rename is an audit entry (actor `system`, action `rename`).
 */
export class UniqueApiKeyNames1732702610000 implements MigrationInterface {
  name = 'UniqueApiKeyNames1732702610000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      WITH ranked AS (
        SELECT id, name, row_number() OVER (PARTITION BY name ORDER BY created_at, id) AS n FROM api_keys
      ), renamed AS (
        UPDATE api_keys k SET name = k.name || ' (' || k.id || ')'
          FROM ranked r WHERE r.id = k.id AND r.n > 1
        RETURNING k.id, r.name AS old_name, k.name AS new_name
      )
      INSERT INTO audit_log (actor, action, entity_type, entity_id, change)
      SELECT 'system', 'rename', 'api_key', id,
             jsonb_build_object('from', old_name, 'to', new_name, 'why', 'API key names are unique')
        FROM renamed`);
    await q.query(`ALTER TABLE api_keys ADD CONSTRAINT api_keys_name_key UNIQUE (name)`);
  }

  /** The renamed keys keep their new names: which one was which is in the audit log. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE api_keys DROP CONSTRAINT api_keys_name_key`);
  }
}
