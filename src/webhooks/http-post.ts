import { Agent, Dispatcher } from 'undici';
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
  return send(agentFor(options.allowPrivate), target, body, headers, options);
}

/**
 * The exchange through undici's `dispatch` rather than its `request`: the status is all a delivery
 * keeps, so the response body is counted and dropped as it arrives, without the readable stream,
 * async resource and promise chain `request` builds for each response (written here for the
 * worker's CPU, which the HTTP exchange dominates: docs/reminders-and-webhooks.md). Resolves once:
 * at the response's end, on an error, or when `signal` ends the exchange (queued or in flight).
 */
function send(
  agent: Agent,
  target: URL,
  body: string,
  headers: Record<string, string>,
  { signal, timeoutMs }: PostOptions,
): Promise<AttemptOutcome> {
  return new Promise((resolve) => {
    let controller: Dispatcher.DispatchController | undefined;
    let statusCode = 0;
    let received = 0;
    let settled = false;
    const settle = (outcome: AttemptOutcome) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const onAbort = () => {
      settle({ error: `timed out after ${timeoutMs} ms` });
      controller?.abort(new Error('aborted'));
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    agent.dispatch(
      {
        origin: target.origin,
        path: `${target.pathname}${target.search}`,
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'Pledgewatch-Webhooks/1' },
        body,
      },
      {
        onRequestStart: (c) => {
          controller = c;
          if (settled) c.abort(new Error('aborted'));
        },
        onResponseStart: (_c, status) => (statusCode = status),
        onResponseData: (c, chunk) => {
          // Read (bounded) so the keep-alive socket can be reused; the body itself is not kept.
          received += chunk.length;
          if (received > MAX_RESPONSE_BYTES) {
            c.abort(new Error('response body too large'));
            settle({ statusCode });
          }
        },
        onResponseEnd: () => settle({ statusCode }),
        onResponseError: (_c, error) => {
          const { name, code, message } = error as Error & { code?: string };
          settle(statusCode ? { statusCode } : { error: `${code ?? name}: ${message}` });
        },
      },
    );
  });
}
