/** Conversions between column values and program values, kept in one place for both dialects. */
export const toFlag = (value: boolean): number => (value ? 1 : 0);
export const fromFlag = (value: number | boolean | null | undefined): boolean => value === 1 || value === true;

export const toJson = (value: unknown): string => JSON.stringify(value);
export function fromJson<T>(value: string | null | undefined, fallback: T): T {
  if (value === null || value === undefined || value === '') return fallback;
  return JSON.parse(value) as T;
}

/** Instants may come back as strings from drivers that do not parse int8; normalise to numbers. */
export function fromInstant(value: number | string | bigint | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? value : Number(value);
}
