import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';

const RFC_3339 =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/i;

const MIN_YEAR = 1900;
const MAX_YEAR = 9999;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The instant an RFC 3339 date-time names (`2026-05-01T09:00:00Z`, `...+02:00`), or undefined
 * for anything else: other types, a missing time zone, a date that is not on the calendar
 * (2026-02-30), or a year outside 1900-9999. Never guesses, never rolls over.
 */
export function parseDateTime(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const match = RFC_3339.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const [offsetHours, offsetMinutes] = [match[9], match[10]].map((part) => Number(part ?? 0));
  const valid =
    year >= MIN_YEAR &&
    year <= MAX_YEAR &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 23 &&
    offsetMinutes <= 59;
  if (!valid) return undefined;
  // Date parses milliseconds only; finer fractions are cut, not rounded.
  const fraction = (match[7] ?? '').slice(0, 4);
  const text = `${value.slice(0, 19)}${fraction}${match[8]}`.toUpperCase();
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}

/**
 * A date-time input: an RFC 3339 string with a time zone and a real calendar date (years
 * 1900-9999), turned into a Date. Numbers, booleans, bare years and impossible dates are 400,
 * never coerced. Use on every date-time field of a body or query.
 */
export function IsDateTime(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => parseDateTime(value) ?? value),
    ValidateBy({
      name: 'isDateTime',
      validator: {
        validate: (value: unknown) => value instanceof Date && !Number.isNaN(value.getTime()),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an RFC 3339 date-time with a time zone, such as ` +
          `2026-05-01T09:00:00Z, with a year from ${MIN_YEAR} to ${MAX_YEAR}`,
      },
    }),
  );
}
