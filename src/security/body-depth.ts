import type { FastifyReply, FastifyRequest } from 'fastify';
import { invalid } from '../common/problem';
import { sendProblem } from '../common/problem.filter';

/** No request body of this API nests deeper than a handful of levels; 32 leaves ample room. */
export const MAX_BODY_DEPTH = 32;

/** Depth of a parsed JSON value, walked without recursion so a hostile body cannot exhaust the stack. */
export function jsonDepth(value: unknown, stopAt = Infinity): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (node === null || typeof node !== 'object') continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > stopAt) return deepest;
    for (const child of Object.values(node)) stack.push([child, level]);
  }
  return deepest;
}

/**
 * Fastify preValidation hook: rejects over-deep bodies with 422 before Nest's validation pipe,
 * which walks bodies recursively and would otherwise overflow the stack (a 500).
 */
export async function rejectDeepBodies(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  if (jsonDepth(request.body, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) {
    sendProblem(reply, request.id, invalid('body', `nests deeper than ${MAX_BODY_DEPTH} levels`));
    return reply;
  }
  return undefined;
}
