import { z } from 'zod';
import { route } from '../route.js';
import { parseCourses, saveCourses, setCourseEscalations } from '../../../domains/training/courses.js';
import { deleteTrainingRuleNamed, listTrainingRules, parseTrainingRules, saveTrainingRules } from '../../../domains/training/training-rules.js';
import { complete, enroll, enrollmentDocument, enrollmentDocumentSchema, listEnrollmentDocuments } from '../../../domains/training/enrollments.js';
import { previewCourse } from '../../../domains/training/preview.js';
import { loadCourse, loadCourses } from '../../../domains/training/catalog.js';
import { courseDocumentSchema } from '../../../domains/training/course-document.js';
import { trainingRuleSchema } from '../../../domains/training/training-rule-document.js';
import { parseInstant } from '../../../time.js';

const idParams = z.object({ id: z.string().min(1) });

export const trainingRoutes = [
  route({
    method: 'GET',
    path: '/courses',
    summary: 'Courses (everyone)',
    tag: 'Training',
    response: z.array(courseDocumentSchema),
    handler: async ({ app }) => [...(await loadCourses(app.store.db)).values()],
  }),
  route<Record<string, never>, Record<string, never>, unknown>({
    method: 'POST',
    path: '/courses',
    summary: 'Create or replace courses by id (account owners and administrators); changes reach existing enrollments',
    tag: 'Training',
    body: z.union([courseDocumentSchema, z.array(courseDocumentSchema)]) as never,
    async handler({ app, user, body }) {
      const courses = parseCourses(body);
      const rescheduled = await saveCourses(app.helpDesk, courses, user);
      return { saved: courses.map((c) => c.id), rescheduledEnrollments: rescheduled };
    },
  }),
  route<{ id: string }>({
    method: 'GET',
    path: '/courses/:id',
    summary: 'One course',
    tag: 'Training',
    params: idParams,
    response: courseDocumentSchema,
    handler: ({ app, params }) => loadCourse(app.store.db, params.id),
  }),
  route<{ id: string }, Record<string, never>, { enabled: boolean; rule?: string | null }>({
    method: 'PUT',
    path: '/courses/:id/escalations',
    summary: 'Turn escalations on or off and pick the rule (account owners and administrators); prerequisites are checked',
    tag: 'Training',
    params: idParams,
    body: z.object({ enabled: z.boolean(), rule: z.string().min(1).nullable().optional() }).strict(),
    handler: async ({ app, user, params, body }) => (await setCourseEscalations(app.helpDesk, params.id, body, user)).escalations,
  }),
  route<{ id: string }>({
    method: 'GET',
    path: '/courses/:id/preview',
    summary: 'Every incomplete enrollment’s remaining reminders with instants and resolved To/CC (account owners and administrators)',
    tag: 'Training',
    params: idParams,
    handler: ({ app, user, params }) => previewCourse(app.helpDesk, params.id, user),
  }),
  route<Record<string, never>, { course?: string; learner?: string }>({
    method: 'GET',
    path: '/enrollments',
    summary: 'Enrollments (team leaders: their team; learners: their own)',
    tag: 'Training',
    query: z.object({ course: z.string().optional(), learner: z.string().optional() }),
    handler: ({ app, user, query }) => listEnrollmentDocuments(app.helpDesk, query, user),
  }),
  route<Record<string, never>, Record<string, never>, unknown>({
    method: 'POST',
    path: '/enrollments',
    summary: 'Assign a course to a learner',
    tag: 'Training',
    status: 201,
    body: enrollmentDocumentSchema as never,
    handler: async ({ app, user, body }) => enrollmentDocument(await enroll(app.helpDesk, body, user)),
  }),
  route<Record<string, never>, Record<string, never>, { learner: string; course: string; at?: string }>({
    method: 'POST',
    path: '/enrollments/complete',
    summary: 'Complete a learner’s enrollment (stops its reminders)',
    tag: 'Training',
    body: z.object({ learner: z.string().min(1), course: z.string().min(1), at: z.string().optional() }).strict(),
    async handler({ app, user, body }) {
      const at = body.at === undefined ? undefined : parseInstant(body.at, 'at', app.helpDesk.timeZone);
      return enrollmentDocument(await complete(app.helpDesk, body.learner, body.course, user, at));
    },
  }),
  route({
    method: 'GET',
    path: '/training-rules',
    summary: 'Training escalation rules (account owners and administrators)',
    tag: 'Training',
    response: z.array(trainingRuleSchema),
    handler: ({ app, user }) => listTrainingRules(app.helpDesk, user),
  }),
  route<Record<string, never>, Record<string, never>, unknown>({
    method: 'POST',
    path: '/training-rules',
    summary: 'Create or replace training escalation rules by name (account owners)',
    tag: 'Training',
    body: z.union([trainingRuleSchema, z.array(trainingRuleSchema)]) as never,
    async handler({ app, user, body }) {
      const rules = parseTrainingRules(body);
      await saveTrainingRules(app.helpDesk, rules, user);
      return rules;
    },
  }),
  route<{ name: string }>({
    method: 'DELETE',
    path: '/training-rules/:name',
    summary: 'Delete a training escalation rule no course uses (account owners)',
    tag: 'Training',
    status: 204,
    params: z.object({ name: z.string().min(1) }),
    async handler({ app, user, params }) {
      await deleteTrainingRuleNamed(app.helpDesk, params.name, user);
      return null;
    },
  }),
];

