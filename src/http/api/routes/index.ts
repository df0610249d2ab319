import type { Route } from '../route.js';
import { authRoutes } from './auth.js';
import { directoryRoutes } from './directory.js';
import { issueRoutes } from './issues.js';
import { ruleRoutes } from './rules.js';
import { operationsRoutes } from './operations.js';
import { trainingRoutes } from './training.js';
import { reportRoutes } from './reports.js';

/** Every route of /api/v1, in the order the document lists them. */
export const apiRoutes: readonly Route[] = [...authRoutes, ...directoryRoutes, ...issueRoutes, ...ruleRoutes, ...operationsRoutes, ...trainingRoutes, ...reportRoutes];
