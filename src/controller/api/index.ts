/** The HTTP API of the console (fastify). */
export { buildApi, type ApiOptions } from './server';
export { ApiError } from './api-error';
export { SESSION_COOKIE } from './routes';
export type { RouteSpec, Access } from './route-table';
export { ConsoleLine, type LineStarter } from './console-line';
