import type { Command } from 'commander';
import { withApp, type CliContext } from '../context.js';
import { json, readJsonFile, table } from '../io.js';
import { deleteRule, exportRules, importRules, loadRules, moveRule, parseRuleDocuments, setRuleEnabled } from '../../domains/helpdesk/rules.js';
import type { Rule } from '../../domains/helpdesk/rule-document.js';
import { InputError } from '../../errors.js';

function describeInterval(i: Rule['interval']): string {
  return [i.days ? `${i.days}d` : '', i.hours ? `${i.hours}h` : '', i.minutes ? `${i.minutes}m` : ''].join('') || '0m';
}

function rulesTable(rules: Rule[]): string {
  return table(
    ['ORDER', 'NAME', 'ENABLED', 'WHEN', 'CONDITIONS', 'ACTIONS'],
    rules.map((r) => [
      String(r.processOrder),
      r.name,
      r.enabled ? 'yes' : 'no',
      `${describeInterval(r.interval)} after ${r.after === 'submitted' ? 'submit' : 'last activity'}`,
      r.conditions.map((c) => `${c.field} ${c.op} ${JSON.stringify(c.value)}`).join(' AND ') || '-',
      r.actions.map((a) => a.type).join(', '),
    ]),
  );
}

function parseOrder(text: string): number {
  const order = Number(text);
  if (!Number.isInteger(order) || order < 1) throw new InputError({ field: 'ORDER', reason: `${JSON.stringify(text)} is not a whole number of 1 or more` });
  return order;
}

export function registerRules(program: Command, ctx: CliContext): void {
  const rules = program.command('rules').description('help-desk escalation rules (canonical JSON documents, docs/rules.md)');

  rules
    .command('import')
    .argument('<file>', 'a rule document, a list of them, or { "rules": [...] }; - for standard input')
    .option('--replace', 'the file becomes the whole rule set: rules not in it are deleted')
    .description('add or update rules by name')
    .action(async (file: string, options: { replace?: boolean }) => {
      const { docs, itemPath } = parseRuleDocuments(readJsonFile(file), file);
      await withApp(ctx, async (app) => {
        const saved = await importRules(app.helpDesk, docs, { replace: options.replace, source: file, itemPath });
        ctx.io.out(`Imported ${docs.length} rule${docs.length === 1 ? '' : 's'}; ${saved.length} in the rule set.\n`);
      });
    });

  rules
    .command('export')
    .description('print every rule as canonical JSON (rules import reads it back)')
    .action(async () => withApp(ctx, async (app) => ctx.io.out(json(await exportRules(app.store)))));

  rules
    .command('list')
    .description('list rules in process order')
    .action(async () =>
      withApp(ctx, async (app) => ctx.io.out(rulesTable(await loadRules(app.store.db)))),
    );

  rules
    .command('move')
    .argument('<name>')
    .argument('<order>', 'the new process order; rules at and after it move down as needed')
    .description('change a rule’s process order, renumbering the others')
    .action(async (name: string, order: string) =>
      withApp(ctx, async (app) => ctx.io.out(rulesTable(await moveRule(app.helpDesk, name, parseOrder(order))))),
    );

  for (const [verb, enabled] of [['enable', true], ['disable', false]] as const) {
    rules
      .command(verb)
      .argument('<name>')
      .description(`${verb} a rule`)
      .action(async (name: string) => withApp(ctx, async (app) => ctx.io.out(rulesTable(await setRuleEnabled(app.helpDesk, name, enabled)))));
  }

  rules
    .command('delete')
    .argument('<name>')
    .description('delete a rule (its past escalations stay in the history)')
    .action(async (name: string) => withApp(ctx, async (app) => ctx.io.out(rulesTable(await deleteRule(app.helpDesk, name)))));
}
