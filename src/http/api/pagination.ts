import { z } from 'zod';
import { InputError } from '../../errors.js';

/** `?limit=&cursor=`: opaque cursors so clients never build them, and pages stay stable under inserts. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).optional(),
};

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(cursor: string | undefined, check: (value: unknown) => value is T): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (check(value)) return value;
  } catch {
    // fall through to the error below
  }
  throw new InputError({ field: 'cursor', reason: 'not a cursor this list gave out' });
}

/** A page of `limit` items from `limit + 1` fetched (newest first, by id): the extra one says there is more. */
export function idPage<T extends { id: number }>(items: T[], limit: number): { items: T[]; nextCursor: string | null } {
  return { items: items.slice(0, limit), nextCursor: items.length > limit ? encodeCursor(items[limit - 1]!.id) : null };
}
