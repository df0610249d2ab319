import type { DomainContext } from '../context.js';
import type { IssueDocumentCache } from './issue-document-cache.js';
import type { IssueView } from './issues.js';

export interface HelpDeskContext extends DomainContext {
  /** Set by long-running processes (`serve`): issue documents kept while current. */
  issueDocuments?: IssueDocumentCache<IssueView>;
}
