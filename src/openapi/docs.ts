import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/**
 * Swagger UI's policy (issue 22, finding 8): its scripts, styles and images from this origin,
 * its requests ("Try it out") to this origin, nothing else; no inline script, no framing, no
 * plugins. Inline styles stay allowed: Nest's page template carries two `<style>` blocks and a
 * `style` attribute, and styles cannot run code.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

const DOCS_PATH = /^\/docs(\/|\?|$)/;

/**
 * Swagger UI at /docs and the document at /openapi.json (the workbench has `/`). `document` is
 * built on the first request for either (Swagger keeps it): a tenth of a start's CPU otherwise,
 * paid by every replica and every test file that never asks for it.
 */
export function serveDocs(app: NestFastifyApplication, document: () => OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    raw: ['json'],
    // No badge fetched from validator.swagger.io: the page talks to this origin only.
    swaggerOptions: { validatorUrl: null },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', (request, reply, payload, done) => {
      if (DOCS_PATH.test(request.url)) reply.header('content-security-policy', DOCS_CSP);
      done(null, payload);
    });
}
