import http from 'node:http';
import https from 'node:https';
import { ipLiteral, isPublicAddress } from '../common/net/network-policy';
import { publicOnlyLookup } from '../common/net/target-guard';
import type { AttemptOutcome } from './retry-policy';

export interface PostOptions {
  timeoutMs: number;
  allowPrivate: boolean;
}

// Keep-alive agents: a burst of reminders to one receiver reuses its connections.
const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 64 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 64 }),
};
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * One delivery attempt: POST the body, never follow a redirect (a 3xx is just a non-2xx answer),
 * give up after `timeoutMs` for the whole exchange, refuse non-public addresses after DNS
 * resolution unless allowed. Never throws: the outcome is a status code or an error message.
 */
export function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: PostOptions,
): Promise<AttemptOutcome> {
  return new Promise((resolve) => {
    const target = new URL(url);
    // Sockets skip `lookup` for IP literals, so those are checked here.
    const literal = ipLiteral(target);
    if (literal && !options.allowPrivate && !isPublicAddress(literal))
      return resolve({ error: `EPRIVATETARGET: ${literal} is a non-public address` });
    const client = target.protocol === 'https:' ? https : http;
    const request = client.request(target, {
      method: 'POST',
      agent: target.protocol === 'https:' ? agents.https : agents.http,
      lookup: publicOnlyLookup(options.allowPrivate),
      headers: {
        ...headers,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'user-agent': 'Pledgewatch-Webhooks/1',
      },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    request.on('response', (response) => {
      let seen = 0;
      // Drain (bounded) so the keep-alive socket can be reused; the body itself is not kept.
      response.on('data', (chunk: Buffer) => {
        seen += chunk.length;
        if (seen > MAX_RESPONSE_BYTES) response.destroy();
      });
      response.on('end', () => resolve({ statusCode: response.statusCode ?? 0 }));
      response.on('close', () => resolve({ statusCode: response.statusCode ?? 0 }));
      response.on('error', () => resolve({ statusCode: response.statusCode ?? 0 }));
    });
    request.on('error', (error: Error & { code?: string }) => {
      resolve({
        error:
          error.name === 'AbortError' || error.name === 'TimeoutError'
            ? `timed out after ${options.timeoutMs} ms`
            : `${error.code ?? error.name}: ${error.message}`,
      });
    });
    request.end(body);
  });
}
