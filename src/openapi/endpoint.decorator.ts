import { applyDecorators, Type } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiHeader,
  ApiOperation,
  ApiResponse,
  getSchemaPath,
  type ReferenceObject,
  type SchemaObject,
} from '@nestjs/swagger';
import { ProblemView } from './problem.schema';
import { headerObjects, problemResponse, ResponseHeaderName } from './responses';

/** Everything the contract says about one operation, beyond what finishDocument derives. */
export interface EndpointSpec {
  summary: string;
  description?: string;
  /** The success status (Nest's default: 201 for POST, 200 otherwise; 204 has no body). */
  status?: number;
  /** The success body: a view class (`@ApiProperty` fields), or with `page`, one element of a list page. */
  type?: Type<unknown>;
  /** `{ data: type[], nextCursor }`, the shape of every list. */
  page?: boolean;
  /** A body that is not JSON (CSV, Prometheus text): content type → schema. */
  content?: Record<string, SchemaObject>;
  /** A body that is not one JSON DTO (CSV, or one schema per media type): media type → schema. */
  body?: Record<string, SchemaObject | ReferenceObject>;
  /** Schemas `content` refers to with getSchemaPath, registered with the document. */
  models?: Type<unknown>[];
  /** JSON media type of the success body (default application/json). */
  mediaType?: string;
  headers?: ResponseHeaderName[];
  /** `required` on PATCH (428 without, 412 when stale), `optional` where it is checked when sent. */
  ifMatch?: 'required' | 'optional';
  /** Error statuses particular to this operation; the common ones are added by finishDocument. */
  problems?: (number | [number, string])[];
}

/** `{ data: T[], nextCursor }` */
export function pageSchema(type: Type<unknown>): SchemaObject {
  return {
    type: 'object',
    required: ['data', 'nextCursor'],
    properties: {
      data: { type: 'array', items: { $ref: getSchemaPath(type) } },
      nextCursor: {
        type: 'string',
        nullable: true,
        description: 'Pass as ?cursor= for the next page; null on the last page',
      },
    },
  };
}

function successContent(
  spec: EndpointSpec,
): Record<string, { schema: SchemaObject | ReferenceObject }> | undefined {
  if (spec.content)
    return Object.fromEntries(Object.entries(spec.content).map(([type, schema]) => [type, { schema }]));
  if (!spec.type) return undefined;
  const schema = spec.page ? pageSchema(spec.type) : { $ref: getSchemaPath(spec.type) };
  return { [spec.mediaType ?? 'application/json']: { schema } };
}

/**
 * One decorator per route for its contract: summary, success body and headers, the error statuses
 * particular to it. Roles, security, and the statuses every route shares (401, 403, 422 …) come
 * from the route's own guards and shape (see document.ts), so they cannot drift from the code.
 */
export function Endpoint(spec: EndpointSpec): MethodDecorator {
  const problems = (spec.problems ?? []).map((p) => (Array.isArray(p) ? p : ([p, undefined] as const)));
  // Every route under /v1/items/:id that redirects a merged item answers 410 for a discarded one.
  if (problems.some(([code]) => code === 308)) problems.push([410, undefined]);
  if (spec.ifMatch === 'required') problems.push([428, undefined], [412, undefined]);
  if (spec.ifMatch === 'optional') problems.push([412, undefined]);
  const status = spec.status ?? 200;
  const decorators: MethodDecorator[] = [
    ApiOperation({
      summary: spec.summary,
      description: spec.description,
      ...(spec.body && {
        requestBody: {
          required: true,
          content: Object.fromEntries(Object.entries(spec.body).map(([type, schema]) => [type, { schema }])),
        },
      }),
    }),
    ApiExtraModels(ProblemView, ...(spec.type ? [spec.type] : []), ...(spec.models ?? [])),
    ApiResponse({
      status,
      description: status === 204 ? 'Done; no body' : 'Success',
      headers: headerObjects(spec.headers ?? []),
      content: successContent(spec),
    }),
    ...problems.map(([code, description]) =>
      ApiResponse({ status: code, ...problemResponse(code, description) }),
    ),
  ];
  if (spec.ifMatch)
    decorators.push(
      ApiHeader({
        name: 'If-Match',
        required: spec.ifMatch === 'required',
        description:
          spec.ifMatch === 'required'
            ? 'The ETag from the last read, e.g. `"3"`: 412 when the item has moved on, 428 without it'
            : "Optional: the item's ETag; 412 when it has moved on",
        schema: { type: 'string', example: '"3"' },
      }),
    );
  return applyDecorators(...decorators);
}
