import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { invalid, ProblemError } from '../common/problem';
import { flattenValidationErrors, validationProblem } from '../common/validation';
import { ImportMappingDto } from './dto/import-mapping.dto';
import { ImportErrors } from './imports.errors';
import type { Upload } from './imports.service';

/** The largest sheet an import takes (docs/imports.md). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const FIELDS = ['mapping', 'sheet'];
const POISON = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The multipart body of POST /v1/imports: one `file` (CSV or XLSX, told apart by its first
 * bytes: an XLSX is a ZIP), a `mapping` (JSON, validated like a body) and an optional `sheet`.
 */
export async function readUpload(
  request: FastifyRequest,
  needsMapping = true,
): Promise<{ upload: Upload; mapping: ImportMappingDto | null }> {
  if (!request.isMultipart()) throw new ProblemError(ImportErrors.NOT_MULTIPART);
  let file: { bytes: Buffer; fileName: string | null } | undefined;
  const fields: Record<string, string> = {};
  try {
    const parts = request.parts({
      limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5, fieldSize: 200_000 },
    });
    for await (const part of parts) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname !== 'file')
          throw invalid(part.fieldname, 'is not a field of an import (file, mapping, sheet)');
        file = { bytes, fileName: part.filename || null };
      } else if (!FIELDS.includes(part.fieldname))
        throw invalid(part.fieldname, 'is not a field of an import (file, mapping, sheet)');
      else fields[part.fieldname] = String(part.value);
    }
  } catch (error) {
    throw uploadProblem(error);
  }
  if (!file || file.bytes.length === 0) throw invalid('file', 'a CSV or XLSX file is required');
  if (fields.mapping === undefined && needsMapping)
    throw invalid('mapping', 'is required: JSON naming which column is what');
  const isZip = file.bytes[0] === 0x50 && file.bytes[1] === 0x4b;
  return {
    upload: { ...file, format: isZip ? 'xlsx' : 'csv', ...(fields.sheet ? { sheet: fields.sheet } : {}) },
    mapping: fields.mapping === undefined ? null : await parseMapping(fields.mapping),
  };
}

async function parseMapping(text: string): Promise<ImportMappingDto> {
  let plain: unknown;
  try {
    plain = JSON.parse(text, (key, value: unknown) => {
      if (POISON.has(key)) throw new SyntaxError(`"${key}" is not a mapping field`);
      return value;
    });
  } catch (error) {
    throw invalid('mapping', `is not JSON (${error instanceof Error ? error.message : 'unreadable'})`);
  }
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain))
    throw invalid('mapping', 'must be a JSON object');
  const dto = plainToInstance(ImportMappingDto, plain);
  const errors = flattenValidationErrors(
    await validate(dto, { whitelist: true, forbidNonWhitelisted: true }),
  );
  if (errors.length > 0) throw validationProblem(errors.map((e) => ({ ...e, path: `mapping.${e.path}` })));
  return dto;
}

function uploadProblem(error: unknown): unknown {
  if (error instanceof ProblemError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE')
    return new ProblemError(ImportErrors.FILE_TOO_LARGE, `A sheet may have at most ${MAX_FILE_BYTES} bytes`);
  if (typeof code === 'string' && code.startsWith('FST_'))
    return new ProblemError(ImportErrors.BAD_UPLOAD, error instanceof Error ? error.message : code);
  return error;
}
