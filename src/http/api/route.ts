/**
 * One table of routes drives both request handling and the OpenAPI document: each route names its
 * zod schemas once, the handler receives what they parsed, and openapi.ts renders the same schemas
 * as JSON Schema. There is no second, hand-written description to drift.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { App } from '../../app.js';
import type { UserRecord } from '../../storage/users.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContext<P, Q, B> {
  app: App;
  /** The signed-in user (undefined only on public routes). */
  user: UserRecord;
  params: P;
  query: Q;
  body: B;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface Route<P = unknown, Q = unknown, B = unknown> {
  method: Method;
  /** Below /api/v1, Fastify style: `/issues/:id`. */
  path: string;
  summary: string;
  tag: string;
  /** Public routes (sign-in) need no user. */
  public?: boolean;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** The success body, for the document; `csv` adds a text/csv alternative. */
  response?: z.ZodType;
  csv?: boolean;
  status?: number;
  handler(ctx: RouteContext<P, Q, B>): Promise<unknown>;
}

/** Keeps each route's types tied to its schemas. */
export function route<P = Record<string, never>, Q = Record<string, never>, B = undefined>(spec: Route<P, Q, B>): Route {
  return spec as unknown as Route;
}
