/** The parts of an OpenAPI 3.1 document the fuzzer and the route checks need. */
export interface Schema {
  /** One type once resolved; the document writes a nullable one as `[type, 'null']`. */
  type?: string | string[];
  enum?: unknown[];
  example?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  /** A nullable reference is `anyOf: [{$ref}, {type: 'null'}]`. */
  anyOf?: Schema[];
  $ref?: string;
}

const isNull = (s: Schema) => s.type === 'null';

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  method: string;
  /** OpenAPI template, e.g. /v1/items/{id}. */
  path: string;
  parameters: Parameter[];
  body?: Schema;
  /** The body schema's name (CreateItemDto), when it is a $ref. */
  bodyName?: string;
}

interface Document {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }
    >
  >;
  components?: { schemas?: Record<string, Schema> };
}

/** Inlines $ref, single-element allOf and nullable unions so generators see plain, non-null schemas. */
function resolve(schema: Schema | undefined, doc: Document, depth = 0): Schema | undefined {
  if (!schema || depth > 10) return schema;
  if (schema.$ref)
    return resolve(doc.components?.schemas?.[schema.$ref.split('/').pop() as string], doc, depth + 1);
  if (schema.anyOf?.some(isNull))
    return resolve({ ...schema, anyOf: undefined, ...schema.anyOf.find((s) => !isNull(s)) }, doc, depth + 1);
  if (Array.isArray(schema.type))
    return resolve({ ...schema, type: schema.type.find((t) => t !== 'null') }, doc, depth + 1);
  const merged: Schema = schema.allOf
    ? { ...schema, ...resolve(schema.allOf[0], doc, depth + 1), allOf: undefined }
    : { ...schema };
  if (merged.properties) {
    merged.properties = Object.fromEntries(
      Object.entries(merged.properties).map(([k, v]) => [k, resolve(v, doc, depth + 1) as Schema]),
    );
  }
  if (merged.items) merged.items = resolve(merged.items, doc, depth + 1);
  return merged;
}

/** Every operation of the document, bodies resolved. */
export function operationsOf(doc: Document): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const schema = op.requestBody?.content?.['application/json']?.schema;
      const bodyName = schema?.$ref?.split('/').pop();
      ops.push({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: resolve(schema, doc),
        bodyName,
      });
    }
  }
  return ops;
}
