import { Environment } from './environment';

/**
 * Typed, validated configuration: the only way domain code reads the environment. Built once
 * at start-up from a validated `Environment`; tests build their own.
 */
export class AppConfigService {
  constructor(private readonly env: Environment) {}

  get<K extends keyof Environment>(key: K): Environment[K] {
    return this.env[key];
  }

  get isProduction(): boolean {
    return this.env.NODE_ENV === 'production';
  }

  /** True when no DATABASE_URL is set and the in-process PostgreSQL is used. */
  get usesEmbeddedDatabase(): boolean {
    return !this.env.DATABASE_URL;
  }
}
