import type { UserRecord } from '../storage/users.js';

/**
 * Who is acting. The API passes the signed-in user; the CLI passes the user named by `--as`, or
 * acts as the system (an operator with the database in hand) where no user is named.
 */
export type Actor = UserRecord | 'system';
