import type { FieldProblem } from '../../errors.js';
import { checkConditionShape, FIELD_KINDS } from './conditions.js';
import { checkList, checkLookup, checkUser, type References } from './references.js';
import type { Condition, RuleDocument } from './rule-document.js';

/** Everything about a parsed rule document that depends on the field or on stored data. */
export function checkRule(doc: RuleDocument, refs: References): FieldProblem[] {
  const problems: FieldProblem[] = [];
  doc.conditions.forEach((raw, i) => {
    const condition = raw as Condition;
    const at = `conditions[${i}]`;
    const shape = checkConditionShape(condition, at);
    problems.push(...shape);
    if (shape.length > 0) return;
    const spec = FIELD_KINDS[condition.field];
    const values = Array.isArray(condition.value) ? condition.value : [condition.value];
    values.forEach((value, j) => {
      const field = Array.isArray(condition.value) ? `${at}.value[${j}]` : `${at}.value`;
      if (spec.kind === 'lookup') problems.push(...checkLookup(refs, spec.lookup, value, field));
      if (spec.kind === 'user' && typeof value === 'string') problems.push(...checkUser(refs, value, field));
    });
  });
  doc.actions.forEach((action, i) => {
    const at = `actions[${i}]`;
    switch (action.type) {
      case 'assign':
        problems.push(...checkUser(refs, action.to, `${at}.to`));
        break;
      case 'setPriority':
        problems.push(...checkLookup(refs, 'priorities', action.value, `${at}.value`));
        break;
      case 'setSubstatus':
        problems.push(...checkLookup(refs, 'substatuses', action.value, `${at}.value`));
        break;
      case 'notify':
        action.users.forEach((u, j) => problems.push(...checkUser(refs, u, `${at}.users[${j}]`)));
        action.lists.forEach((l, j) => problems.push(...checkList(refs, l, `${at}.lists[${j}]`)));
        break;
      case 'addNote':
      case 'close':
        break;
    }
  });
  return problems;
}
