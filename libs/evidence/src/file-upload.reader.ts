import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
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

/** One multipart file part of the current request, read on demand (see `@FileUpload()`). */
export interface FileUpload {
  /** Reads the part up to `maxBytes`; throws 413 above it, 415 for a non-multipart body. */
  receive(maxBytes: number): Promise<ReceivedFile>;
}

/** @fastify/multipart's own errors carry an FST_ code. */
function multipartErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function translate(error: unknown, field: string, maxBytes: number): Error {
  const code = multipartErrorCode(error);
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new EvidenceFileTooLargeError(maxBytes);
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new NotMultipartError(field);
  if (code === 'FST_FILES_LIMIT') {
    return new InvalidUploadError(field, 'send exactly one file');
  }
  if (code?.startsWith('FST_') || error instanceof Error) {
    // Busboy's parse errors ("Unexpected end of form", "Boundary not found") are the client's.
    return new InvalidUploadError(field, 'the multipart/form-data body is malformed');
  }
  return new InvalidUploadError(field, 'the file could not be read');
}

async function nextFilePart(
  request: FastifyRequest,
  field: string,
  maxBytes: number,
): Promise<MultipartFile> {
  if (typeof request.isMultipart !== 'function' || !request.isMultipart()) {
    throw new NotMultipartError(field);
  }
  let part: MultipartFile | undefined;
  try {
    part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  } catch (error) {
    throw translate(error, field, maxBytes);
  }
  if (!part) throw new InvalidUploadError(field, `${field} must be a file part`);
  if (part.fieldname !== field) {
    part.file.resume();
    throw new InvalidUploadError(field, `the file must be sent in a part named "${field}"`);
  }
  return part;
}

/**
 * Streams the request's file part into memory, hashing each chunk as it arrives. Busboy stops
 * buffering at `maxBytes` and marks the stream truncated, so memory stays bounded and an
 * oversized file is refused before anything is stored.
 */
export async function receiveFile(
  request: FastifyRequest,
  field: string,
  maxBytes: number,
): Promise<ReceivedFile> {
  const part = await nextFilePart(request, field, maxBytes);
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of part.file as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) continue;
      hash.update(chunk);
      chunks.push(chunk);
    }
  } catch (error) {
    throw translate(error, field, maxBytes);
  }
  if (part.file.truncated || size > maxBytes) throw new EvidenceFileTooLargeError(maxBytes);
  if (size === 0) throw new InvalidUploadError(field, `${field} must not be empty`);
  return {
    name: sanitizeFileName(part.filename),
    contentType: normalizeContentType(part.mimetype),
    size,
    sha256: hash.digest('hex'),
    content: Buffer.concat(chunks, size),
  };
}
