import type { Selectable } from 'kysely';
import type { Executor, Store } from './store.js';
import type { NotesTable } from './schema.js';
import { fromInstant } from './codec.js';
import { preparedRead } from './prepared-read.js';

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

function noteFromRow(r: Selectable<NotesTable>): NoteRecord {
  return {
    id: r.id,
    issueId: r.issue_id,
    createdAt: fromInstant(r.created_at)!,
    visibility: r.visibility as NoteVisibility,
    text: r.text,
    author: r.author,
    escalationId: r.escalation_id,
  };
}

// A range scan of notes_issue_idx (issue_id, id), already in id order.
const issueNotesRead = preparedRead('issue-notes', 1, (db, issueId: string) => db.selectFrom('notes').selectAll().where('issue_id', '=', issueId).orderBy('id'));

/** An issue's notes as committed, outside any transaction (prepared-read.ts): the API's issue reads. */
export async function readIssueNotes(store: Store, issueId: string): Promise<NoteRecord[]> {
  return (await store.read(issueNotesRead, issueId)).map(noteFromRow);
}
