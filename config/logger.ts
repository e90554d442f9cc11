// Structured JSON logs (pino) for the API, the worker and the start script.
import pino from 'pino';
import { config } from './index';

export const logger = pino({ level: config().LOG_LEVEL, base: { service: 'aftersales' } });
export const childLogger = (component: string) => logger.child({ component });
