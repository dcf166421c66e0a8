/** The OpenAPI 3.1 document of the API, generated from the route table so it cannot drift from the routes. */
import { z } from 'zod';
import type { RouteSpec } from './route-table';

/** The document for `routes`. */
export function openApiDocument(routes: readonly RouteSpec[]): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:([a-zA-Z]+)/g, '{$1}');
    const params = [...r.url.matchAll(/:([a-zA-Z]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const queryParams = r.query ? Object.entries((z.toJSONSchema(r.query, { io: 'input' }) as { properties?: Record<string, unknown> }).properties ?? {}).map(([name, schema]) => ({ name, in: 'query', required: false, schema })) : [];
    (paths[path] ??= {})[r.method.toLowerCase()] = {
      summary: r.summary,
      'x-roles': r.access === 'public' ? 'public' : [...r.access],
      ...(r.access === 'public' ? { security: [] } : {}),
      parameters: [...params, ...queryParams],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(r.body) } } } } : {}),
      responses: {
        '200': { description: 'success' },
        '400': { description: 'invalid request: { "error", "field" }' },
        ...(r.access === 'public' ? {} : { '401': { description: 'not signed in' }, '403': { description: 'role not allowed, or missing CSRF token' } }),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'cardline API', version: '0.1.0', description: 'Production control for chip ID cards: orders, stock ledger, audit log, reports.' },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'cardline_session' },
        csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
      },
    },
    security: [{ session: [], csrf: [] }],
    paths: { ...paths, '/api/openapi.json': { get: { summary: 'this document', security: [], responses: { '200': { description: 'the OpenAPI document' } } } } },
  };
}
