/**
 * The demo workspace: the seed document's rules (A, B, X, Y) with people and issues placed in
 * time so the first `escalator run` shows each rule at work.
 */
import type { z } from 'zod';
import type { setupDocumentSchema } from '../domains/setup-document.js';

type SetupInput = z.input<typeof setupDocumentSchema>;

const HOUR = 3_600_000;
const ago = (now: number, ms: number) => new Date(now - ms).toISOString();

export function demoSetup(now: number): SetupInput {
  const notify = (users: string[]) => ({ type: 'notify' as const, users, lists: [], emails: [], recipients: [] });
  return {
    users: [
      { id: 'admin', name: 'Escalator Admin', email: 'admin@example.com', role: 'admin' },
      { id: 'stan', name: 'Stan Sitwell', email: 'stan@example.com', role: 'agent' },
      { id: 'steve', name: 'Steve Anderson', email: 'steve@example.com', role: 'agent' },
      { id: 'michael', name: 'Michael Bluth', email: 'michael@example.com', role: 'agent' },
      { id: 'kitty', name: 'Kitty Sanchez', email: 'kitty@example.com', role: 'agent' },
      { id: 'lucille', name: 'Lucille Austero', email: 'lucille@example.com', role: 'end user' },
      { id: 'tobias', name: 'Tobias Fünke', email: 'tobias@example.com', role: 'end user' },
      { id: 'owner', name: 'Olivia Owner', email: 'owner@example.com', role: 'admin', trainingRole: 'account owner' },
      { id: 'ada', name: 'Ada Admin', email: 'ada@example.com', role: 'agent', trainingRole: 'administrator' },
      { id: 'bob', name: 'Bob Loblaw', email: 'bob@example.com', trainingRole: 'team leader' },
      {
        id: 'ana',
        name: 'Ana Silva',
        email: 'ana@example.com',
        trainingRole: 'learner',
        manager: 'bob',
        timeZone: 'Europe/Lisbon',
        profile: { 'Supervisor Email': 'sup@example.com' },
      },
    ],
    lookups: {
      priorities: ['Low', 'Medium', 'High', 'Critical'],
      substatuses: ['Pending User Response-1st Attempt', 'Pending User Response-2nd Attempt', 'Scheduled'],
      issueTypes: ['Service', 'Incident'],
      subtypes1: ['Request', 'Repair'],
    },
    lists: [
      {
        id: 'ops',
        name: 'Operations',
        members: [
          { email: 'ops@example.com', notifyOnEscalate: true },
          { user: 'stan', notifyOnEscalate: false },
        ],
      },
    ],
    rules: [
      {
        name: 'Rule B',
        processOrder: 10,
        interval: { days: 5, hours: 0, minutes: 0 },
        after: 'lastActivity',
        conditions: [
          { field: 'issueType', op: 'eq', value: 'Service' },
          { field: 'subtype1', op: 'eq', value: 'Request' },
          { field: 'substatus', op: 'eq', value: 'Pending User Response-1st Attempt' },
        ],
        actions: [
          {
            type: 'addNote',
            visibility: 'public',
            text: 'We have not heard back from you on this service request. Please let us know what day and time we can perform your service.',
          },
          { type: 'setSubstatus', value: 'Pending User Response-2nd Attempt' },
          { type: 'notify', users: [], lists: [], emails: [], recipients: ['submitter'] },
        ],
      },
      {
        name: 'Rule Y',
        processOrder: 16,
        interval: { days: 0, hours: 4, minutes: 0 },
        after: 'lastActivity',
        conditions: [{ field: 'priority', op: 'eq', value: 'High' }],
        actions: [{ type: 'setPriority', value: 'Critical' }, { type: 'assign', to: 'michael' }, notify(['steve'])],
      },
      {
        name: 'Rule X',
        processOrder: 17,
        interval: { days: 0, hours: 2, minutes: 0 },
        after: 'lastActivity',
        conditions: [{ field: 'priority', op: 'eq', value: 'High' }],
        actions: [notify(['steve'])],
      },
      {
        name: 'Rule A',
        processOrder: 20,
        interval: { days: 0, hours: 2, minutes: 0 },
        after: 'submitted',
        conditions: [],
        actions: [notify(['stan'])],
      },
    ],
    trainingRules: [
      {
        name: 'Escalate overdue',
        tiers: [
          { fromReminder: 2, target: { type: 'email', address: 'lenny@example.com' } },
          { fromReminder: 3, target: { type: 'manager' } },
        ],
      },
    ],
    courses: [
      {
        id: 'safety',
        title: 'Safety 101',
        dueDate: { daysAfterAssignment: 14 },
        reminders: { startDaysBefore: 3, everyDays: 2, maxReminders: 3, sendAt: '09:00' },
        reminderEmail: { subject: '{{course.title}} is due {{dueDate}}', body: 'Hello {{learner.name}},\n\n{{course.title}} is due on {{dueDate}} (reminder {{reminder.number}}).' },
        escalations: { enabled: true, rule: 'Escalate overdue' },
      },
    ],
    issues: [
      { id: '12345', subject: 'VPN down', priority: 'High', submitter: 'lucille', submittedAt: ago(now, 4 * HOUR + 5 * 60_000) },
      { id: '1001', subject: 'Printer on fire', priority: 'Medium', submitter: 'lucille', distributionList: 'ops', submittedAt: ago(now, 2.5 * HOUR) },
      {
        id: '2001',
        subject: 'Install a second monitor',
        issueType: 'Service',
        subtype1: 'Request',
        substatus: 'Pending User Response-1st Attempt',
        submitter: 'tobias',
        assignedTo: 'kitty',
        submittedAt: ago(now, 5 * 24 * HOUR + HOUR),
      },
      { id: '3001', subject: 'New starter laptop', priority: 'Low', submitter: 'tobias', submittedAt: ago(now, 10 * 60_000) },
    ],
  };
}
