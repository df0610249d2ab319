import { DateTime } from 'luxon';
import { InputError } from './errors.js';

export interface Interval {
  days: number;
  hours: number;
  minutes: number;
}

/**
 * basis + interval. Days are calendar days in the account's time zone (10:00 stays 10:00 across a
 * DST change, as a person reading "5 days" expects); hours and minutes are elapsed time. In UTC,
 * or with no days, that is plain arithmetic: the fast path keeps schedule rebuilds cheap.
 */
export function addInterval(basis: number, interval: Interval, timeZone: string): number {
  const elapsedMs = (interval.hours * 60 + interval.minutes) * 60_000;
  if (interval.days === 0) return basis + elapsedMs;
  if (timeZone === 'UTC') return basis + interval.days * 86_400_000 + elapsedMs;
  return DateTime.fromMillis(basis, { zone: timeZone }).plus({ days: interval.days }).toMillis() + elapsedMs;
}

export const iso = (instant: number): string => new Date(instant).toISOString();
export const isoOrNull = (instant: number | null): string | null => (instant === null ? null : iso(instant));

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads an instant from a document: an ISO 8601 date-time with a zone or offset. A bare date
 * (`2026-03-05`) means "by the end of that day" in `timeZone`, so it passes at the next midnight.
 */
export function parseInstant(value: string, field: string, timeZone: string): number {
  if (DATE_ONLY.test(value)) {
    const day = DateTime.fromISO(value, { zone: timeZone });
    if (!day.isValid) throw new InputError({ field, reason: `${JSON.stringify(value)} is not a valid date` });
    return day.plus({ days: 1 }).toMillis();
  }
  const parsed = DateTime.fromISO(value, { setZone: true });
  if (!parsed.isValid || !/(Z|[+-]\d{2}:?\d{2})$/i.test(value)) {
    throw new InputError({
      field,
      reason: `${JSON.stringify(value)} is not an ISO 8601 date-time with a time zone (e.g. 2026-03-02T08:00:00Z) or a date`,
    });
  }
  return parsed.toMillis();
}

export function isValidTimeZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}
