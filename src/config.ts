import { plainToInstance, Transform } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Matches,
  Min,
  MinLength,
  Validate,
  validateSync,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import ipaddr from 'ipaddr.js';
import { availableParallelism } from 'node:os';
import { MAIL_DOMAIN_LIST } from './common/mail-domains';

const toBool = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : value === 'true' || value === true;
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);
/** An empty value is no value (docker-compose passes `${VAR:-}` through as ''). */
const emptyAsUnset = ({ value }: { value: unknown }) => (value === '' ? undefined : value);
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '')
    : value;

@ValidatorConstraint({ name: 'isAddressOrCidr' })
class IsAddressOrCidr implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    return value.includes('/') ? ipaddr.isValidCIDR(value) : ipaddr.isValid(value);
  }
  defaultMessage(): string {
    return 'each entry must be an IP address or a CIDR range';
  }
}

/** The Nest token of the loaded AppConfig (provided globally by AppModule). Here, not in app.module, so features can import it without a cycle. */
export const APP_CONFIG = 'APP_CONFIG';

/** Every setting the service reads from the environment, validated at boot. */
export class AppConfig {
  @IsOptional() @IsString() DATABASE_URL?: string;
  /**
   * A direct connection to the same database, for migrations and the LISTEN connection, when
   * DATABASE_URL points at a pooler in transaction mode (PgBouncer). Defaults to DATABASE_URL.
   */
  @Transform(emptyAsUnset) @IsOptional() @IsString() DATABASE_DIRECT_URL?: string;
  /**
   * A streaming replica of the same database: lists, stats, exports, feeds, candidates and
   * look-alikes read there (docs/scaling.md, "Read replicas"). Unset: everything reads the primary.
   */
  @Transform(emptyAsUnset) @IsOptional() @IsString() DATABASE_READ_URL?: string;
  /** How long a read by a key that just wrote waits for the replica to replay its write, then reads the primary. */
  @Transform(toInt) @IsInt() @Min(0) READ_YOUR_WRITES_WAIT_MS = 200;
  @Transform(toInt) @IsInt() @Min(0) @Max(65535) PORT = 3000;
  @IsString() HOST = '0.0.0.0';
  @IsOptional() @IsString() @MinLength(32) ADMIN_API_KEY?: string;
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';
  @IsString() DATA_DIR = '.data';
  @Transform(toBool) @IsBoolean() SCHEDULER_ENABLED = true;
  @Transform(toInt) @IsInt() @Min(10) REMINDER_POLL_MS = 5000;
  @Transform(toInt) @IsInt() @Min(1) WEBHOOK_RETRY_BASE_MS = 30000;
  @Transform(toInt) @IsInt() @Min(0) @Max(30) WEBHOOK_MAX_ATTEMPTS = 8;
  @Transform(toInt) @IsInt() @Min(1) WEBHOOK_TIMEOUT_MS = 10000;
  /**
   * A claimed delivery attempt (webhook or mail) is taken back after WEBHOOK_TIMEOUT_MS plus this
   * allowance for its database writes; only a dead worker's claim should ever run out. The crash
   * specs shorten it so the survivor takes over sooner.
   */
  @Transform(toInt) @IsInt() @Min(0) DELIVERY_LEASE_MARGIN_MS = 5000;
  @Transform(toBool) @IsBoolean() WEBHOOK_ALLOW_PRIVATE_NETWORKS = false;
  /** `npm run worker` only: serve Prometheus /metrics on this port (0: no listener). */
  @Transform(toInt) @IsInt() @Min(0) @Max(65535) WORKER_METRICS_PORT = 0;
  @Transform(toInt) @IsInt() @Min(1) DB_POOL_SIZE = 10;
  /** Bounds how long a request waits for a pooled connection or a new one, so a lost database fails fast (503). */
  @Transform(toInt) @IsInt() @Min(100) DB_CONNECT_TIMEOUT_MS = 2000;
  @Transform(toInt) @IsInt() @Min(100) DB_STATEMENT_TIMEOUT_MS = 30000;
  /** How long an idle pooled connection stays open; a new one pays its first statements about ten times over. */
  @Transform(toInt) @IsInt() @Min(1000) DB_IDLE_TIMEOUT_MS = 300000;
  /** How long an authenticated key stays cached when no revocation notice comes (0: no cache). */
  @Transform(toInt) @IsInt() @Min(0) API_KEY_CACHE_TTL_MS = 10000;
  /** Requests per API key (or per client address without a key) per minute. */
  @Transform(toInt) @IsInt() @Min(1) RATE_LIMIT_PER_MINUTE = 600;
  /** /metrics needs an admin key (scrapers send it as a bearer token) unless this is true. */
  @Transform(toBool) @IsBoolean() METRICS_PUBLIC = false;
  /**
   * Failed authentications per client address and key prefix per minute before that prefix gets
   * 429 from that address for the rest of the minute.
   */
  @Transform(toInt) @IsInt() @Min(1) AUTH_FAILURES_PER_MINUTE = 30;
  /**
   * Failed authentications per client address per minute (any prefix, or no key) before the
   * address gets 429 for keys the service did not issue; a valid key is never refused for them.
   */
  @Transform(toInt) @IsInt() @Min(1) AUTH_FAILURES_PER_ADDRESS_PER_MINUTE = 300;
  /**
   * Comma-separated addresses or CIDRs of the reverse proxies and load balancers in front of the
   * service: only their X-Forwarded-For names the client. Empty: the peer address is the client.
   */
  @Transform(toList) @IsArray() @Validate(IsAddressOrCidr, { each: true }) TRUST_PROXY: string[] = [];
  /**
   * redis://… (Redis or Valkey): rate limits and failed-authentication counters shared by every
   * replica. Unset: each replica counts on its own.
   */
  @Transform(emptyAsUnset)
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['redis', 'rediss'], require_protocol: true })
  REDIS_URL?: string;
  /** Comma-separated origins allowed to call the API from a browser; empty means no cross-origin access. */
  @IsString() CORS_ORIGINS = '';
  @Transform(toInt) @IsInt() @Min(1) MAX_WEBHOOKS_PER_KEY = 20;
  @Transform(toInt) @IsInt() @Min(1) MAX_OPEN_FOLLOW_UPS_PER_KEY = 1000;
  /** Where people reach this service: links in calendar feeds, Atom feeds and reminder mails start with it. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  PUBLIC_BASE_URL = 'http://localhost:3000';
  /** smtp://user:pass@host:port or smtps://…; unset: no reminder is mailed. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['smtp', 'smtps'], require_protocol: true })
  SMTP_URL?: string;
  /** The From of reminder mails. */
  @IsString() @MinLength(3) MAIL_FROM = 'Pledgewatch <pledgewatch@localhost>';
  /** Reminder mails to one address per hour; past it a due follow-up's mail is `skipped`. */
  @Transform(toInt) @IsInt() @Min(1) MAIL_PER_RECIPIENT_PER_HOUR = 20;
  /** Reminder mails asked for by one API key's follow-ups per hour; past it `skipped`. */
  @Transform(toInt) @IsInt() @Min(1) MAIL_PER_KEY_PER_HOUR = 200;
  /** Comma-separated domains (and their subdomains) reminder mails may go to; empty: any. */
  @Matches(MAIL_DOMAIN_LIST, {
    message: 'MAIL_ALLOWED_DOMAINS must be a comma-separated list of domain names',
  })
  MAIL_ALLOWED_DOMAINS = '';
  /** The whole request (headers and body) must arrive within this; past it 408 and the connection closes. */
  @Transform(toInt) @IsInt() @Min(1000) REQUEST_TIMEOUT_MS = 30_000;
  /** The request headers must arrive within this (at most REQUEST_TIMEOUT_MS). */
  @Transform(toInt) @IsInt() @Min(1000) HEADERS_TIMEOUT_MS = 10_000;
  /** Exports running at once on this replica (each holds a database connection while it streams). */
  @Transform(toInt) @IsInt() @Min(1) EXPORT_CONCURRENCY = 2;
  /** Exports one API key may run at once; past it, 429. */
  @Transform(toInt) @IsInt() @Min(1) EXPORTS_PER_KEY = 1;
  /** An export whose reader takes nothing for this long is cut off and its connection released. */
  @Transform(toInt) @IsInt() @Min(100) EXPORT_IDLE_TIMEOUT_MS = 30_000;
  /** Worker threads for CPU-heavy work (quote location); default every core but one. */
  @Transform(toInt) @IsInt() @Min(1) @Max(64) WORKER_THREADS = Math.max(1, availableParallelism() - 1);
  /** Heavy tasks allowed to wait for a worker thread; past it, 503 with Retry-After. */
  @Transform(toInt) @IsInt() @Min(0) WORKER_QUEUE_LIMIT = 64;
  /** One candidate extraction (GET /v1/sources/:id/candidates) is cut off after this: 503 with Retry-After. */
  @Transform(toInt) @IsInt() @Min(1) CANDIDATES_TIMEOUT_MS = 10_000;
  /** Candidate extractions one API key may run at once (cached answers are free); past it, 429. */
  @Transform(toInt) @IsInt() @Min(1) CANDIDATES_PER_KEY = 2;
  /** Rates one PUT /v1/fx-rates may hold (the 2 MB body limit holds ~290,000); past it, 422. */
  @Transform(toInt) @IsInt() @Min(1) FX_MAX_RATES = 300_000;
  /** Rates written per transaction of an FX load: the money lock is released between batches. */
  @Transform(toInt) @IsInt() @Min(1) @Max(100_000) FX_BATCH_SIZE = 5_000;
  /**
   * An Idempotency-Key claim's lease: its request renews it every third of this while it runs;
   * a claim not renewed for this long belongs to a dead process and a retry may take it over.
   */
  @Transform(toInt) @IsInt() @Min(300) IDEMPOTENCY_LEASE_MS = 60_000;
  /** POST /v1/sources/fetch and rechecks: the most bytes one page or PDF may have (past it, 422). */
  @Transform(toInt) @IsInt() @Min(1024) SOURCE_FETCH_MAX_BYTES = 5 * 1024 * 1024;
  /** …and how long the whole fetch may take, redirects included (past it, 422). */
  @Transform(toInt) @IsInt() @Min(100) SOURCE_FETCH_TIMEOUT_MS = 15_000;
  /** How often the worker rechecks each fetched source's URL: an ISO 8601 duration (spread ±10 %). */
  @Matches(/^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/, {
    message: 'RECHECK_EVERY must be an ISO 8601 duration such as P7D or PT12H',
  })
  RECHECK_EVERY = 'P7D';
  /** How often a scheduler pass looks for sources due for a recheck. */
  @Transform(toInt) @IsInt() @Min(10) RECHECK_POLL_MS = 60_000;
  /** How many claimed sources one scheduler rechecks at once (fetches overlap; reading stays on the bounded pool). */
  @Transform(toInt) @IsInt() @Min(1) @Max(10) RECHECK_CONCURRENCY = 4;
  /** How long SIGTERM waits for in-flight requests before giving up on them. */
  @Transform(toInt) @IsInt() @Min(0) SHUTDOWN_GRACE_MS = 10000;
}

/** Settings whose value is (or holds) a secret: a config error never prints it. */
const SECRETS = [
  'ADMIN_API_KEY',
  'DATABASE_URL',
  'DATABASE_DIRECT_URL',
  'DATABASE_READ_URL',
  'SMTP_URL',
  'REDIS_URL',
];

/** A value as a config error shows it: secrets hidden, a URL's password masked. */
function shown(name: string, value: string | undefined): string {
  if (value === undefined || !SECRETS.includes(name)) return JSON.stringify(value);
  const url = name !== 'ADMIN_API_KEY' && URL.canParse(value) ? new URL(value) : null;
  if (!url?.host) return `(hidden, ${value.length} characters)`;
  if (url.password) url.password = '***';
  return JSON.stringify(url.href);
}

/** Parses the environment; throws an error that names every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const picked = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => v !== undefined && (known.includes(k) || SECRETS.includes(k))),
  );
  const config = plainToInstance(AppConfig, picked);
  const errors = validateSync(config, { whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) =>
        `  ${e.property}=${shown(e.property, env[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}
