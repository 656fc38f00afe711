import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { CommonErrors, ErrorSpec, ProblemError } from '../common/problem';
import { problemDocument, sendProblem } from '../common/problem.filter';

export const ConnectionErrors = {
  REQUEST_TIMEOUT: {
    status: 408,
    code: 'REQUEST.TIMEOUT',
    title: 'The request did not arrive in time',
  },
  HEADERS_TOO_LARGE: {
    status: 431,
    code: 'REQUEST.HEADERS_TOO_LARGE',
    title: 'The request headers are too large',
  },
  MALFORMED: { status: 400, code: 'REQUEST.MALFORMED_HTTP', title: 'The request is not valid HTTP' },
} satisfies Record<string, ErrorSpec>;

const URI_TOO_LONG: ErrorSpec = {
  status: 414,
  code: 'REQUEST.URI_TOO_LONG',
  title: 'A path parameter is too long',
};

/**
 * Fastify answers a few malformed requests itself, before routing (bad percent-encoding in the
 * path, an over-long path parameter); without this they would leave as plain JSON, not problem details.
 */
export function frameworkErrors(
  error: { code?: string },
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const problem =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new ProblemError(URI_TOO_LONG)
      : new ProblemError(CommonErrors.BAD_REQUEST, 'The request URL is not valid (bad percent-encoding?)');
  sendProblem(reply, request.id, problem);
}

/**
 * Node's HTTP server answers a few requests before Fastify sees them: one that did not arrive
 * within REQUEST_TIMEOUT_MS / HEADERS_TIMEOUT_MS (408), headers over 16 KB (431), bytes that are
 * not HTTP (400). Fastify's clientErrorHandler: the same answers, as problem details.
 */
export function clientErrors(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const problem =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? new ProblemError(
          ConnectionErrors.REQUEST_TIMEOUT,
          'The request headers and body must arrive within the request timeout; the connection is closed',
        )
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? new ProblemError(ConnectionErrors.HEADERS_TOO_LARGE)
        : new ProblemError(ConnectionErrors.MALFORMED);
  const { status } = problem.spec;
  const body = JSON.stringify(problemDocument(problem, randomUUID()));
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy();
}
