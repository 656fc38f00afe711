import type { StatusEntry } from '../../src/items/projection';

/**
 * The status rule as the SPEC states it, written the slow obvious way, to check the real
 * projection against: the latest live entry with a status at or before T (by effective time,
 * then recorded time, then seq), else the initial status — and nothing before the history
 * starts (the earlier of the initial status's start and the first live entry).
 */
export function referenceStatus(
  initial: { status: string; since: Date },
  entries: StatusEntry[],
  t: Date,
): string | null {
  const live = entries.filter((e) => !e.retracted && e.status !== null);
  const start = Math.min(initial.since.getTime(), ...live.map((e) => e.effectiveAt.getTime()));
  if (t.getTime() < start) return null;
  let best: StatusEntry | null = null;
  for (const e of live) {
    if (e.effectiveAt > t) continue;
    const later =
      !best ||
      e.effectiveAt > best.effectiveAt ||
      (e.effectiveAt.getTime() === best.effectiveAt.getTime() &&
        (e.recordedAt > best.recordedAt ||
          (e.recordedAt.getTime() === best.recordedAt.getTime() && e.seq > best.seq)));
    if (later) best = e;
  }
  return best ? best.status : initial.status;
}
