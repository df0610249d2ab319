import type { z } from 'zod';
import { InputError, type FieldProblem } from './errors.js';

/** `conditions[0].op` style paths, the form every error message in the product uses. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** Parses `input` or throws an InputError naming every bad field and why. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, source?: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems: FieldProblem[] = result.error.issues.map((issue) => ({
    field: formatPath(issue.path),
    reason: issue.message,
  }));
  throw new InputError(problems, source);
}
