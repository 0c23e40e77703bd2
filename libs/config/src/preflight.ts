import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'dotenv';
import { ConfigValidationError, Environment, validateEnvironment } from './environment';

/**
 * Validates the environment before Nest boots, so that a bad value stops the process with one
 * readable line instead of a stack trace from deep inside module initialisation.
 */
export function checkEnvironmentOrExit(envFile = '.env'): Environment {
  const fromFile = existsSync(envFile) ? parse(readFileSync(envFile)) : {};
  try {
    return validateEnvironment({ ...fromFile, ...process.env });
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
