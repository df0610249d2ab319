import type { IssueRecord } from '../../src/storage/issues.js';

/** An open issue with every field set to a known value, for pure condition and schedule tests. */
export function sampleIssue(overrides: Partial<IssueRecord> = {}): IssueRecord {
  return {
    id: '1',
    subject: 'Sample',
    description: '',
    status: 'open',
    priority: 'High',
    substatus: 'Pending',
    clockStatus: 'running',
    issueType: 'Service',
    subtype1: 'Request',
    subtype2: 'Laptop',
    subtype3: 'Dell',
    subtype4: 'XPS',
    organization: 'Acme',
    department: 'IT',
    location: 'Lisbon',
    project: 'Rollout',
    submitter: 'tobias',
    assignedTo: 'stan',
    distributionList: null,
    submittedAt: Date.parse('2026-03-02T08:00:00Z'),
    lastActivityAt: Date.parse('2026-03-02T09:00:00Z'),
    targetDate: Date.parse('2026-03-03T00:00:00Z'),
    requiredByDate: null,
    escalationCount: 2,
    nextCheckAt: null,
    version: 1,
    ...overrides,
  };
}
