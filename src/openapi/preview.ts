import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from '../app.module';
import { AppConfig } from '../config';
import { buildOpenApiDocument } from './document';

/**
 * The document without a database: Nest's preview mode reads the modules' metadata without
 * running their providers, so nothing connects (used by `npm run openapi` and the contract test).
 */
export async function previewDocument(config: AppConfig): Promise<OpenAPIObject> {
  const app = await NestFactory.create(
    AppModule.forRoot(config, 'postgres://unused@127.0.0.1:1/unused'),
    new FastifyAdapter(),
    { preview: true, logger: false, abortOnError: false },
  );
  const document = buildOpenApiDocument(app, config.PUBLIC_BASE_URL);
  await app.close();
  return document;
}
