/**
 * A setup document loads a whole workspace at once — users, lookup lists, distribution lists,
 * rules and issues — in one transaction: a bad line anywhere leaves the store as it was.
 * `escalator load`, `escalator demo` and the simulator all read this shape.
 */
import { z } from 'zod';
import { inTransaction } from '../storage/store.js';
import { getIssue } from '../storage/issues.js';
import { InputError } from '../errors.js';
import { parseWith } from '../validation.js';
import { listDocumentSchema, lookupsDocumentSchema, userDocumentSchema } from './directory/documents.js';
import { saveLists, saveLookups, saveUsers } from './directory/directory.js';
import { ruleDocumentSchema } from './helpdesk/rule-document.js';
import { newIssueSchema } from './helpdesk/issue-document.js';
import { importRulesIn } from './helpdesk/rules.js';
import { createIssueIn } from './helpdesk/issues.js';
import { rebuildSchedule } from './helpdesk/rebuild-schedule.js';
import type { HelpDeskContext } from './helpdesk/context.js';
import { trainingRuleSchema } from './training/training-rule-document.js';
import { courseDocumentSchema } from './training/course-document.js';
import { enrollmentDocumentSchema, enrollIn } from './training/enrollments.js';
import { saveTrainingRulesIn } from './training/training-rules.js';
import { rescheduleLearner, saveCoursesIn } from './training/courses.js';
import { getUsers } from '../storage/users.js';
import type { Actor } from './training/permissions.js';

export const setupShape = {
  users: z.array(userDocumentSchema).default([]),
  lists: z.array(listDocumentSchema).default([]),
  lookups: lookupsDocumentSchema.default({}),
  rules: z.array(ruleDocumentSchema).default([]),
  issues: z.array(newIssueSchema).default([]),
  trainingRules: z.array(trainingRuleSchema).default([]),
  courses: z.array(courseDocumentSchema).default([]),
  enrollments: z.array(enrollmentDocumentSchema).default([]),
};

export const setupDocumentSchema = z.object(setupShape).strict();
export type SetupDocument = z.output<typeof setupDocumentSchema>;

export interface LoadSummary {
  users: number;
  lists: number;
  lookups: number;
  rules: number;
  issues: number;
  trainingRules: number;
  courses: number;
  enrollments: number;
}

export async function loadSetup(ctx: HelpDeskContext, input: unknown, source?: string, options: LoadOptions = {}): Promise<LoadSummary> {
  return loadParsedSetup(ctx, parseWith(setupDocumentSchema, input, source), source, options);
}

export interface LoadOptions {
  /** Issues whose id is already stored are left as they are (the demo loads idempotently). */
  skipExistingIssues?: boolean;
  /**
   * Who is loading. Training rules, courses and enrollments are permission-checked against this
   * user; without one the load acts as the system (bootstrap, demo, simulator).
   */
  actor?: Actor;
}

export async function loadParsedSetup(ctx: HelpDeskContext, doc: SetupDocument, source?: string, options: LoadOptions = {}): Promise<LoadSummary> {
  let issues = 0;
  const rules = await inTransaction(ctx.store, async (trx) => {
    try {
      const zonesBefore = new Map((await getUsers(trx, doc.users.map((u) => u.id))).entries());
      await saveUsers(trx, doc.users);
      for (const u of doc.users) {
        const before = zonesBefore.get(u.id);
        if (before && before.timeZone !== u.timeZone) await rescheduleLearner(ctx, trx, u.id);
      }
      await saveLookups(trx, doc.lookups);
      await saveLists(trx, doc.lists);
      const saved = doc.rules.length > 0 ? await importRulesIn(ctx, trx, doc.rules, { itemPath: (i) => `rules[${i}]` }) : null;
      for (const [i, issue] of doc.issues.entries()) {
        try {
          if (options.skipExistingIssues && issue.id !== undefined && (await getIssue(ctx.store, trx, issue.id))) continue;
          await createIssueIn(ctx, trx, issue);
          issues++;
        } catch (error) {
          throw error instanceof InputError ? error.within(`issues[${i}]`) : error;
        }
      }
      const actor = options.actor ?? 'system';
      await saveTrainingRulesIn(ctx, trx, doc.trainingRules, actor);
      await saveCoursesIn(ctx, trx, doc.courses, actor);
      for (const [i, enrollment] of doc.enrollments.entries()) {
        try {
          await enrollIn(ctx, trx, enrollment, actor);
        } catch (error) {
          throw error instanceof InputError ? error.within(`enrollments[${i}]`) : error;
        }
      }
      return saved;
    } catch (error) {
      throw error instanceof InputError ? new InputError(error.problems, source) : error;
    }
  });
  if (rules) await rebuildSchedule(ctx, rules);
  return {
    users: doc.users.length,
    lists: doc.lists.length,
    lookups: Object.keys(doc.lookups).length,
    rules: doc.rules.length,
    issues,
    trainingRules: doc.trainingRules.length,
    courses: doc.courses.length,
    enrollments: doc.enrollments.length,
  };
}
