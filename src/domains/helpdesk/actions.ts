/**
 * Applies a rule's actions, in order, to a copy of the issue. Pure: the escalation step stores the
 * result. Nothing here touches last activity: an escalation is not activity (docs/rules.md).
 */
import type { IssueRecord } from '../../storage/issues.js';
import type { FieldChanges } from '../../storage/escalations.js';
import { renderTemplate } from '../../templates.js';
import type { NotifyAction, Rule } from './rule-document.js';

export interface ActionOutcome {
  issue: IssueRecord;
  changes: FieldChanges;
  notes: { visibility: 'public' | 'private'; text: string }[];
  notify: NotifyAction[];
}

const TRACKED = ['priority', 'substatus', 'assignedTo', 'status'] as const;

/** `issue.escalationCount` is already the number of this escalation. */
export function applyActions(issue: IssueRecord, rule: Rule): ActionOutcome {
  const next: IssueRecord = { ...issue };
  const notes: ActionOutcome['notes'] = [];
  const notify: NotifyAction[] = [];
  for (const action of rule.actions) {
    switch (action.type) {
      case 'assign':
        next.assignedTo = action.to;
        break;
      case 'setPriority':
        next.priority = action.value;
        break;
      case 'setSubstatus':
        next.substatus = action.value;
        break;
      case 'close':
        next.status = 'closed';
        break;
      case 'addNote':
        notes.push({
          visibility: action.visibility,
          text: renderTemplate(action.text, {
            'issue.id': next.id,
            'issue.subject': next.subject,
            'rule.name': rule.name,
            'escalation.count': next.escalationCount,
          }),
        });
        break;
      case 'notify':
        notify.push(action);
        break;
    }
  }
  const changes: FieldChanges = {};
  for (const field of TRACKED) if (issue[field] !== next[field]) changes[field] = [issue[field], next[field]];
  return { issue: next, changes, notes, notify };
}
