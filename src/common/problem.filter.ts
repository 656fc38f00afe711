import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { CommonErrors, ErrorSpec, ProblemError } from './problem';

const FASTIFY_ERRORS: Record<string, ErrorSpec> = {
  FST_ERR_CTP_INVALID_JSON_BODY: CommonErrors.MALFORMED_JSON,
  FST_ERR_CTP_EMPTY_JSON_BODY: CommonErrors.MALFORMED_JSON,
  FST_ERR_CTP_BODY_TOO_LARGE: CommonErrors.BODY_TOO_LARGE,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: CommonErrors.UNSUPPORTED_MEDIA_TYPE,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: CommonErrors.BAD_REQUEST,
};
const HTTP_STATUS_SPECS: Record<number, ErrorSpec> = Object.fromEntries(
  Object.values(CommonErrors).map((spec) => [spec.status, spec]),
);
/** Connection-level failures mean the database is away, not that the request was wrong. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
]);

/** TypeORM raises these when a transaction's connection died under it (terminated backend, server gone). */
const RELEASED_RUNNER_ERRORS = new Set([
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
]);

function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string; name?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code;
  return (
    (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) ||
    RELEASED_RUNNER_ERRORS.has(e?.name ?? '') ||
    /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Cannot use a pool after calling end|Driver not Connected/.test(
      e?.message ?? '',
    )
  );
}

/** What a refusal means, for the SQLSTATEs a valid-looking request can still hit. */
const REFUSALS: Record<string, string> = {
  '22001': 'is too long',
  '22003': 'is out of range',
  '22007': 'is not a valid date or time',
  '22008': 'is out of the range of dates',
  '22P02': 'is not valid for its type',
  '23502': 'is required',
  '23503': 'refers to a record that does not exist',
  '23514': 'breaks a rule of the data model',
  '23P01': 'overlaps an existing record',
};

/**
 * The request field a database refusal is about, as far as PostgreSQL says: the column (not-null),
 * or the column a named constraint is on (`items_amount_value_check` → amountValue); `body` when
 * it does not say.
 */
function refusedField(error: QueryFailedError): string {
  const driver = error.driverError as { column?: string; constraint?: string; table?: string };
  const column =
    driver.column ??
    (driver.constraint && driver.table
      ? driver.constraint.replace(new RegExp(`^${driver.table}_`), '').replace(/_(check|fkey|key|excl)$/, '')
      : undefined);
  return column ? column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) : 'body';
}

export function toProblem(exception: unknown): ProblemError {
  if (exception instanceof ProblemError) return exception;
  const fastifyCode = (exception as { code?: string })?.code;
  if (fastifyCode && FASTIFY_ERRORS[fastifyCode]) {
    if (fastifyCode === 'FST_ERR_CTP_INVALID_JSON_BODY' || fastifyCode === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return new ProblemError(CommonErrors.MALFORMED_JSON, 'The request body is not valid JSON');
    }
    return new ProblemError(FASTIFY_ERRORS[fastifyCode]);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    // Nest re-wraps Fastify's body-parser errors as plain HttpExceptions, dropping their code.
    if (status === 400 && /^Body (is not valid JSON|cannot be empty)/.test(exception.message)) {
      return new ProblemError(CommonErrors.MALFORMED_JSON, 'The request body is not valid JSON');
    }
    const spec = HTTP_STATUS_SPECS[status] ?? { status, code: `HTTP.${status}`, title: exception.message };
    return new ProblemError(spec, exception.message);
  }
  const status = (exception as { statusCode?: number })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const spec = HTTP_STATUS_SPECS[status] ?? { status, code: `HTTP.${status}`, title: 'Bad request' };
    return new ProblemError(spec, spec.title);
  }
  const sqlState =
    exception instanceof QueryFailedError ? ((exception.driverError as { code?: string }).code ?? '') : '';
  if (sqlState === '23505')
    return new ProblemError(CommonErrors.CONFLICT, 'A record with the same unique value already exists');
  // Last line of defence: data the database refused is the client's problem, not a 500.
  if (sqlState.startsWith('22') || ['23502', '23503', '23514', '23P01'].includes(sqlState)) {
    const path = refusedField(exception as QueryFailedError);
    const message = REFUSALS[sqlState] ?? 'was refused by the database';
    return new ProblemError(CommonErrors.VALIDATION_FAILED, `${path}: ${message}`, {}, [{ path, message }]);
  }
  // statement_timeout (DB_STATEMENT_TIMEOUT_MS): the database is too busy for this query now.
  if (sqlState === '57014')
    return new ProblemError(
      CommonErrors.DATABASE_UNAVAILABLE,
      'The database took too long to answer; try again shortly',
      { retryAfter: 5 },
    );
  if (sqlState === '40001' || sqlState === '40P01')
    return new ProblemError(CommonErrors.CONFLICT, 'A concurrent write got in the way; retry');
  if (isDatabaseUnavailable(exception))
    return new ProblemError(
      CommonErrors.DATABASE_UNAVAILABLE,
      'The database is unreachable; try again shortly',
    );
  return new ProblemError(
    CommonErrors.INTERNAL,
    'An unexpected error occurred; quote the request id when reporting it',
  );
}

/** The one global filter: every error leaves as `application/problem+json`. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const problem = toProblem(exception);
    if (problem.spec.status >= 500) {
      const detail =
        exception instanceof QueryFailedError
          ? `${exception.message} [${exception.query}]`
          : String(exception);
      // The line carries `reqId` (the request's logger, see common/logger.ts), the id in the problem document.
      this.logger.error({ err: exception, detail }, 'request failed');
    }
    sendProblem(reply, request.id, problem);
  }
}

/** The RFC 9457 document of a problem; `instance` is the request path (unknown before HTTP parsing). */
export function problemDocument(
  problem: ProblemError,
  requestId: string,
  instance?: string,
): Record<string, unknown> {
  const { status, code, title } = problem.spec;
  return {
    type: `https://pledgewatch.dev/problems/${code.toLowerCase().replace(/[._]/g, '-')}`,
    title,
    status,
    detail: problem.detail,
    code,
    requestId,
    ...(instance === undefined ? {} : { instance }),
    ...problem.extra,
    ...(problem.errors ? { errors: problem.errors } : {}),
  };
}

/** Writes problem details; also used for errors Fastify raises before Nest sees the request. */
export function sendProblem(reply: FastifyReply, requestId: string, problem: ProblemError): void {
  const { status } = problem.spec;
  const body = problemDocument(problem, requestId, reply.request.url.split('?')[0]);
  const { retryAfter } = problem.extra;
  if (typeof retryAfter === 'number') reply.header('Retry-After', String(retryAfter));
  else if (status === 503) reply.header('Retry-After', '1');
  else if (status === 401) reply.header('WWW-Authenticate', 'Bearer realm="pledgewatch"');
  for (const [name, value] of Object.entries(problem.headers)) reply.header(name, value);
  if (typeof problem.extra.location === 'string') reply.header('Location', problem.extra.location);
  reply
    .status(status)
    .header('Content-Type', 'application/problem+json; charset=utf-8')
    .send(JSON.stringify(body));
}
