import { Transform } from 'class-transformer';

const DECIMAL_DIGITS = /^\d{1,16}$/;

/**
 * A query-string integer: plain decimal digits within the safe-integer range become a number;
 * anything else (`1e2`, `0x10`, ` 5`, `99999999999999999999`) stays text and fails `@IsInt()`.
 */
export function ToInteger(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string' || !DECIMAL_DIGITS.test(value)) return value;
    const number = Number(value);
    return Number.isSafeInteger(number) ? number : value;
  });
}
