import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the receiver answers a request: a status code, optionally after a delay or with headers. */
export type Responder = (
  request: Received,
  countForPath: number,
) => number | { status: number; delayMs?: number; headers?: Record<string, string> };

/**
 * A webhook receiver on 127.0.0.1 (a random free port) that records every request. Tests script
 * its answers per path with `respond`; by default every request gets 204.
 */
export class Receiver {
  readonly requests: Received[] = [];
  respond: Responder = () => 204;
  private readonly perPath = new Map<string, number>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<Receiver> {
    const server = createServer();
    const receiver = new Receiver(server);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const received = {
          path: req.url ?? '/',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        receiver.requests.push(received);
        const n = (receiver.perPath.get(received.path) ?? 0) + 1;
        receiver.perPath.set(received.path, n);
        const answer = receiver.respond(received, n);
        const {
          status,
          delayMs = 0,
          headers = {},
        } = typeof answer === 'number' ? { status: answer } : answer;
        setTimeout(() => res.writeHead(status, headers).end(), delayMs);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  to(path: string): Received[] {
    return this.requests.filter((r) => r.path === path);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Polls `check` until it returns true or `timeoutMs` passes (then throws, naming `what`). */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
