import { Agent } from 'undici';
import { ipLiteral, isPublicAddress } from '../common/net/network-policy';
import { publicOnlyLookup } from '../common/net/target-guard';
import type { AttemptOutcome } from './retry-policy';

export interface PostOptions {
  /** Ends the whole exchange; one signal may serve a batch of attempts started together. */
  signal: AbortSignal;
  timeoutMs: number;
  allowPrivate: boolean;
}

/** Connections kept per receiver: a batch of reminders to one receiver goes out on this many at once. */
const CONNECTIONS_PER_RECEIVER = 64;
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * undici's keep-alive pools (one per receiver origin), which send a request with much less CPU
 * than node:http; each socket connects to the address `publicOnlyLookup` checked. One agent per
 * setting of WEBHOOK_ALLOW_PRIVATE_NETWORKS, made when first used.
 */
const agents = new Map<boolean, Agent>();
function agentFor(allowPrivate: boolean): Agent {
  let agent = agents.get(allowPrivate);
  if (!agent)
    agents.set(
      allowPrivate,
      (agent = new Agent({
        connections: CONNECTIONS_PER_RECEIVER,
        connect: { lookup: publicOnlyLookup(allowPrivate) },
      })),
    );
  return agent;
}

/**
 * One delivery attempt: POST the body, never follow a redirect (a 3xx is just a non-2xx answer),
 * give up when `signal` ends the exchange, refuse non-public addresses after DNS resolution
 * unless allowed. Never throws: the outcome is a status code or an error message.
 */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: PostOptions,
): Promise<AttemptOutcome> {
  const target = new URL(url);
  // Sockets skip `lookup` for IP literals, so those are checked here.
  const literal = ipLiteral(target);
  if (literal && !options.allowPrivate && !isPublicAddress(literal))
    return { error: `EPRIVATETARGET: ${literal} is a non-public address` };
  try {
    const response = await agentFor(options.allowPrivate).request({
      origin: target.origin,
      path: `${target.pathname}${target.search}`,
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'Pledgewatch-Webhooks/1' },
      body,
      signal: options.signal,
    });
    // Read (bounded) so the keep-alive socket can be reused; the body itself is not kept.
    await response.body.dump({ limit: MAX_RESPONSE_BYTES }).catch(() => undefined);
    return { statusCode: response.statusCode };
  } catch (error) {
    const { name, code, message } = error as Error & { code?: string };
    return {
      error:
        name === 'AbortError' || name === 'TimeoutError'
          ? `timed out after ${options.timeoutMs} ms`
          : `${code ?? name}: ${message}`,
    };
  }
}
