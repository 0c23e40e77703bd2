import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '@rct/common';
import { createHash } from 'node:crypto';
import {
  EvidenceFileTooLargeError,
  InvalidUploadError,
  NotMultipartError,
} from './evidence.errors';
import { normalizeContentType, sanitizeFileName } from './file-naming';

/** A file received in full, hashed while it streamed in. */
export interface ReceivedFile {
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  content: Buffer;
}

/** One multipart file part of the current request, read on demand (see `@UploadedFilePart()`). */
export interface FileUpload {
  /** Reads the part up to `maxBytes`; throws 413 above it, 415 for a non-multipart body. */
  receive(maxBytes: number): Promise<ReceivedFile>;
}

/** @fastify/multipart's own errors carry an FST_ code. */
function multipartErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

const TOO_MANY_PARTS = new Set(['FST_FILES_LIMIT', 'FST_FIELDS_LIMIT', 'FST_PARTS_LIMIT']);

function translate(error: unknown, field: string, maxBytes: number): Error {
  const code = multipartErrorCode(error);
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new EvidenceFileTooLargeError(maxBytes);
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new NotMultipartError(field);
  if (code && TOO_MANY_PARTS.has(code)) {
    return new InvalidUploadError(field, `send one file, in a part named "${field}"`);
  }
  // Busboy's parse errors ("Unexpected end of form", "Boundary not found") are the client's.
  return new InvalidUploadError(field, 'the multipart/form-data body is malformed');
}

async function readFilePart(part: MultipartFile, maxBytes: number): Promise<ReceivedFile> {
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of part.file as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) continue;
    hash.update(chunk);
    chunks.push(chunk);
  }
  if (part.file.truncated || size > maxBytes) throw new EvidenceFileTooLargeError(maxBytes);
  if (size === 0) {
    throw new InvalidUploadError(part.fieldname, `${part.fieldname} must not be empty`);
  }
  return {
    name: sanitizeFileName(part.filename),
    contentType: normalizeContentType(part.mimetype),
    size,
    sha256: hash.digest('hex'),
    content: Buffer.concat(chunks, size),
  };
}

/**
 * Reads the whole multipart body: exactly one file, in the part named `field`, streamed into
 * memory and hashed chunk by chunk as it arrives; other fields are ignored. Busboy stops
 * buffering at `maxBytes` and marks the stream truncated, so memory stays bounded and an
 * oversized file is refused before anything is stored.
 */
export async function receiveFile(
  request: FastifyRequest,
  field: string,
  maxBytes: number,
): Promise<ReceivedFile> {
  if (typeof request.isMultipart !== 'function' || !request.isMultipart()) {
    throw new NotMultipartError(field);
  }
  let received: ReceivedFile | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1 } })) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== field) {
        part.file.resume();
        throw new InvalidUploadError(field, `the file must be sent in a part named "${field}"`);
      }
      received = await readFilePart(part, maxBytes);
    }
  } catch (error) {
    throw error instanceof DomainError ? error : translate(error, field, maxBytes);
  }
  if (!received) throw new InvalidUploadError(field, `${field} must be a file part`);
  return received;
}
