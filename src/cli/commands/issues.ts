import type { Command } from 'commander';
import { withApp, type CliContext } from '../context.js';
import { json, readJsonFile } from '../io.js';
import { addNote, createIssue, listIssues, showIssue, updateIssue } from '../../domains/helpdesk/issues.js';
import { toIssueDocument } from '../../domains/helpdesk/issue-document.js';
import { InputError } from '../../errors.js';

export function registerIssues(program: Command, ctx: CliContext): void {
  const issues = program.command('issues').description('help-desk issues (JSON issue documents, docs/rules.md)');

  issues
    .command('create')
    .argument('<file>', 'an issue document; - for standard input')
    .description('create an issue and print it')
    .action(async (file: string) => {
      const input = readJsonFile(file);
      await withApp(ctx, async (app) => ctx.io.out(json(toIssueDocument(await createIssue(app.helpDesk, input, file)))));
    });

  issues
    .command('update')
    .argument('<id>')
    .argument('<file>', 'the fields to change, as an issue document; - for standard input')
    .description('change fields of an issue (this is activity: it moves last activity to now)')
    .action(async (id: string, file: string) => {
      const input = readJsonFile(file);
      await withApp(ctx, async (app) => ctx.io.out(json(toIssueDocument(await updateIssue(app.helpDesk, id, input, file)))));
    });

  issues
    .command('note')
    .argument('<id>')
    .requiredOption('--text <text>', 'the note')
    .option('--visibility <visibility>', 'public or private', 'public')
    .option('--author <user>', 'the user writing it')
    .description('add a note to an issue (activity)')
    .action(async (id: string, options: { text: string; visibility: string; author?: string }) =>
      withApp(ctx, async (app) => {
        const note = await addNote(app.helpDesk, id, { text: options.text, visibility: options.visibility, author: options.author ?? null }, 'options');
        ctx.io.out(json({ id: note.id, issue: note.issueId, at: new Date(note.createdAt).toISOString(), visibility: note.visibility, author: note.author, text: note.text }));
      }),
    );

  issues
    .command('show')
    .argument('<id>')
    .description('print an issue with its notes and escalation history')
    .action(async (id: string) => withApp(ctx, async (app) => ctx.io.out(json(await showIssue(app.helpDesk, id)))));

  issues
    .command('list')
    .option('--status <status>', 'open or closed')
    .option('--assigned-to <user>')
    .option('--limit <n>', 'at most this many', '100')
    .description('print issues as a JSON array')
    .action(async (options: { status?: string; assignedTo?: string; limit: string }) => {
      if (options.status !== undefined && options.status !== 'open' && options.status !== 'closed') {
        throw new InputError({ field: '--status', reason: 'must be "open" or "closed"' });
      }
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new InputError({ field: '--limit', reason: 'must be a whole number of 1 or more' });
      await withApp(ctx, async (app) =>
        ctx.io.out(json(await listIssues(app.helpDesk, { status: options.status as 'open' | 'closed' | undefined, assignedTo: options.assignedTo, limit }))),
      );
    });
}
