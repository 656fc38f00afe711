import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CommonErrors, invalid, ProblemError } from '../common/problem';

export interface JsonLimits {
  /** Values in the whole body (every scalar, object and array counts one): 413 past it. */
  values: number;
  /** Nesting levels: no body of this API needs more than a handful. */
  depth: number;
  /** Elements of one array (citations: 50; bulk imports stay far below it). */
  arrayItems: number;
  /** Members of one object. */
  objectKeys: number;
}

/**
 * JSON.parse of 2 MB of `{},{},…` builds 690,000 objects and blocks the event loop for a quarter
 * of a second; an object of 150,000 keys as long. No request of this API comes near these
 * bounds (a source's 1 MB text is one value).
 */
export const JSON_LIMITS: JsonLimits = { values: 200_000, depth: 32, arrayItems: 50_000, objectKeys: 1_000 };

const isJsonSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * What is wrong with the shape of a JSON text, found in one pass over its tokens without
 * building anything, so an oversized body is refused before it is parsed. Null when it is
 * within the limits (or malformed in a way the parser that runs next reports).
 */
export function jsonShapeProblem(text: string, limits: JsonLimits = JSON_LIMITS): ProblemError | null {
  const open: number[] = []; // per open container: [ or {
  const members: number[] = []; // per open container: elements or keys so far
  let values = 0;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isJsonSpace(c)) continue;
    const top = open.length > 0 ? open[open.length - 1] : 0;
    if (c === COMMA || c === COLON) {
      expectKey = c === COMMA && top === OBJECT;
      continue;
    }
    if (c === ARRAY_END || c === OBJECT_END) {
      open.pop();
      members.pop();
      expectKey = false;
      continue;
    }
    if (expectKey) {
      if (++members[members.length - 1] > limits.objectKeys)
        return invalid('body', `has an object with more than ${limits.objectKeys} fields`);
      i = endOfToken(text, i);
      expectKey = false;
      continue;
    }
    if (++values > limits.values)
      return new ProblemError(
        CommonErrors.BODY_TOO_LARGE,
        `The body holds more than ${limits.values} JSON values; no request needs that many`,
      );
    if (top === ARRAY && ++members[members.length - 1] > limits.arrayItems)
      return invalid('body', `has an array of more than ${limits.arrayItems} elements`);
    if (c === ARRAY || c === OBJECT) {
      if (open.length >= limits.depth) return invalid('body', `nests deeper than ${limits.depth} levels`);
      open.push(c);
      members.push(0);
      expectKey = c === OBJECT;
    } else i = endOfToken(text, i);
  }
  return null;
}

const [ARRAY, ARRAY_END, OBJECT, OBJECT_END, COMMA, COLON, QUOTE, BACKSLASH] = [
  0x5b, 0x5d, 0x7b, 0x7d, 0x2c, 0x3a, 0x22, 0x5c,
];

/** The index of the last character of the string or literal (number, true, …) starting at `at`. */
function endOfToken(text: string, at: number): number {
  if (text.charCodeAt(at) === QUOTE) {
    for (let i = at + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) return i;
    }
    return text.length;
  }
  let i = at;
  while (i + 1 < text.length) {
    const c = text.charCodeAt(i + 1);
    if (isJsonSpace(c) || c === COMMA || c === COLON || c === ARRAY_END || c === OBJECT_END) break;
    i++;
  }
  return i;
}

/**
 * Replaces Fastify's JSON parser by the same parser (prototype poisoning refused) behind
 * jsonShapeProblem, so an oversized body is refused before the work of building it.
 */
export function boundJsonBodies(fastify: FastifyInstance, limits: JsonLimits = JSON_LIMITS): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (request: FastifyRequest, body: string | Buffer, done: (err: Error | null, body?: unknown) => void) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      const problem = jsonShapeProblem(text, limits);
      if (problem) return done(problem);
      void parse(request, text, done);
    },
  );
}
