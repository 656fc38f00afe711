import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { CommonErrors, ErrorSpec, invalid, ProblemError } from '../../common/problem';
import { sendProblem } from '../../common/problem.filter';
import { BODY_DIGEST } from '../../idempotency/request-hash';

/** The largest file `POST /v1/sources` takes as multipart/form-data (a report PDF). */
export const UPLOAD_LIMIT = 20 * 1024 * 1024;
const UPLOAD_ROUTE = /^\/v1\/sources\/?(\?|$)/;

export interface UploadedFile {
  bytes: Buffer;
  contentType: string;
  filename: string;
}

const FILE_TOO_LARGE: ErrorSpec = {
  status: 413,
  code: 'REQUEST.BODY_TOO_LARGE',
  title: 'The uploaded file is larger than 20 MB',
};
const LIMITS = { fileSize: UPLOAD_LIMIT, files: 1, fields: 20, fieldSize: 1024 * 1024, parts: 21 };
const files = new WeakMap<FastifyRequest, UploadedFile>();

/** The file a multipart `POST /v1/sources` carried, if it was one. */
export const uploadedFile = (request: FastifyRequest): UploadedFile | undefined => files.get(request);

/**
 * `POST /v1/sources` as multipart/form-data: `file` (one PDF or HTML file, ≤ 20 MB) and the
 * metadata fields of the JSON body. @fastify/multipart reads the parts before validation; the
 * fields become the body the DTO validates, the file waits for the controller. Multipart anywhere
 * else is 415, as every non-JSON body is.
 */
export function acceptSourceUploads(fastify: FastifyInstance): void {
  // A callback hook: every other request passes on at once, without a promise.
  fastify.addHook('preValidation', (request, reply, done) => {
    // The plugin is registered once (src/security/multipart.ts), which refuses other routes with 415.
    if (!request.isMultipart() || request.method !== 'POST' || !UPLOAD_ROUTE.test(request.url)) return done();
    readParts(request).then(
      ({ fields, file }) => {
        request.body = fields;
        files.set(request, file);
        Object.assign(request, { [BODY_DIGEST]: createHash('sha256').update(file.bytes).digest('hex') });
        done();
      },
      (error: unknown) => {
        try {
          sendProblem(reply, request.id, asProblem(error));
        } catch (failure) {
          done(failure as Error);
        }
      },
    );
  });
}

async function readParts(
  request: FastifyRequest,
): Promise<{ fields: Record<string, string>; file: UploadedFile }> {
  const fields: Record<string, string> = {};
  let file: UploadedFile | undefined;
  for await (const part of request.parts({ limits: LIMITS })) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if (part.fieldname !== 'file') throw invalid(part.fieldname, 'the file goes in the field named file');
      file = { bytes, contentType: part.mimetype, filename: part.filename };
    } else fields[part.fieldname] = String(part.value);
  }
  if (!file) throw invalid('file', 'a multipart source needs its file (a PDF)');
  return { fields, file };
}

function asProblem(error: unknown): ProblemError {
  if (error instanceof ProblemError) return error;
  const code = (error as { code?: string }).code ?? '';
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new ProblemError(FILE_TOO_LARGE);
  return new ProblemError(
    CommonErrors.BAD_REQUEST,
    `The multipart body could not be read (${code || 'malformed'})`,
  );
}
