export { AppConfigModule } from './app-config.module';
export { AppConfigService } from './app-config.service';
export {
  ConfigValidationError,
  Environment,
  LOG_LEVELS,
  NODE_ENVS,
  parseTrustProxy,
  validateEnvironment,
} from './environment';
export type { LogLevel, NodeEnv } from './environment';
export { checkEnvironmentOrExit } from './preflight';
