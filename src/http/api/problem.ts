/**
 * Errors as `application/problem+json` (RFC 9457). Each bad field is listed with its reason.
 * 401, 403, 404, 409 and 422 mean what they say; anything unexpected is a 500 with no internals.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, ForbiddenError, InputError, NotFoundError, type FieldProblem } from '../../errors.js';
import { SignInRefused } from '../../domains/accounts/sign-in.js';
import type { Logger } from '../../logger.js';

export class HttpProblem extends Error {
  constructor(readonly status: number, readonly title: string, detail: string, readonly headers: Record<string, string> = {}) {
    super(detail);
  }
}

export const unauthorized = (detail = 'sign in, or send an API token as "Authorization: Bearer …"') => new HttpProblem(401, 'Unauthorized', detail);

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldProblem[];
}

export function toProblem(error: unknown, log: Logger, request: FastifyRequest): { problem: Problem; headers: Record<string, string> } {
  const make = (status: number, title: string, detail: string, errors?: FieldProblem[]): Problem => ({
    type: 'about:blank',
    title,
    status,
    detail,
    ...(errors ? { errors } : {}),
  });
  if (error instanceof HttpProblem) return { problem: make(error.status, error.title, error.message), headers: error.headers };
  if (error instanceof InputError) {
    const conflict = error.problems.some((p) => p.conflict);
    return { problem: make(conflict ? 409 : 422, conflict ? 'Conflict' : 'Unprocessable Content', error.message, error.problems), headers: {} };
  }
  if (error instanceof NotFoundError) return { problem: make(404, 'Not Found', error.message), headers: {} };
  if (error instanceof ForbiddenError) return { problem: make(403, 'Forbidden', error.message), headers: {} };
  if (error instanceof ConflictError) return { problem: make(409, 'Conflict', error.message), headers: {} };
  if (error instanceof SignInRefused) return { problem: make(401, 'Unauthorized', error.message), headers: {} };
  const fastifyError = error as { statusCode?: number; code?: string; message?: string };
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    // Fastify's own 4xx: malformed JSON, unsupported media type, body too large.
    return { problem: make(fastifyError.statusCode, 'Bad Request', fastifyError.message ?? 'bad request'), headers: {} };
  }
  log.error({ err: error, method: request.method, url: request.url }, 'request failed');
  return { problem: make(500, 'Internal Server Error', 'something went wrong on our side; it has been logged'), headers: {} };
}

export function sendProblem(reply: FastifyReply, problem: Problem, headers: Record<string, string>): FastifyReply {
  return reply.code(problem.status).headers(headers).type('application/problem+json').send(problem);
}
