import type { DomainContext } from '../context.js';

export type HelpDeskContext = DomainContext;
