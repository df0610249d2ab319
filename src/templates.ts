/** `{{name}}` placeholders, shared by help-desk notes and training reminder emails. */
const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

export function renderTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Placeholders in `template` that `allowed` does not know: caught on save, not at 3 a.m. in a run. */
export function unknownPlaceholders(template: string, allowed: readonly string[]): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => !allowed.includes(name));
}
