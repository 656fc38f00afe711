/**
 * What a delivery attempt's outcome means for the delivery, and when to try again. Pure, so the
 * rules are unit-tested apart from HTTP and the database.
 */
export type AttemptOutcome = { statusCode: number } | { error: string };

export type DeliveryDecision =
  | { kind: 'delivered' }
  | { kind: 'retry'; delayMs: number }
  | { kind: 'failed'; reason: string }
  /** 410 Gone: the receiver asks us to stop; the subscription is disabled. */
  | { kind: 'gone' };

export interface RetrySettings {
  baseMs: number;
  maxAttempts: number;
}

/**
 * Exponential backoff with jitter: the first retry after `baseMs`, each later one after about
 * twice as long, plus up to a quarter more at random so receivers that failed together do not
 * get their retries together.
 */
export function retryDelayMs(
  failedAttempts: number,
  baseMs: number,
  random: () => number = Math.random,
): number {
  const exponential = baseMs * 2 ** Math.min(Math.max(failedAttempts - 1, 0), 20);
  return Math.round(exponential * (1 + 0.25 * random()));
}

/** The decision after attempt number `attempt` (1-based) ended with `outcome`. */
export function decide(
  outcome: AttemptOutcome,
  attempt: number,
  settings: RetrySettings,
  random?: () => number,
): DeliveryDecision {
  if ('statusCode' in outcome) {
    if (outcome.statusCode >= 200 && outcome.statusCode < 300) return { kind: 'delivered' };
    if (outcome.statusCode === 410) return { kind: 'gone' };
  }
  if (attempt >= settings.maxAttempts) {
    const last = 'statusCode' in outcome ? `HTTP ${outcome.statusCode}` : outcome.error;
    return { kind: 'failed', reason: `gave up after ${attempt} attempts (last: ${last})` };
  }
  return { kind: 'retry', delayMs: retryDelayMs(attempt, settings.baseMs, random) };
}
