/**
 * Startup options of every connection the service opens (the TypeORM pool, the LISTEN connection,
 * pg-boss's pool): sessions run in UTC, so a bare date or a timestamp without a zone that reaches
 * PostgreSQL (`$1::timestamptz`, `::date` of an instant) means what `parseInstant` reads, midnight
 * UTC, whatever the server's or the database's default time zone.
 */
export const SESSION_OPTIONS = '-c timezone=UTC';
