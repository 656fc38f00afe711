import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `uuid-ossp` was created by TypeORM itself whenever a DataSource with uuid-keyed entities
 * connected, migrations included. Migrations now run without entities (src/database/ no longer
 * imports them), so the extension that schema.sql lists is created here, by name. Nothing calls
 * its functions (ids default to gen_random_uuid()); `down` drops it only if nothing depends on it.
 */
export class UuidOsspExtension1732703000000 implements MigrationInterface {
  name = 'UuidOsspExtension1732703000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS "uuid-ossp"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP EXTENSION IF EXISTS "uuid-ossp" RESTRICT`);
  }
}
