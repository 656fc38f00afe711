import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import { Logger } from 'pino';
import { AppModule } from './app.module';
import { ApiKeysService } from './api-keys/api-keys.service';
import { ChangeCounter } from './common/conditional/change-counter';
import { installConditionalGet } from './common/conditional/conditional-get';
import { answerAtTheDoor } from './common/conditional/door';
import { answerPublicPagesAtTheDoor } from './publications/public-pages.door';
import { PublicationsService } from './publications/publications.service';
import {
  announceFirstAdminKey,
  bindRequestLogContext,
  createLogger,
  nestLogger,
  requestLogger,
} from './common/logger';
import { answerUnsupportedMethods } from './common/method-not-allowed';
import { createValidationPipe } from './common/validation';
import { ReadReplica } from './database/read-replica';
import { rememberWrites } from './database/read-your-writes';
import { AppConfig } from './config';
import { authenticateBeforeBody, keyedPaths } from './auth/early-auth';
import { Authenticator } from './auth/authenticator';
import { boundJsonBodies } from './security/json-body';
import { drainRefusedBodies } from './security/drain-refused';
import { acceptMultipart } from './security/multipart';
import { RequestBudget } from './security/request-budget';
import { SharedCounter } from './common/shared-counter';
import { serveDocs } from './openapi/docs';
import { buildOpenApiDocument } from './openapi/document';
import { corsOptions } from './security/cors';
import { clientErrors, frameworkErrors } from './security/framework-errors';
import { registerWorkbench } from './workbench/workbench';
import { acceptSourceUploads } from './sources/upload/source-uploads';

export const BODY_LIMIT = 2 * 1024 * 1024;
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface AppOptions {
  /**
   * Receives the admin key a first start creates (no ADMIN_API_KEY, no admin key stored). By
   * default it is logged once (`announceFirstAdminKey`).
   */
  onFirstAdminKey?: (adminKey: string) => void;
}

/** Builds the whole HTTP application; `main.ts`, the demo and every e2e test go through here. */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  logger: Logger = createLogger(config.LOG_LEVEL),
  options: AppOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: requestLogger(logger),
    bodyLimit: BODY_LIMIT,
    // Only these peers' X-Forwarded-For names the client (request.ip): rate limits and failed
    // authentications count per client, not per proxy.
    trustProxy: config.TRUST_PROXY.length > 0 ? config.TRUST_PROXY : false,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // `/v1/items/` is `/v1/items`.
    routerOptions: { ignoreTrailingSlash: true },
    // Not Fastify's requestIdHeader: it would take any client value as is; genReqId keeps only sane ones.
    requestIdHeader: false,
    frameworkErrors,
    clientErrorHandler: clientErrors,
    // Slow senders: the headers within HEADERS_TIMEOUT_MS, the whole request within
    // REQUEST_TIMEOUT_MS (408), checked every second rather than Node's default 30 s.
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    http: {
      headersTimeout: Math.min(config.HEADERS_TIMEOUT_MS, config.REQUEST_TIMEOUT_MS),
      connectionsCheckingInterval: 1000,
    },
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, databaseUrl),
    adapter,
    {
      logger: nestLogger(logger),
      bufferLogs: false,
      // Fastify's own JSON parser only: Nest's would add a form-urlencoded one, and bodies are JSON only (415).
      bodyParser: false,
    },
  );
  const fastify = app.getHttpAdapter().getInstance();
  bindRequestLogContext(fastify);
  const addMethodNotAllowedRoutes = answerUnsupportedMethods(fastify);
  // JSON only: plain text bodies are 415 like every other non-JSON type.
  fastify.removeContentTypeParser(['text/plain']);
  boundJsonBodies(fastify);
  // The one exception: reference rates in the ECB's own CSV (PUT /v1/fx-rates); anywhere else 415.
  fastify.addContentTypeParser('text/csv', { parseAs: 'string' }, (request, body, done) => {
    if (/^\/v1\/fx-rates\/?(\?|$)/.test(request.url)) return done(null, body);
    done(Object.assign(new Error('Request body must be JSON'), { statusCode: 415 }), undefined);
  });
  // And multipart/form-data: spreadsheets to import (POST /v1/imports) and PDFs uploaded to
  // POST /v1/sources; 415 on any other route.
  await acceptMultipart(app, /^\/v1\/(imports(\/preview)?|sources)\/?(\?|$)/);
  acceptSourceUploads(fastify);
  authenticateBeforeBody(
    fastify,
    app.get(Authenticator),
    {
      perKeyPrefix: config.AUTH_FAILURES_PER_MINUTE,
      perAddress: config.AUTH_FAILURES_PER_ADDRESS_PER_MINUTE,
    },
    keyedPaths(config.METRICS_PUBLIC),
    app.get(SharedCounter),
  );
  // Right after the key hook: each authenticated request spends its key's budget (@fastify/rate-limit).
  await app.get(RequestBudget).install(fastify);
  // Hooks that never wait take Fastify's callback: an async one costs a promise on every request.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });
  drainRefusedBodies(fastify);
  installConditionalGet(fastify, app.get(ChangeCounter));
  rememberWrites(fastify, app.get(ReadReplica));
  // helmet's headers from one middleware built at start, in a callback hook. @fastify/helmet
  // rebuilt the middleware from its options on every request, in two async hooks (docs/performance.md).
  const securityHeaders = helmet({ contentSecurityPolicy: false });
  fastify.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, () => done()),
  );
  // After helmet's hook, so the answers given at the door carry its headers too.
  answerAtTheDoor(fastify, app.get(ChangeCounter), { bodies: !app.get(ReadReplica).enabled });
  answerPublicPagesAtTheDoor(fastify, app.get(PublicationsService));
  const cors = corsOptions(config);
  if (cors) app.enableCors(cors);
  app.useGlobalPipes(createValidationPipe());
  serveDocs(app, () => buildOpenApiDocument(app, config.PUBLIC_BASE_URL));
  await registerWorkbench(app);
  await app.init();
  addMethodNotAllowedRoutes();
  const firstAdminKey = await app.get(ApiKeysService).bootstrap(config.ADMIN_API_KEY);
  if (firstAdminKey)
    (options.onFirstAdminKey ?? ((key) => announceFirstAdminKey(logger, key, config.PORT)))(firstAdminKey);
  return app;
}
