/**
 * Status projection (spec, "Updates: the timeline"): an item's status at effective time T is
 * that of its latest non-retracted update with a status, by effective time (ties by recorded
 * time, then by sequence number), else its initial status.
 *
 * The history starts at the earlier of the initial status's start and the first such update:
 * before that the item was not on record, and "status as of T" has no answer (null). Pure: the
 * database keeps the result in `status_periods`, one row per maximal interval.
 */

export interface StatusEntry {
  status: string | null;
  effectiveAt: Date;
  recordedAt: Date;
  seq: number;
  retracted: boolean;
}

export interface InitialStatus {
  status: string;
  since: Date;
}

/** [from, to): `to` null means "until further notice". */
export interface StatusPeriod {
  status: string;
  from: Date;
  to: Date | null;
}

export function compareEntries(a: StatusEntry, b: StatusEntry): number {
  return (
    a.effectiveAt.getTime() - b.effectiveAt.getTime() ||
    a.recordedAt.getTime() - b.recordedAt.getTime() ||
    a.seq - b.seq
  );
}

/** The entries that decide the status: non-retracted, with a status, in timeline order. */
function deciding(entries: StatusEntry[]): (StatusEntry & { status: string })[] {
  return entries
    .filter((e): e is StatusEntry & { status: string } => !e.retracted && e.status !== null)
    .sort(compareEntries);
}

/** The whole history as maximal intervals: no two neighbours share a status, none is empty. */
export function statusPeriods(initial: InitialStatus, entries: StatusEntry[]): StatusPeriod[] {
  const steps = deciding(entries);
  const start =
    steps.length > 0 && steps[0].effectiveAt < initial.since ? steps[0].effectiveAt : initial.since;
  const periods: StatusPeriod[] = [{ status: initial.status, from: start, to: null }];
  for (const step of steps) {
    const last = periods[periods.length - 1];
    if (step.status === last.status) continue;
    if (step.effectiveAt.getTime() === last.from.getTime()) {
      // A later-recorded entry at the same instant overrides the one before it.
      last.status = step.status;
      mergeWithPrevious(periods);
      continue;
    }
    last.to = step.effectiveAt;
    periods.push({ status: step.status, from: step.effectiveAt, to: null });
  }
  return periods;
}

/** After an in-place override the last period may repeat its predecessor's status. */
function mergeWithPrevious(periods: StatusPeriod[]): void {
  const n = periods.length;
  if (n >= 2 && periods[n - 2].status === periods[n - 1].status) {
    periods[n - 2].to = null;
    periods.pop();
  }
}

/** The period holding at `at`, or null before the history starts. */
export function periodAt(periods: StatusPeriod[], at: Date): StatusPeriod | null {
  return periods.find((p) => p.from <= at && (p.to === null || at < p.to)) ?? null;
}

export function currentPeriod(periods: StatusPeriod[]): StatusPeriod {
  return periods[periods.length - 1];
}
