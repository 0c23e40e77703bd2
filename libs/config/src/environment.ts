import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
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

  @Transform(toBoolean)
  @IsBoolean()
  MIGRATIONS_RUN = true;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  @Transform(toInteger)
  @IsInt()
  @Min(1024)
  HTTP_BODY_LIMIT = 1_048_576;

  @Transform(toInteger)
  @IsInt()
  @Min(0)
  SHUTDOWN_GRACE_MS = 10_000;

  @Transform(toInteger)
  @IsInt()
  @Min(100)
  HEALTH_DB_TIMEOUT_MS = 1_000;
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
  if (errors.length > 0) {
    throw new ConfigValidationError(
      errors.map((error) => {
        const messages = Object.values(error.constraints ?? {});
        return messages[0] ?? `${error.property} is invalid`;
      }),
    );
  }
  return env;
}
