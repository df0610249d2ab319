/**
 * The HTTP face of `escalator serve`: the REST API under /api/v1, its OpenAPI document and docs
 * page, Prometheus metrics, health checks. It reads the app; the engine and the domains know
 * nothing of HTTP.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { App } from '../app.js';
import { registerApi } from './api/register.js';
import { apiRoutes } from './api/routes/index.js';
import { docsPage, openApiDocument } from './api/openapi.js';

export interface ServerStatus {
  nextRunAt(): number | null;
}

export const API_VERSION = '1.0.0';

export function buildServer(app: App, status: ServerStatus): FastifyInstance {
  const server = Fastify({ logger: false, bodyLimit: 5 * 1024 * 1024 });
  // An empty body with a JSON content type (curl -X POST -H 'content-type: application/json') is "no body", not an error.
  server.removeContentTypeParser('application/json');
  server.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    if (body === '') return done(null, undefined);
    try {
      done(null, JSON.parse(body as string));
    } catch (error) {
      done(Object.assign(new Error(`the body is not valid JSON: ${(error as Error).message}`), { statusCode: 400 }), undefined);
    }
  });
  registerApi(server, app, apiRoutes);
  const document = openApiDocument(apiRoutes, API_VERSION);

  server.get('/api/openapi.json', async () => document);
  server.get('/api/docs', async (_request, reply) => reply.type('text/html; charset=utf-8').send(docsPage));

  server.get('/metrics', async (_request, reply) => reply.type('text/plain; version=0.0.4; charset=utf-8').send(await app.metrics.text()));

  const database = async () => {
    await sql`select 1`.execute(app.store.db);
  };
  server.get('/healthz', async (_request, reply) => {
    try {
      await database();
    } catch (error) {
      return reply.code(503).send({ status: 'unavailable', database: (error as Error).message });
    }
    const next = status.nextRunAt();
    return { status: 'ok', database: app.store.dialect, nextRunAt: next === null ? null : new Date(next).toISOString() };
  });
  server.get('/readyz', async (_request, reply) => {
    try {
      await database();
      return { status: 'ready' };
    } catch (error) {
      return reply.code(503).send({ status: 'not ready', reason: (error as Error).message });
    }
  });

  server.get('/', async (_request, reply) => {
    const next = status.nextRunAt();
    reply.type('text/html; charset=utf-8');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Escalator</title></head>
<body><h1>Escalator</h1><p>Running on ${app.store.dialect}. Next escalations run: ${next === null ? 'not scheduled' : new Date(next).toISOString()}.</p>
<p><a href="/api/docs">API documentation</a> · <a href="/api/openapi.json">OpenAPI document</a> · <a href="/healthz">/healthz</a> · <a href="/metrics">/metrics</a></p></body></html>`;
  });

  return server;
}
