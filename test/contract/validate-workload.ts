import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { readWorkload, type RecordedResponse } from './workload';

/**
 * `npm run client:check`, the independent half: the responses e2e tests received
 * (test/contract/workload.ndjson, `npm run contract:record`) validated against the exported
 * document by ajv's JSON Schema 2020-12 dialect — the dialect of OpenAPI 3.1 — reading every
 * schema exactly as written. Unlike the contract check in `npm test` (test/contract/compile.ts),
 * nothing of the project's own reading is used: no closing of objects, no translation.
 *
 *   node dist/test/contract/validate-workload.js dist/openapi.json test/contract/workload.ndjson
 */
interface Operation {
  responses: Record<
    string,
    { headers?: Record<string, { required?: boolean }>; content?: Record<string, { schema?: unknown }> }
  >;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

const DOCUMENT_ID = 'https://pledgewatch.dev/openapi.json';

/** A JSON pointer to `tokens` inside the document, as a URI fragment. */
function pointer(...tokens: string[]): string {
  return tokens.map((t) => `/${encodeURIComponent(t.replace(/~/g, '~0').replace(/\//g, '~1'))}`).join('');
}

/** Whether the workload holds what the issue asked it to: a list page with a null `amount`. */
function hasListWithNullAmount(workload: RecordedResponse[]): boolean {
  return workload.some((r) => {
    const data = (r.body as { data?: unknown } | null)?.data;
    return Array.isArray(data) && data.some((row) => (row as { amount?: unknown } | null)?.amount === null);
  });
}

export function validateWorkload(
  published: { openapi: string; paths: Record<string, unknown> },
  workload: RecordedResponse[],
): string[] {
  const document = published as Document;
  if (!document.openapi.startsWith('3.1.')) return [`the document is OpenAPI ${document.openapi}, not 3.1`];
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema(document, DOCUMENT_ID);
  const compiled = new Map<string, ValidateFunction>();
  const mismatches: string[] = [];
  for (const r of workload) {
    const where = `${r.method} ${r.path} → ${r.status}`;
    const response = document.paths[r.path]?.[r.method.toLowerCase()]?.responses[String(r.status)];
    if (!response) {
      mismatches.push(`${where}: not declared`);
      continue;
    }
    for (const [name, header] of Object.entries(response.headers ?? {}))
      if (header.required && r.headers[name.toLowerCase()] === undefined)
        mismatches.push(`${where}: required header ${name} missing`);
    if (r.body === null || r.method === 'HEAD') continue;
    const media = response.content?.[r.mediaType];
    if (!media?.schema) {
      mismatches.push(`${where}: media type ${r.mediaType} not declared`);
      continue;
    }
    const ref = `${DOCUMENT_ID}#${pointer('paths', r.path, r.method.toLowerCase(), 'responses', String(r.status), 'content', r.mediaType, 'schema')}`;
    let validate = compiled.get(ref);
    if (!validate) {
      validate = ajv.compile({ $ref: ref });
      compiled.set(ref, validate);
    }
    if (!validate(r.body))
      mismatches.push(
        `${where}: ${(validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ')}`,
      );
  }
  if (!hasListWithNullAmount(workload)) mismatches.push('the workload holds no list page with a null amount');
  return mismatches;
}

if (require.main === module) {
  const [documentFile, workloadFile] = process.argv.slice(2);
  const document = JSON.parse(readFileSync(documentFile, 'utf8')) as Document;
  const workload = readWorkload(workloadFile);
  const mismatches = validateWorkload(document, workload);
  const operations = new Set(workload.map((r) => `${r.method} ${r.path}`)).size;
  console.log(
    `workload: ${workload.length} recorded responses of ${operations} operations validated by ajv (JSON Schema 2020-12), ${mismatches.length} mismatches`,
  );
  for (const m of mismatches.slice(0, 50)) console.log(`  ${m}`);
  if (mismatches.length > 0 || workload.length === 0) process.exitCode = 1;
}
