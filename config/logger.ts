// Structured JSON logs (pino) for the API, the worker and the start script. Every logger, the tests' too, is
// made here, so the options (level, base fields) live in one place.
import pino, { type Logger } from 'pino';
import { config } from './index';

/** A logger at `level` (default LOG_LEVEL); tests pass 'silent' or 'warn'. */
export function createLogger(level: string = config().LOG_LEVEL): Logger {
  return pino({ level, base: { service: 'aftersales' } });
}

export const logger = createLogger();
export const childLogger = (component: string) => logger.child({ component });
