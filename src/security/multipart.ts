import multipart from '@fastify/multipart';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * `multipart/form-data` (@fastify/multipart), for the routes `accepts` lists only; anywhere else
 * such a body is 415 like every other non-JSON one. The plugin only marks the request: each
 * route reads its parts itself, with its own limits (src/imports/upload.ts).
 */
export async function acceptMultipart(app: NestFastifyApplication, accepts: RegExp): Promise<void> {
  await app.register(multipart);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preValidation', (request, _reply, done) => {
      if (request.isMultipart() && !(request.method === 'POST' && accepts.test(request.url)))
        return done(Object.assign(new Error('Request body must be JSON'), { statusCode: 415 }));
      done();
    });
}
