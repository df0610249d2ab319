import type { HelpDeskContext } from './context.js';
import type { Rule } from './rule-document.js';
import { openIssuesPage, setNextChecks } from '../../storage/issues.js';
import { inTransaction } from '../../storage/store.js';
import { nextCheckAt } from './schedule.js';

const PAGE = 1000;

/**
 * Recomputes every open issue's next check after the rules changed. Pages by id so memory stays
 * flat at 100,000 issues, and writes only the issues whose instant moved.
 */
export async function rebuildSchedule(ctx: HelpDeskContext, rules: readonly Rule[]): Promise<number> {
  const enabled = rules.filter((r) => r.enabled);
  const now = ctx.clock.now();
  let afterId: string | null = null;
  let changed = 0;
  for (;;) {
    const page = await openIssuesPage(ctx.store.db, afterId, PAGE);
    if (page.length === 0) break;
    afterId = page[page.length - 1]!.id;
    const updates = page
      .map((issue) => ({ id: issue.id, version: issue.version, was: issue.nextCheckAt, nextCheckAt: nextCheckAt(enabled, issue, now, ctx.timeZone) }))
      .filter((u) => u.was !== u.nextCheckAt);
    if (updates.length > 0) await inTransaction(ctx.store, (trx) => setNextChecks(trx, updates));
    changed += updates.length;
  }
  return changed;
}
