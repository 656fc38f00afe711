/** What one autocannon run measured (baseline: the raw node:http + pg server, same SQL). */
export interface Measured {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  baseline?: { rps: number; p50: number; p99: number };
}

export interface RunFigures {
  items: number;
  http: Measured[];
  export?: { peakMb: number; beforeMb: number; seconds: number };
  reminders?: { perSecond: number; duplicates: number };
}

type Verdict = [target: string, measured: string, met: boolean | null];

/** The scenario named exactly so, else the first whose name starts so ('POST /v1/items' is not its updates). */
const find = (f: RunFigures, prefix: string) =>
  f.http.find((m) => m.name === prefix) ?? f.http.find((m) => m.name.startsWith(prefix));
const pct = (m: Measured | undefined) =>
  m?.baseline && m.baseline.rps > 0 ? (100 * m.rps) / m.baseline.rps : undefined;

function ratio(f: RunFigures, prefix: string, least: number, label = prefix): Verdict {
  const p = pct(find(f, prefix));
  return [
    `${label} ≥ ${least} % of baseline`,
    p === undefined ? 'not measured' : `${p.toFixed(0)} %`,
    p === undefined ? null : p >= least,
  ];
}

function p50(f: RunFigures, prefix: string, most: number, label = prefix): Verdict {
  const m = find(f, prefix);
  return [
    `${label} p50 ≤ ${most} ms`,
    m ? `${m.p50} ms${m.non2xx ? ` (${m.non2xx} non-2xx)` : ''}` : 'not measured',
    m ? m.p50 <= most && !m.non2xx : null,
  ];
}

/** Every target of BENCHMARKS.md against this run's figures. */
export function verdicts(f: RunFigures): Verdict[] {
  const page1 = f.http[1];
  const deep = f.http[2];
  const poll = find(f, 'dashboard poll');
  const pollPct = pct(poll);
  // Each amounts figure with the query run every time: a remembered answer would say nothing.
  const amounts = f.http.filter((m) => m.name.includes('amounts') && m.name.endsWith('(not remembered)'));
  const worstAmounts = amounts.reduce<Measured | undefined>(
    (w, m) => (!w || m.p50 > w.p50 ? m : w),
    undefined,
  );
  return [
    ratio(f, 'GET /v1/items/:id', 70, 'GET item'),
    ratio(f, 'list page 1 ', 70, 'list page 1'),
    ratio(f, deep?.name ?? 'list page 1,000', 70, 'list deep page'),
    ratio(f, 'GET /v1/stats/status', 50, '/stats/status (answered from memory)'),
    ratio(f, 'GET /v1/stats/status (not remembered)', 50, '/stats/status (query each time)'),
    [
      'dashboard poll (If-None-Match) ≥ 90 % of baseline /stats/status',
      pollPct === undefined ? 'not measured' : `${pollPct.toFixed(0)} %`,
      pollPct === undefined ? null : pollPct >= 90,
    ],
    page1 && deep
      ? [
          'page 1,000 p50 ≤ 1.5 × page 1',
          `${(deep.p50 / Math.max(page1.p50, 1)).toFixed(2)} ×`,
          deep.p50 <= 1.5 * Math.max(page1.p50, 1),
        ]
      : ['page 1,000 p50 ≤ 1.5 × page 1', 'not measured', null],
    [
      'amounts p50 ≤ 50 ms (worst groupBy / convertTo)',
      worstAmounts ? `${worstAmounts.p50} ms (${worstAmounts.name})` : 'not measured',
      worstAmounts ? worstAmounts.p50 <= 50 : null,
    ],
    p50(f, 'GET /v1/stats/status?asOf (not remembered)', 100, '/stats/status?asOf (query each time)'),
    p50(f, 'list status=broken&asOf', 200, 'status+asOf list (few)'),
    p50(f, 'list status=proposed&asOf', 200, 'status+asOf list (many)'),
    p50(f, 'q search (?q=milliards', 100, 'q=milliards'),
    p50(f, 'GET /v1/items/similar', 100, 'GET /similar'),
    p50(f, 'POST /v1/items', 70, 'POST /v1/items (duplicate hints)'),
    p50(f, 'candidates', 200, 'candidates, 20,000 characters (1 client)'),
    [
      'export peak RSS ≤ 300 MB',
      f.export ? `${f.export.peakMb.toFixed(0)} MB` : 'not measured',
      f.export ? f.export.peakMb <= 300 : null,
    ],
    [
      'reminders ≥ 3,000/s, 2 workers, 0 duplicates',
      f.reminders ? `${f.reminders.perSecond}/s, ${f.reminders.duplicates} duplicates` : 'not measured',
      f.reminders ? f.reminders.perSecond >= 3000 && f.reminders.duplicates === 0 : null,
    ],
  ];
}

/** The one-screen table printed at the end of `npm run bench`. */
export function summaryTable(f: RunFigures): string {
  const rows = verdicts(f);
  const width = Math.max(...rows.map(([t]) => t.length));
  const mwidth = Math.max(...rows.map(([, m]) => m.length));
  const mark = (met: boolean | null) => (met === null ? '—' : met ? 'met' : 'MISSED');
  return [
    `## Summary: ${f.items.toLocaleString('en')} items`,
    ...rows.map(([t, m, met]) => `  ${t.padEnd(width)}  ${m.padEnd(mwidth)}  ${mark(met)}`),
  ].join('\n');
}
