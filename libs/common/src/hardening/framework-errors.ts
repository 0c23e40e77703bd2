import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { problemFor, sendProblem } from '../errors/problem-details.filter';
import { PROBLEM_JSON, ProblemDetails } from '../errors/problem-details';
import { ProblemCode, problemType } from '../errors/problem-types';
import { statusTitle } from '../errors/problem-mapper';

/**
 * Fastify's `frameworkErrors`: what its router refuses before any route runs (a bad percent
 * escape: 400, a path parameter over maxParamLength: 414) leaves as problem+json too.
 */
export function sendFrameworkProblem(
  error: Error,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  void reply.header('X-Request-Id', request.id);
  sendProblem(reply, problemFor(error, request));
}

const CLIENT_ERRORS: Record<string, { status: number; code: ProblemCode; detail: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'request-timeout',
    detail: 'The request did not arrive in full in time.',
  },
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'request-header-fields-too-large',
    detail: 'The request headers exceed 16 KB.',
  },
};

const MALFORMED: { status: number; code: ProblemCode; detail: string } = {
  status: 400,
  code: 'bad-request',
  detail: 'The request is not valid HTTP.',
};

/** The problem for an error Node's HTTP parser raised on a connection; there is no request. */
export function clientErrorProblem(code: string | undefined): ProblemDetails {
  const { status, code: problemCode, detail } = (code && CLIENT_ERRORS[code]) || MALFORMED;
  const requestId = randomUUID();
  return {
    type: problemType(problemCode),
    title: statusTitle(status),
    status,
    detail,
    instance: `urn:uuid:${requestId}`,
    requestId,
  };
}

/**
 * Fastify's `clientErrorHandler`: a timed-out, oversized or unparsable request is answered with
 * problem+json and `Connection: close`, then its socket is closed (the stream can't be resumed).
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable && socket.bytesWritten === 0) {
    const problem = clientErrorProblem(error.code);
    const body = JSON.stringify(problem);
    socket.write(
      `HTTP/1.1 ${problem.status} ${problem.title}\r\n` +
        `Content-Type: ${PROBLEM_JSON}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Request-Id: ${problem.requestId}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy(error);
}
