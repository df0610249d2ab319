import type { Command } from 'commander';
import { withApp, type CliContext } from '../context.js';
import { json, readJsonFile, table } from '../io.js';
import { resolveActor } from '../../domains/training/actors.js';
import { parseCourses, saveCourses, setCourseEscalations } from '../../domains/training/courses.js';
import { deleteTrainingRuleNamed, listTrainingRules, parseTrainingRules, saveTrainingRules } from '../../domains/training/training-rules.js';
import { complete, enroll, enrollmentDocument, listEnrollmentDocuments } from '../../domains/training/enrollments.js';
import { previewCourse } from '../../domains/training/preview.js';
import { loadCourse, loadCourses } from '../../domains/training/catalog.js';
import { describeTarget } from '../../domains/training/training-rule-document.js';
import { InputError } from '../../errors.js';
import { parseInstant } from '../../time.js';

const AS = ['--as <user>', 'the user acting (their training role decides what is allowed)'] as const;

export function registerTraining(program: Command, ctx: CliContext): void {
  const training = program.command('training').description('training courses, enrollments, reminders and escalation rules (docs/training.md)');

  const courses = training.command('courses').description('courses (JSON course documents)');
  courses
    .command('import')
    .argument('<file>', 'a course document, a list of them, or { "courses": [...] }; - for standard input')
    .requiredOption(...AS)
    .description('create or replace courses by id (account owners and administrators)')
    .action(async (file: string, options: { as: string }) => {
      const docs = parseCourses(readJsonFile(file), file);
      await withApp(ctx, async (app) => {
        const actor = await resolveActor(app.store.db, options.as);
        try {
          const moved = await saveCourses(app.helpDesk, docs, actor);
          ctx.io.out(`Saved ${docs.length} course${docs.length === 1 ? '' : 's'}; ${moved} enrollment${moved === 1 ? '' : 's'} rescheduled.\n`);
        } catch (error) {
          throw error instanceof InputError ? new InputError(error.problems, file) : error;
        }
      });
    });
  courses
    .command('list')
    .description('list courses')
    .action(async () =>
      withApp(ctx, async (app) => {
        const all = [...(await loadCourses(app.store.db)).values()];
        ctx.io.out(
          table(
            ['ID', 'TITLE', 'DUE', 'REMINDERS', 'COMPLIANCE', 'ESCALATIONS'],
            all.map((c) => [
              c.id,
              c.title,
              c.dueDate === null ? '-' : 'date' in c.dueDate ? c.dueDate.date : `${c.dueDate.daysAfterAssignment}d after assignment`,
              c.reminders ? `from ${c.reminders.startDaysBefore}d before, every ${c.reminders.everyDays}d, max ${c.reminders.maxReminders}, at ${c.reminders.sendAt}` : '-',
              c.compliance ? `${c.compliance.compliantForDays}d${c.compliance.retakeDaysBefore !== null ? `, retake ${c.compliance.retakeDaysBefore}d before` : ''}` : '-',
              c.escalations.enabled ? `on (${c.escalations.rule})` : 'off',
            ]),
          ),
        );
      }),
    );
  courses
    .command('show')
    .argument('<id>')
    .description('print a course document')
    .action(async (id: string) => withApp(ctx, async (app) => ctx.io.out(json(await loadCourse(app.store.db, id)))));

  const rules = training.command('rules').description('training escalation rules: tiers that CC people from the Nth reminder on');
  rules
    .command('import')
    .argument('<file>', 'a rule, a list of rules, or { "trainingRules": [...] }; - for standard input')
    .requiredOption(...AS)
    .description('create or replace rules by name (account owners only)')
    .action(async (file: string, options: { as: string }) => {
      const docs = parseTrainingRules(readJsonFile(file), file);
      await withApp(ctx, async (app) => {
        await saveTrainingRules(app.helpDesk, docs, await resolveActor(app.store.db, options.as));
        ctx.io.out(`Saved ${docs.length} training rule${docs.length === 1 ? '' : 's'}.\n`);
      });
    });
  rules
    .command('list')
    .option('--format <format>', 'table or json', 'table')
    .description('list training escalation rules')
    .action(async (options: { format: string }) =>
      withApp(ctx, async (app) => {
        const all = await listTrainingRules(app.helpDesk);
        if (options.format === 'json') return ctx.io.out(json(all));
        ctx.io.out(table(['NAME', 'TIERS'], all.map((r) => [r.name, r.tiers.map((t) => `from #${t.fromReminder}: ${describeTarget(t.target)}`).join('; ') || '-'])));
      }),
    );
  rules
    .command('delete')
    .argument('<name>')
    .requiredOption(...AS)
    .description('delete a rule no course uses (account owners only)')
    .action(async (name: string, options: { as: string }) =>
      withApp(ctx, async (app) => {
        await deleteTrainingRuleNamed(app.helpDesk, name, await resolveActor(app.store.db, options.as));
        ctx.io.out(`Deleted training rule ${JSON.stringify(name)}.\n`);
      }),
    );

  training
    .command('escalations')
    .argument('<course>')
    .option('--enable', 'turn escalations on')
    .option('--disable', 'turn escalations off')
    .option('--rule <name>', 'the training escalation rule to apply')
    .requiredOption(...AS)
    .description("set a course's escalations (account owners and administrators)")
    .action(async (courseId: string, options: { enable?: boolean; disable?: boolean; rule?: string; as: string }) => {
      if (Boolean(options.enable) === Boolean(options.disable)) throw new InputError({ field: '--enable/--disable', reason: 'give exactly one of --enable and --disable' });
      await withApp(ctx, async (app) => {
        const actor = await resolveActor(app.store.db, options.as);
        const course = await setCourseEscalations(app.helpDesk, courseId, { enabled: Boolean(options.enable), rule: options.rule }, actor);
        ctx.io.out(json(course.escalations));
      });
    });

  training
    .command('enroll')
    .argument('<learner>')
    .argument('<course>')
    .option('--due-date <date>', 'a due date for this enrollment (YYYY-MM-DD, the learner’s calendar)')
    .option('--assigned-at <instant>', 'when it was assigned (default now)')
    .requiredOption(...AS)
    .description('assign a course to a learner')
    .action(async (learner: string, course: string, options: { dueDate?: string; assignedAt?: string; as: string }) =>
      withApp(ctx, async (app) => {
        const actor = await resolveActor(app.store.db, options.as);
        const e = await enroll(app.helpDesk, { learner, course, dueDate: options.dueDate, assignedAt: options.assignedAt }, actor, 'options');
        ctx.io.out(json(enrollmentDocument(e)));
      }),
    );

  training
    .command('complete')
    .argument('<learner>')
    .argument('<course>')
    .option('--at <instant>', 'when it was completed (default now)')
    .requiredOption(...AS)
    .description("mark a learner's enrollment complete (stops its reminders)")
    .action(async (learner: string, course: string, options: { at?: string; as: string }) =>
      withApp(ctx, async (app) => {
        const actor = await resolveActor(app.store.db, options.as);
        const at = options.at === undefined ? undefined : parseInstant(options.at, '--at', app.helpDesk.timeZone);
        ctx.io.out(json(enrollmentDocument(await complete(app.helpDesk, learner, course, actor, at))));
      }),
    );

  training
    .command('enrollments')
    .option('--course <id>')
    .option('--learner <id>')
    .option('--as <user>', 'see what this user may see (a team leader their team, a learner their own)')
    .description('list enrollments as JSON')
    .action(async (options: { course?: string; learner?: string; as?: string }) =>
      withApp(ctx, async (app) => {
        const actor = await resolveActor(app.store.db, options.as);
        ctx.io.out(json(await listEnrollmentDocuments(app.helpDesk, { course: options.course, learner: options.learner }, actor)));
      }),
    );

  training
    .command('preview')
    .argument('<course>')
    .option('--format <format>', 'json or table', 'table')
    .description('every incomplete enrollment’s remaining reminders, with instants and resolved To/CC; sends nothing')
    .action(async (courseId: string, options: { format: string }) => {
      if (options.format !== 'json' && options.format !== 'table') throw new InputError({ field: '--format', reason: 'must be "json" or "table"' });
      await withApp(ctx, async (app) => {
        const preview = await previewCourse(app.helpDesk, courseId);
        if (options.format === 'json') return ctx.io.out(json(preview));
        ctx.io.out(
          table(
            ['LEARNER', 'CYCLE', 'DUE', 'ZONE', '#', 'AT', 'TO', 'CC', 'SKIPPED'],
            preview.flatMap((p) =>
              p.upcoming.length === 0
                ? [[p.learner, String(p.cycle), p.dueDate ?? '-', p.timeZone, '-', 'no reminders ahead', '-', '-', '-']]
                : p.upcoming.map((u) => [
                    p.learner,
                    String(p.cycle),
                    p.dueDate ?? '-',
                    p.timeZone,
                    String(u.reminder),
                    u.at,
                    u.to.join(', ') || '-',
                    u.cc.join(', ') || '-',
                    u.skipped.map((s) => `${s.target} (${s.reason})`).join('; ') || '-',
                  ]),
            ),
          ),
        );
      });
    });
}
