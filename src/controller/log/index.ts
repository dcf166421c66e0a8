/** Structured logging with personal data masked (see create-logger.ts). */
export { createLogger, REDACT_PATHS, type LoggerOptions } from './create-logger';
