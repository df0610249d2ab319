/**
 * Errors a caller can act on. Each names what was wrong; the CLI maps them to exit codes
 * (InputError → 2) and the HTTP layer to status codes, so no layer below them prints stack traces.
 */
export interface FieldProblem {
  /** Where the problem is, e.g. `rules[0].conditions[1].op`; empty for the document as a whole. */
  field: string;
  reason: string;
  /** The value clashes with stored data (a duplicate process order): HTTP 409 rather than 422. */
  conflict?: true;
}

export class InputError extends Error {
  readonly problems: FieldProblem[];
  /** The file or document the problems are in, when there is one. */
  source?: string;

  constructor(problems: FieldProblem[] | FieldProblem, source?: string) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(formatProblems(list, source));
    this.name = 'InputError';
    this.problems = list;
    this.source = source;
  }

  /** The same problems, nested under `prefix` (e.g. `rules[2]`) and attributed to `source`. */
  within(prefix: string, source?: string): InputError {
    return new InputError(
      this.problems.map((p) => ({ field: joinPath(prefix, p.field), reason: p.reason })),
      source ?? this.source,
    );
  }
}

export class NotFoundError extends Error {
  constructor(readonly kind: string, readonly id: string) {
    super(`${kind} ${JSON.stringify(id)} was not found`);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

export function joinPath(prefix: string, field: string): string {
  if (!prefix) return field;
  if (!field) return prefix;
  return field.startsWith('[') ? `${prefix}${field}` : `${prefix}.${field}`;
}

function formatProblems(problems: FieldProblem[], source?: string): string {
  const lines = problems.map((p) => (p.field ? `${p.field}: ${p.reason}` : p.reason));
  const head = source ? `${source}: ` : '';
  return lines.length === 1 ? `${head}${lines[0]}` : `${head}${lines.length} problems\n  ${lines.join('\n  ')}`;
}

/** The acting user's role does not allow the action; the message names the role. */
export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}
