/**
 * The HTTP face of `escalator serve`: health checks for now (the REST API and the web UI mount
 * here). It reads the app; the engine and domains know nothing of HTTP.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { App } from '../app.js';

export interface ServerStatus {
  nextRunAt(): number | null;
}

export function buildServer(app: App, status: ServerStatus): FastifyInstance {
  const server = Fastify({ logger: false });

  server.get('/healthz', async (_request, reply) => {
    try {
      await sql`select 1`.execute(app.store.db);
    } catch (error) {
      return reply.code(503).send({ status: 'unavailable', database: (error as Error).message });
    }
    const next = status.nextRunAt();
    return { status: 'ok', database: app.store.dialect, nextRunAt: next === null ? null : new Date(next).toISOString() };
  });

  server.get('/', async (_request, reply) => {
    const next = status.nextRunAt();
    reply.type('text/html; charset=utf-8');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Escalator</title></head>
<body><h1>Escalator</h1><p>Running on ${app.store.dialect}. Next escalations run: ${next === null ? 'not scheduled' : new Date(next).toISOString()}.</p>
<p>Health: <a href="/healthz">/healthz</a></p></body></html>`;
  });

  return server;
}
