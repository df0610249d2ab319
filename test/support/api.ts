/* eslint-disable @typescript-eslint/no-explicit-any -- tests read JSON bodies loosely */
/**
 * The API over real HTTP: the app on a test store, Fastify listening on a free port, and a small
 * client that signs in (cookie + CSRF) or uses a bearer token.
 */
import type { AddressInfo } from 'node:net';
import { ManualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { loadConfig } from '../../src/config.js';
import { openApp, type App } from '../../src/app.js';
import { buildServer } from '../../src/http/server.js';
import type { Store } from '../../src/storage/store.js';
import { createApiToken } from '../../src/domains/accounts/sign-in.js';
import { getUser } from '../../src/storage/users.js';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export class ApiClient {
  cookie?: string;
  csrf?: string;
  constructor(readonly base: string, public token?: string) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined) h['content-type'] = 'application/json';
    if (this.token) h.authorization = `Bearer ${this.token}`;
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    const response = await fetch(`${this.base}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return { status: response.status, headers: response.headers, text, body: (type.includes('json') && !type.includes('ndjson') && text ? JSON.parse(text) : text) as T };
  }
  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, body?: unknown) => this.request<T>('POST', path, body ?? {});
  put = <T = any>(path: string, body?: unknown) => this.request<T>('PUT', path, body ?? {});
  patch = <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => this.request<T>('PATCH', path, body ?? {}, headers);
  delete = <T = any>(path: string) => this.request<T>('DELETE', path);

  async signIn(email: string, password: string): Promise<ApiResponse> {
    const response = await this.post('/api/v1/auth/sign-in', { email, password });
    if (response.status === 200) {
      this.cookie = response.headers.get('set-cookie')!.split(';')[0];
      this.csrf = (response.body as { csrfToken: string }).csrfToken;
    }
    return response;
  }
}

export interface ApiServer {
  app: App;
  clock: ManualClock;
  url: string;
  client(token?: string): ApiClient;
  /** A bearer-token client acting as `userId`. */
  as(userId: string): Promise<ApiClient>;
  close(): Promise<void>;
}

export async function startApi(store: Store, start = '2026-03-02T08:00:00Z', env: NodeJS.ProcessEnv = {}): Promise<ApiServer> {
  const clock = new ManualClock(start);
  const app = await openApp(loadConfig({ DATABASE_URL: ':memory:', ...env }), { clock, log: silentLogger, store });
  const server = buildServer(app, { nextRunAt: () => null });
  await server.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return {
    app,
    clock,
    url,
    client: (token) => new ApiClient(url, token),
    async as(userId) {
      const user = await getUser(store.db, userId);
      if (!user) throw new Error(`no user ${userId}`);
      return new ApiClient(url, (await createApiToken(app.helpDesk, user, 'test')).token);
    },
    async close() {
      await server.close();
    },
  };
}
