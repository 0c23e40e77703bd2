/** Control characters, bidi overrides (`invoice\u202Efdp.exe`) and characters unsafe in paths. */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const RESERVED_CHARACTERS = /[<>:"|?*]/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
const MAX_NAME_LENGTH = 255;
const FALLBACK_NAME = 'file';

/**
 * The client's file name made safe to store and to send back: no folders, no control or
 * direction-changing characters, no leading dots, at most 255 characters keeping the
 * extension. Unicode letters stay.
 */
export function sanitizeFileName(raw: string | undefined): string {
  const base = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = base
    .replace(UNSAFE_CHARACTERS, '')
    .replace(RESERVED_CHARACTERS, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '')
    .replace(/[\s.]+$/, '');
  if (WINDOWS_DEVICE.test(name)) name = `_${name}`;
  return truncate(name, MAX_NAME_LENGTH) || FALLBACK_NAME;
}

/** Shortens by code points, keeping a short extension. */
function truncate(name: string, max: number): string {
  const characters = [...name];
  if (characters.length <= max) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? [...name.slice(dot)] : [];
  if (extension.length === 0 || extension.length > 16) return characters.slice(0, max).join('');
  const stem = [...name.slice(0, dot)];
  return stem.slice(0, max - extension.length).join('') + extension.join('');
}

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** The media type the client declared, without parameters; anything odd is octet-stream. */
export function normalizeContentType(raw: string | undefined): string {
  const essence = (raw ?? '').split(';')[0].trim().toLowerCase();
  return MEDIA_TYPE.test(essence) ? essence : 'application/octet-stream';
}

/** RFC 8187 ext-value: UTF-8, percent-encoding everything outside attr-char. */
function encodeExtValue(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * `Content-Disposition: attachment` for a file name (RFC 6266): a quoted ASCII `filename` for
 * every client, plus `filename*` with the exact UTF-8 name when it is not plain ASCII.
 */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const fallback = `attachment; filename="${ascii}"`;
  return ascii === name ? fallback : `${fallback}; filename*=UTF-8''${encodeExtValue(name)}`;
}
