import { parseEd25519PrivateKey } from '@rct/common';
import { isIP } from 'node:net';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const normalized = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(normalized)) return true;
  if (['false', '0', 'no', 'off'].includes(normalized)) return false;
  return value;
};

const toInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  value === '' ? undefined : value;

/**
 * Every environment variable the service reads, with its default. `.env.example` documents the
 * same list for operators; keep both in step.
 */
export class Environment {
  @IsIn(NODE_ENVS)
  NODE_ENV: NodeEnv = 'development';

  @IsString()
  @MinLength(1)
  HOST = '127.0.0.1';

  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Unset: the embedded PostgreSQL (PGlite) under DATA_DIR. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, {
    message: 'DATABASE_URL must be a postgres:// or postgresql:// connection URL',
  })
  DATABASE_URL?: string = undefined;

  @IsString()
  @MinLength(1)
  DATA_DIR = './.data';

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_POOL_SIZE = 10;

  /** Off behind a pooler that cannot carry named statements (PgBouncer transaction mode < 1.21). */
  @Transform(toBoolean)
  @IsBoolean()
  DATABASE_PREPARED_STATEMENTS = true;

  /** List pages each cached list keeps while its table is unchanged; 0 turns the cache off. */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(100_000)
  LIST_CACHE_ENTRIES = 500;

  /**
   * Report answers (summary, heat map) kept per report while the tables they count are
   * unchanged, one per filter combination; 0 computes every report afresh.
   */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(100_000)
  REPORT_CACHE_ENTRIES = 100;

  /**
   * How long a kept summary is served at most, in ms: its overdue and due-soon counts move with
   * the clock, not only with writes (its `asOf` says when they were taken).
   */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  REPORT_CLOCK_WINDOW_MS = 5000;

  @Transform(toBoolean)
  @IsBoolean()
  MIGRATIONS_RUN = true;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  @Transform(toInteger)
  @IsInt()
  @Min(1024)
  HTTP_BODY_LIMIT = 1_048_576;

  /** A request must arrive whole within this (headers within 10 s); else 408 and close. */
  @Transform(toInteger)
  @IsInt()
  @Min(100)
  @Max(600_000)
  HTTP_REQUEST_TIMEOUT_MS = 30_000;

  /** Largest evidence file upload, in bytes (10 MiB); 413 above it. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  EVIDENCE_MAX_FILE_BYTES = 10_485_760;

  @Transform(toInteger)
  @IsInt()
  @Min(0)
  SHUTDOWN_GRACE_MS = 10_000;

  @Transform(toInteger)
  @IsInt()
  @Min(100)
  HEALTH_DB_TIMEOUT_MS = 1_000;

  /** HMAC key for access tokens; at least 32 bytes. Unset outside production: a random one. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters long' })
  JWT_SECRET?: string = undefined;

  /** Access token lifetime in seconds. */
  @Transform(toInteger)
  @IsInt()
  @Min(30)
  @Max(86_400)
  JWT_ACCESS_TTL = 900;

  /** A refresh token family dies after this many seconds without use. */
  @Transform(toInteger)
  @IsInt()
  @Min(60)
  REFRESH_TOKEN_IDLE_TTL = 7 * 86_400;

  /** A refresh token family dies this many seconds after sign-in, used or not. */
  @Transform(toInteger)
  @IsInt()
  @Min(60)
  REFRESH_TOKEN_ABSOLUTE_TTL = 30 * 86_400;

  /** Failed sign-ins per e-mail and per client IP before 429. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES = 5;

  /** Window, in seconds, over which failed sign-ins are counted. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  LOGIN_FAILURE_WINDOW = 900;

  /**
   * Ed25519 private key (PKCS#8 PEM, or that PEM in base64) that signs audit checkpoints.
   * Unset outside production: one generated into DATA_DIR (in memory under test).
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  AUDIT_SIGNING_KEY?: string = undefined;

  /** Seconds between audit checkpoints (written only when events were added). */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(86_400)
  AUDIT_CHECKPOINT_INTERVAL = 300;

  /**
   * Redis shared by every instance for sign-in throttling and the rate limits. Unset: each
   * instance counts in its own memory.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string = undefined;

  /**
   * Which proxies' X-Forwarded-For to believe for the client address: unset or `false` for
   * none, `true` for any, a hop count, or a comma-separated list of addresses or CIDR ranges.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  TRUST_PROXY?: string = undefined;

  /** Requests per minute per client address without a signed-in user; 0 turns it off. */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  RATE_LIMIT_ANONYMOUS = 120;

  /** Requests per minute per signed-in user; 0 turns it off. */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  RATE_LIMIT_AUTHENTICATED = 600;

  /** A webhook delivery that has no 2xx answer within this many milliseconds failed. */
  @Transform(toInteger)
  @IsInt()
  @Min(100)
  @Max(120_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /** Seconds to wait before each retry of a failed delivery; after the last, it is dead. */
  @Matches(/^\d{1,7}(,\d{1,7}){0,19}$/, {
    message: 'WEBHOOK_RETRY_SCHEDULE must be 1-20 comma-separated whole seconds, e.g. 10,60,300',
  })
  WEBHOOK_RETRY_SCHEDULE = '10,60,300,1800,7200,21600,86400';

  /** Allow http:// webhook targets (development and tests only). */
  @Transform(toBoolean)
  @IsBoolean()
  WEBHOOK_ALLOW_HTTP = false;

  /** Allow webhook targets on loopback, private, link-local and metadata addresses. */
  @Transform(toBoolean)
  @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_TARGETS = false;

  /** How often each instance looks for due webhook deliveries, in milliseconds. */
  @Transform(toInteger)
  @IsInt()
  @Min(10)
  @Max(60_000)
  WEBHOOK_POLL_INTERVAL_MS = 1_000;

  /** Deliveries an instance claims and sends at once. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(500)
  WEBHOOK_BATCH_SIZE = 20;

  /**
   * Key that seals webhook signing secrets at rest (AES-256-GCM); at least 32 characters.
   * Unset: secrets are stored unsealed (a warning at start in production).
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'WEBHOOK_SECRET_KEY must be at least 32 characters long' })
  WEBHOOK_SECRET_KEY?: string = undefined;

  /** Seconds an answer stored under an Idempotency-Key is replayed; then the key is purged. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(31_536_000)
  IDEMPOTENCY_TTL = 86_400;

  /** Seconds between runs of scheduled work (expiry of risk acceptances). */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(86_400)
  SCHEDULER_INTERVAL_SECONDS = 60;

  /** First admin, created at start-up when no user exists. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsEmail({}, { message: 'ADMIN_EMAIL must be an e-mail address' })
  ADMIN_EMAIL?: string = undefined;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @Length(12, 128, { message: 'ADMIN_PASSWORD must be 12 to 128 characters long' })
  ADMIN_PASSWORD?: string = undefined;

  /**
   * Longest an export may run, in seconds: a client that reads slower (or stops) is cut off
   * there, and the export's snapshot and pooled connection are released.
   */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(86_400)
  EXPORT_TIMEOUT_SECONDS = 300;
}

/** Rules that span several variables. */
function crossFieldProblems(env: Environment): string[] {
  const problems: string[] = [];
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    problems.push('JWT_SECRET must be set in production (at least 32 random characters)');
  }
  problems.push(...signingKeyProblems(env));
  if (env.TRUST_PROXY !== undefined && parseTrustProxy(env.TRUST_PROXY) === undefined) {
    problems.push(
      'TRUST_PROXY must be true, false, a hop count, or a comma-separated list of addresses or CIDR ranges',
    );
  }
  if (env.REFRESH_TOKEN_IDLE_TTL > env.REFRESH_TOKEN_ABSOLUTE_TTL) {
    problems.push('REFRESH_TOKEN_IDLE_TTL must not exceed REFRESH_TOKEN_ABSOLUTE_TTL');
  }
  if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD) && env.NODE_ENV === 'production') {
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  return problems;
}

function signingKeyProblems(env: Environment): string[] {
  if (!env.AUDIT_SIGNING_KEY) {
    return env.NODE_ENV === 'production'
      ? [
          'AUDIT_SIGNING_KEY must be set in production (an Ed25519 private key: openssl genpkey -algorithm ed25519)',
        ]
      : [];
  }
  try {
    parseEd25519PrivateKey(env.AUDIT_SIGNING_KEY);
    return [];
  } catch (error) {
    return [`AUDIT_SIGNING_KEY ${(error as Error).message} (an Ed25519 PKCS#8 PEM or its base64)`];
  }
}

/** Fastify's `trustProxy` for a TRUST_PROXY value; undefined when the value means nothing. */
export function parseTrustProxy(
  value: string | undefined,
): boolean | number | string[] | undefined {
  if (value === undefined) return false;
  const text = value.trim().toLowerCase();
  if (['false', 'off', 'no'].includes(text)) return false;
  if (['true', 'on', 'yes'].includes(text)) return true;
  if (/^\d+$/.test(text)) return Number(text) === 0 ? false : Number(text);
  const entries = text.split(',').map((entry) => entry.trim());
  const valid = entries.every((entry) => {
    const [address, prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0) return false;
    if (prefix === undefined) return true;
    return /^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
  });
  return valid && entries.length > 0 ? entries : undefined;
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigValidationError';
  }
}

/** Parses and validates raw environment values; throws one error naming every bad variable. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const known = Object.keys(new Environment());
  const present = Object.fromEntries(
    Object.entries(raw).filter(([key, value]) => value !== undefined && known.includes(key)),
  );
  const env = plainToInstance(Environment, present, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  const problems = errors.map((error) => {
    const messages = Object.values(error.constraints ?? {});
    return messages[0] ?? `${error.property} is invalid`;
  });
  if (problems.length === 0) problems.push(...crossFieldProblems(env));
  if (problems.length > 0) {
    throw new ConfigValidationError(problems);
  }
  return env;
}
