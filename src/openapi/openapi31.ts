import type { OpenAPIObject } from '@nestjs/swagger';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/**
 * One schema's `nullable` (OpenAPI 3.0) as OpenAPI 3.1 says it. 3.0 validators do not let null
 * through `nullable` next to `allOf: [{$ref}]` (the ref'd schema still refuses null), so a
 * nullable reference becomes `anyOf: [{$ref}, {type: 'null'}]`; a nullable typed schema gets
 * `'null'` in its `type` (and in its `enum`).
 */
function nullableTo31(schema: JsonObject): JsonObject {
  const { nullable, ...rest } = schema;
  if (nullable !== true) return rest;
  const { allOf, type, ...annotations } = rest;
  const refs = Array.isArray(allOf) ? allOf : null;
  if (refs?.length === 1 && Object.keys(annotations).every((k) => ANNOTATIONS.has(k)))
    return { ...annotations, anyOf: [refs[0], { type: 'null' }] };
  if (allOf === undefined && typeof type === 'string') {
    const out: JsonObject = { ...rest, type: [type, 'null'] };
    if (Array.isArray(rest.enum) && !rest.enum.includes(null)) out.enum = [...rest.enum, null];
    return out;
  }
  const { description, ...constraint } = rest;
  return {
    ...(description === undefined ? {} : { description }),
    anyOf: [constraint, { type: 'null' }],
  };
}

/** Keywords that say what a value means but constrain nothing, so they may sit beside `anyOf`. */
const ANNOTATIONS = new Set(['description', 'title', 'example', 'examples', 'default', 'deprecated']);

function convert(value: Json): Json {
  if (Array.isArray(value)) return value.map(convert);
  if (value === null || typeof value !== 'object') return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) out[key] = convert(child);
  return typeof value.nullable === 'boolean' ? nullableTo31(out) : out;
}

/**
 * Nest writes OpenAPI 3.0; the document is served as 3.1, whose schemas are JSON Schema 2020-12,
 * so that any JSON Schema validator reads nulls, refs and formats as this service means them.
 */
export function toOpenApi31(document: OpenAPIObject): OpenAPIObject {
  const converted = convert(document as unknown as Json) as unknown as OpenAPIObject;
  return { ...converted, openapi: '3.1.0' };
}
