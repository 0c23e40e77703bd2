/** What JSON.stringify escapes in a string: quote, backslash, controls, (lone) surrogates. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * JSON.stringify of a string, without its cost for the common string that needs no escaping
 * (any surrogate, paired or not, takes the slow path: JSON.stringify escapes the lone ones).
 * For the writers that run once per row: the audit chain's hash input, NDJSON exports.
 */
export function jsonString(text: string): string {
  return NEEDS_ESCAPING.test(text) ? JSON.stringify(text) : `"${text}"`;
}
