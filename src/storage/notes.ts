import type { Executor } from './store.js';
import { fromInstant } from './codec.js';

export type NoteVisibility = 'public' | 'private';

export interface NoteRecord {
  id: number;
  issueId: string;
  createdAt: number;
  visibility: NoteVisibility;
  text: string;
  /** The user who wrote it; null for a note the system added during an escalation. */
  author: string | null;
  escalationId: number | null;
}

export async function insertNote(db: Executor, note: Omit<NoteRecord, 'id'>): Promise<number> {
  const row = await db
    .insertInto('notes')
    .values({
      issue_id: note.issueId,
      created_at: note.createdAt,
      visibility: note.visibility,
      text: note.text,
      author: note.author,
      escalation_id: note.escalationId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listNotes(db: Executor, issueId: string): Promise<NoteRecord[]> {
  const rows = await db.selectFrom('notes').selectAll().where('issue_id', '=', issueId).orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    issueId: r.issue_id,
    createdAt: fromInstant(r.created_at)!,
    visibility: r.visibility as NoteVisibility,
    text: r.text,
    author: r.author,
    escalationId: r.escalation_id,
  }));
}
