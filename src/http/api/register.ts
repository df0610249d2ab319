/** Mounts the route table on Fastify: authentication, zod parsing, status codes, problem+json errors. */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { App } from '../../app.js';
import { parseWith } from '../../validation.js';
import { authenticate } from './auth.js';
import { sendProblem, toProblem } from './problem.js';
import type { Route } from './route.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * A frozen result is shared by many requests (issue-document-cache.ts): its JSON is computed once
 * and kept as long as the object lives. A string sent with a JSON content type goes out as is.
 */
const serialized = new WeakMap<object, string>();
function serializedOnce(result: object): string {
  let json = serialized.get(result);
  if (json === undefined) {
    json = JSON.stringify(result);
    serialized.set(result, json);
  }
  return json;
}

const parse = <T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T => (schema ? parseWith(schema, value ?? {}, where) : (undefined as T));

export function registerApi(server: FastifyInstance, app: App, routes: readonly Route[]): void {
  server.setErrorHandler((error, request, reply) => {
    const { problem, headers } = toProblem(error, app.log, request);
    return sendProblem(reply, problem, headers);
  });
  server.setNotFoundHandler((request, reply) =>
    sendProblem(reply, { type: 'about:blank', title: 'Not Found', status: 404, detail: `no route ${request.method} ${request.url.split('?')[0]}` }, {}),
  );
  for (const spec of routes) {
    server.route({
      method: spec.method,
      url: `/api/v1${spec.path}`,
      async handler(request, reply) {
        const user = spec.public ? (undefined as never) : await authenticate(app, request);
        const params = parse(spec.params, request.params, 'path');
        const query = parse(spec.query, request.query, 'query');
        const body = spec.body ? parse(spec.body, request.body, 'body') : undefined;
        const result = await spec.handler({ app, user, params, query, body, request, reply });
        reply.code(spec.status ?? 200);
        if (result === null || spec.status === 204) return reply.send();
        if (typeof result === 'object' && Object.isFrozen(result)) return reply.type(JSON_TYPE).send(serializedOnce(result));
        return result;
      },
    });
  }
}
