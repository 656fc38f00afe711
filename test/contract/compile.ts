import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';

/** What the checker needs of one declared response. */
export interface DeclaredResponse {
  /** media type → validator id (null: a body the checker does not parse, e.g. CSV). */
  content: Record<string, string | null>;
  requiredHeaders: string[];
}

export interface ContractOperation {
  method: string;
  path: string;
  responses: Record<string, DeclaredResponse>;
}

const COMPONENTS_ID = 'https://pledgewatch.dev/openapi/components';
const JSON_TYPE = /^application\/([a-z.+-]+\+)?json$/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A schema of the OpenAPI 3.1 document as ajv's 2020-12 dialect reads it, as any JSON Schema
 * validator would: nothing is translated (a null passes only where the schema says `'null'`),
 * refs point into the components document, and objects that list their properties are closed,
 * so a body carrying a field the contract does not declare is a mismatch (Problem stays open).
 * OpenAPI 3.0's `nullable` means nothing in 3.1, so meeting one is an error, not a null allowed.
 */
export function toJsonSchema(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  if ('nullable' in schema)
    throw new Error(`OpenAPI 3.0 "nullable" in a 3.1 schema: ${JSON.stringify(schema)}`);
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'example') continue;
    if (key === '$ref' && typeof value === 'string') out.$ref = value.replace(/^#/, `${COMPONENTS_ID}#`);
    else if (key === 'properties' && value && typeof value === 'object' && !Array.isArray(value))
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSchema(v)]));
    else out[key] = toJsonSchema(value);
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

/**
 * Once per `npm test` (global setup): every response schema of the document compiled by ajv into
 * one standalone module, so each test file loads validators instead of compiling them again.
 */
export function compileContract(document: OpenAPIObject, dir: string): void {
  if (!document.openapi.startsWith('3.1.'))
    throw new Error(`OpenAPI ${document.openapi}: the contract reads 3.1`);
  const ajv = new Ajv2020({ strict: false, allErrors: true, code: { source: true } });
  addFormats(ajv);
  ajv.addSchema({ $id: COMPONENTS_ID, components: toJsonSchema(document.components as Json) });
  const problem = toJsonSchema({ $ref: '#/components/schemas/Problem' });
  ajv.addSchema(problem as object, 'v-problem');
  const ids: Record<string, string> = { 'v-problem': 'v-problem' };
  const bySchema = new Map<string, string>([[JSON.stringify(problem), 'v-problem']]);
  const operations: ContractOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      const responses: Record<string, DeclaredResponse> = {};
      for (const [status, response] of Object.entries(op.responses as Record<string, Json>)) {
        const r = response as {
          content?: Record<string, { schema?: Json }>;
          headers?: Record<string, { required?: boolean }>;
        };
        const content: Record<string, string | null> = {};
        for (const [type, media] of Object.entries(r.content ?? {})) {
          if (!JSON_TYPE.test(type) || !media.schema) {
            content[type] = null;
            continue;
          }
          // Identical schemas (every problem response) share one validator.
          const schema = toJsonSchema(media.schema);
          const key = JSON.stringify(schema);
          let id = bySchema.get(key);
          if (!id) {
            id = `v${bySchema.size}`;
            bySchema.set(key, id);
            ajv.addSchema(schema as object, id);
            ids[id] = id;
          }
          content[type] = id;
        }
        const requiredHeaders = Object.entries(r.headers ?? {})
          .filter(([, h]) => h.required)
          .map(([name]) => name.toLowerCase());
        responses[status] = { content, requiredHeaders };
      }
      operations.push({ method: method.toUpperCase(), path, responses });
    }
  }
  writeFileSync(join(dir, 'validators.js'), standaloneCode(ajv, ids));
  writeFileSync(join(dir, 'operations.json'), JSON.stringify(operations));
}
