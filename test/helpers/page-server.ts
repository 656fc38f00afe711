import { createServer, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join, sep } from 'node:path';

/** What the page server answers on a path: a status, headers and a body (or a handler of its own). */
export type Page =
  | { status?: number; headers?: Record<string, string>; body: string | Buffer }
  | ((res: ServerResponse) => void);

// From test/helpers (Jest) or dist/test/helpers (the bench), the fixtures stay in test/.
const ROOT = join(__dirname, __dirname.includes(`${sep}dist${sep}`) ? '../../..' : '../..');
export const PAGES_DIR = join(ROOT, 'test/fixtures/pages');
export const fixturePage = (file: string): Buffer => readFileSync(join(PAGES_DIR, file));

/**
 * The web as the fetcher sees it, on 127.0.0.1 (a random port): tests put pages on paths and
 * change them between fetches; every request's path is recorded. An unknown path is 404.
 */
export class PageServer {
  readonly requests: string[] = [];
  readonly pages = new Map<string, Page>();

  private constructor(
    private readonly server: Server,
    readonly base: string,
  ) {}

  static async start(): Promise<PageServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const page = new PageServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req, res) => {
      page.requests.push(req.url ?? '/');
      const answer = page.pages.get(req.url ?? '/');
      if (!answer) return void res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
      if (typeof answer === 'function') return answer(res);
      res.writeHead(answer.status ?? 200, answer.headers ?? { 'content-type': 'text/html; charset=utf-8' });
      res.end(answer.body);
    });
    return page;
  }

  url(path: string): string {
    return `${this.base}${path}`;
  }

  /** Serves `body` on `path` with a content type (`text/html; charset=utf-8` by default). */
  put(path: string, body: string | Buffer, contentType = 'text/html; charset=utf-8'): string {
    this.pages.set(path, { body, headers: { 'content-type': contentType } });
    return this.url(path);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
