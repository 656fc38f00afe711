import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommonErrors, ErrorSpec, ProblemError } from '../common/problem';
import { sendProblem } from '../common/problem.filter';

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
