import fastifyStatic from '@fastify/static';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The pages' own policy: scripts, styles and data from this origin only, no inline script or
 * style, no framing, no plugins. Chart.js sizes its canvas through the CSSOM, which style-src
 * does not govern.
 */
export const WORKBENCH_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** The folder holding package.json, from src/workbench (ts-jest) or dist/src/workbench (node). */
export function projectRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/** Where `npm run build` writes the pages (index.html and hashed assets). */
export const workbenchDir = (): string => join(projectRoot(), 'dist', 'web');

/**
 * The workbench at `/`: index.html (no-cache, with the CSP) and `/assets/*` (content-hashed names,
 * cached for a year, served gzip/brotli-compressed when the browser accepts it). Open routes: the
 * pages hold no data; every API call they make carries the key the person pasted.
 */
export async function registerWorkbench(app: NestFastifyApplication): Promise<void> {
  const dir = workbenchDir();
  await app.register(fastifyStatic, {
    root: join(dir, 'assets'),
    prefix: '/assets/',
    preCompressed: true,
    index: false,
    dotfiles: 'ignore',
    immutable: true,
    maxAge: '365d',
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/', (_request, reply) =>
    reply
      .header('content-security-policy', WORKBENCH_CSP)
      .header('cache-control', 'no-cache')
      .sendFile('index.html', dir, { immutable: false, maxAge: 0, cacheControl: false }),
  );
}
