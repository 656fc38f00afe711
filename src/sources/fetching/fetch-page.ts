import http from 'node:http';
import https from 'node:https';
import { checkWebhookUrl, ipLiteral, isPublicAddress } from '../../common/net/network-policy';
import { publicOnlyLookup } from '../../common/net/target-guard';

export interface FetchLimits {
  maxBytes: number;
  /** For the whole fetch, every redirect included. */
  timeoutMs: number;
  maxRedirects: number;
  /** WEBHOOK_ALLOW_PRIVATE_NETWORKS: tests reach their own loopback server. */
  allowPrivate: boolean;
}

/** The last hop's answer: its status, and its bytes when it was a 2xx. */
export interface FetchedPage {
  status: number;
  finalUrl: string;
  contentType: string;
  bytes: Buffer;
}

export type FetchFailureReason =
  'bad_url' | 'private_address' | 'too_many_redirects' | 'timeout' | 'too_large' | 'unreachable';

/** A fetch that got no usable answer, with the reason a researcher can act on. */
export class FetchFailure extends Error {
  constructor(
    readonly reason: FetchFailureReason,
    message: string,
  ) {
    super(message);
  }
}

export const USER_AGENT = 'Pledgewatch-Sources/1 (archives pages cited by researchers)';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * GETs a page the way webhooks POST (src/common/net): http(s) only, no credentials in the URL,
 * every hop's address checked after DNS resolution (the socket connects to exactly the checked
 * address), redirects followed by hand so each is checked, at most `maxBytes` and `timeoutMs`.
 * Written on node:http rather than fetch because the address rule lives in the socket's `lookup`.
 */
export async function fetchPage(url: string, limits: FetchLimits): Promise<FetchedPage> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let current = url;
  for (let hop = 0; ; hop++) {
    const answer = await getOnce(current, limits, signal);
    if (!('location' in answer)) return answer;
    if (hop >= limits.maxRedirects)
      throw new FetchFailure('too_many_redirects', `more than ${limits.maxRedirects} redirects from ${url}`);
    current = new URL(answer.location, current).href;
  }
}

type Hop = FetchedPage | { location: string };

function getOnce(url: string, limits: FetchLimits, signal: AbortSignal): Promise<Hop> {
  const checked = checkWebhookUrl(url);
  if (!checked.ok) return Promise.reject(new FetchFailure('bad_url', `${url} ${checked.reason}`));
  const target = checked.url;
  // Sockets skip `lookup` for IP literals, so those are checked here.
  const literal = ipLiteral(target);
  if (literal && !limits.allowPrivate && !isPublicAddress(literal))
    return Promise.reject(new FetchFailure('private_address', `${target.host} is a non-public address`));
  return new Promise<Hop>((resolve, reject) => {
    // Once the deadline passed, whatever broke the exchange (the abort itself) is the timeout.
    const fail = (error: Error & { code?: string }) =>
      reject(
        failure(signal.aborted ? Object.assign(error, { name: 'TimeoutError' }) : error, target, limits),
      );
    const request = (target.protocol === 'https:' ? https : http).get(target, {
      agent: false,
      lookup: publicOnlyLookup(limits.allowPrivate),
      headers: {
        'user-agent': USER_AGENT,
        accept: 'text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.5',
      },
      signal,
    });
    request.on('error', fail);
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECTS.has(status) && location) {
        response.destroy();
        return resolve({ location });
      }
      const base = { status, finalUrl: target.href, contentType: response.headers['content-type'] ?? '' };
      if (status < 200 || status > 299) {
        response.destroy();
        return resolve({ ...base, bytes: Buffer.alloc(0) });
      }
      if (Number(response.headers['content-length'] ?? 0) > limits.maxBytes) {
        response.destroy();
        return reject(tooLarge(limits));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= limits.maxBytes) return chunks.push(chunk);
        response.destroy();
        reject(tooLarge(limits));
      });
      response.on('error', fail);
      response.on('end', () => resolve({ ...base, bytes: Buffer.concat(chunks) }));
      // A body cut short (by the deadline, or by the server) may end in 'close' alone.
      response.on('close', () => {
        if (!response.complete) fail(new Error('the connection closed before the whole body arrived'));
      });
    });
  });
}

const tooLarge = (limits: FetchLimits) =>
  new FetchFailure('too_large', `the document is larger than ${limits.maxBytes} bytes`);

function failure(error: Error & { code?: string }, target: URL, limits: FetchLimits): FetchFailure {
  if (error instanceof FetchFailure) return error;
  if (error.name === 'AbortError' || error.name === 'TimeoutError')
    return new FetchFailure(
      'timeout',
      `no complete answer from ${target.host} within ${limits.timeoutMs} ms`,
    );
  if (error.code === 'EPRIVATETARGET')
    return new FetchFailure('private_address', `${target.hostname} resolves only to non-public addresses`);
  return new FetchFailure('unreachable', `${target.host}: ${error.code ?? error.message}`);
}
