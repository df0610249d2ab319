import { loadConfig } from '../config.js';
import { openApp, type App } from '../app.js';
import type { Output } from './io.js';

export interface CliContext {
  io: Output;
  env: NodeJS.ProcessEnv;
}

/** Opens the app for one command and closes it afterwards, whatever happens. */
export async function withApp<T>(ctx: CliContext, work: (app: App) => Promise<T>): Promise<T> {
  const config = loadConfig(ctx.env);
  const app = await openApp(config);
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}
