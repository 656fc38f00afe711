import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import {
  DocumentBuilder,
  type OpenAPIObject,
  type OperationObject,
  type ParameterObject,
  SwaggerModule,
} from '@nestjs/swagger';
import { Role } from '../auth/api-key.entity';
import { leastRole, PUBLIC_KEY, ROLE_KEY } from '../auth/roles.decorator';
import { CONDITIONAL_EXTENSION } from '../common/conditional/api-conditional';
import { publicUrl } from '../common/links';
import { toOpenApi31 } from './openapi31';
import { OPERATION_IDS } from './operation-ids';
import { ProblemView } from './problem.schema';
import { problemResponse, RESPONSE_HEADERS } from './responses';

/** Who may call a route, read from the same metadata the auth guard reads. */
interface Access {
  public: boolean;
  role: Role;
}

const TAGS: Record<string, string> = {
  sources: 'Articles and statements that claims and commitments cite',
  actors: 'People, organisations, countries and groups',
  items: 'Claims and commitments, their search, export and duplicates',
  timeline: "An item's updates: status changes, progress, evidence, retractions",
  'follow-ups': 'Reminders to check an item again',
  webhooks: 'Signed event deliveries (admin)',
  stats: 'Dashboard counts and amounts',
  'api-keys': 'API keys and their roles (admin)',
  audit: 'Who changed what, when (admin)',
  health: 'Liveness and readiness probes',
  operations: 'Prometheus metrics',
  feeds: 'Secret calendar (.ics) and Atom subscription URLs',
  'fx-rates': 'Reference exchange rates for converted amounts (admin)',
};

const WHO: Record<Role, string> = {
  viewer: 'any API key (viewer, editor or admin)',
  editor: 'an editor or admin key',
  admin: 'an admin key',
};

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** operationId (Nest's default `<Controller>_<method>`) → access, for every route the app mounts. */
function routeAccess(app: INestApplication): Map<string, Access> {
  const access = new Map<string, Access>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      for (
        let proto = controller.prototype as object;
        proto !== Object.prototype;
        proto = Object.getPrototypeOf(proto) as object
      ) {
        for (const name of Object.getOwnPropertyNames(proto)) {
          const handler = (proto as Record<string, unknown>)[name];
          if (typeof handler !== 'function') continue;
          const method = Reflect.getMetadata(METHOD_METADATA, handler) as number | undefined;
          if (method === undefined) continue;
          const meta = <T>(key: string) =>
            (Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller)) as T | undefined;
          access.set(`${controller.name}_${name}`, {
            public: meta<boolean>(PUBLIC_KEY) ?? false,
            role: leastRole(method, meta<Role>(ROLE_KEY)),
          });
        }
      }
    }
  }
  return access;
}

function addProblem(op: OperationObject, status: number): void {
  op.responses[status] ??= problemResponse(status);
}

/** A conditional GET's 200 carries the validators its 304 does (ApiConditional marks the route). */
function declareValidators(op: OperationObject): void {
  const extensions = op as unknown as Record<string, unknown>;
  const conditional = extensions[CONDITIONAL_EXTENSION] as { always: boolean } | undefined;
  delete extensions[CONDITIONAL_EXTENSION];
  const ok = op.responses[200];
  if (!conditional || !ok || '$ref' in ok) return;
  const required = conditional.always;
  ok.headers = {
    ETag: {
      ...RESPONSE_HEADERS.ETag,
      description: 'The tag of this answer: send it in If-None-Match to get 304 while it is current.',
      required,
    },
    'Cache-Control': { ...RESPONSE_HEADERS['Cache-Control'], required },
    ...ok.headers,
  };
}

const IDEMPOTENCY_KEY: ParameterObject = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Any string of 1–255 visible ASCII characters, scoped to your API key. A retry with the same key and body within 24 h returns the first answer again (Idempotent-Replayed: true); the same key with another body is 422; while the first request runs, 409.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};

/**
 * Completes what the decorators describe with what every route shares, derived from the route
 * itself: security and the required role from its guards' metadata; 401/403/429 for keyed
 * routes; 400/413/415/422 for bodies; 404/414/422 for path ids; Idempotency-Key on POST; the
 * published operationId (operation-ids.ts); ETag and Cache-Control on a conditional GET's 200.
 * Returned as OpenAPI 3.1 (openapi31.ts).
 */
export function finishDocument(document: OpenAPIObject, access: Map<string, Access>): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const verb of HTTP_METHODS) {
      const op = item[verb];
      if (!op) continue;
      const route = access.get(op.operationId ?? '');
      if (!route) throw new Error(`OpenAPI: no route metadata for operation ${op.operationId}`);
      const operationId = OPERATION_IDS[`${verb.toUpperCase()} ${path}`];
      if (!operationId)
        throw new Error(`OpenAPI: no operationId for ${verb.toUpperCase()} ${path} (operation-ids.ts)`);
      op.operationId = operationId;
      declareValidators(op);
      const params = (op.parameters ?? []) as ParameterObject[];
      const extensions = op as unknown as Record<`x-${string}`, unknown>;
      if (route.public) {
        op.security = [];
        extensions['x-required-role'] = 'none';
      } else {
        op.security = [{ bearer: [] }];
        extensions['x-required-role'] = route.role;
        op.description = [`Needs ${WHO[route.role]}.`, op.description].filter(Boolean).join(' ');
        [401, 429].forEach((s) => addProblem(op, s));
        if (route.role !== 'viewer') addProblem(op, 403);
      }
      addProblem(op, 400);
      // Always problem details: the global filter turns terminus's own 503 into one too.
      op.responses[503] = problemResponse(503);
      if (op.requestBody) [413, 415, 422].forEach((s) => addProblem(op, s));
      if (params.some((p) => p.in === 'query')) addProblem(op, 422);
      const pathParams = params.filter((p) => p.in === 'path');
      if (pathParams.length > 0) [404, 414, 422].forEach((s) => addProblem(op, s));
      // Every id in this API is a UUID (ParseId answers 422 otherwise).
      for (const p of pathParams) if (/^id$|Id$/.test(p.name)) p.schema = { type: 'string', format: 'uuid' };
      if (verb === 'post' && !route.public) {
        op.parameters = [...params, IDEMPOTENCY_KEY];
        [409, 422].forEach((s) => addProblem(op, s));
        for (const [status, response] of Object.entries(op.responses)) {
          if (status.startsWith('2') && response && 'description' in response)
            response.headers = {
              ...response.headers,
              'Idempotent-Replayed': RESPONSE_HEADERS['Idempotent-Replayed'],
            };
        }
      }
    }
  }
  const used = new Set(
    Object.values(document.paths).flatMap((item) => HTTP_METHODS.flatMap((v) => item[v]?.tags ?? [])),
  );
  // RFC 9457 lets a problem carry more members (existingId, retryAfter …).
  const problem = document.components?.schemas?.Problem;
  if (problem && !('$ref' in problem)) problem.additionalProperties = true;
  document.tags = [...used].sort().map((name) => ({ name, description: TAGS[name] ?? name }));
  return toOpenApi31(document);
}

/** The contract clients are generated from: served at /openapi.json, exported by `npm run openapi`. */
export function buildOpenApiDocument(app: INestApplication, publicBaseUrl: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Pledgewatch')
    .setDescription(
      'Claims and commitments, tied to the passages of their sources, tracked over time. Errors are RFC 9457 problem details (`application/problem+json`) with a stable `code`. Every POST accepts `Idempotency-Key`; items carry an `ETag` that PATCH needs back in `If-Match`.',
    )
    .setVersion('1')
    .addServer(publicUrl(publicBaseUrl, ''), 'This service')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'opaque API key (pw_…)',
        description:
          'An opaque API key (`pw_` followed by 43 characters), not a JWT: `Authorization: Bearer pw_…`. An admin creates keys with POST /v1/api-keys, each with a role: viewer (read), editor (write), admin (everything).',
      },
      'bearer',
    )
    .build();
  // No licence is granted (the package is private): said with OpenAPI 3.1's SPDX `identifier`.
  const license = { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' };
  config.info.license = license;
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemView] });
  return finishDocument(document, routeAccess(app));
}
