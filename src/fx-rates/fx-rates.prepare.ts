import { Violation } from '../common/problem';
import { FxRateErrors } from './fx-rates.errors';
import { FxRate, parseEcbCsv, parseRatesJson } from './fx-rates.parse';

/** One bounded write: Postgres array literals (`{USD,GBP}`), so the event loop copies three strings, not thousands of objects. */
export interface RateBatch {
  count: number;
  currencies: string;
  dates: string;
  perEur: string;
}

export interface PreparedRates {
  violations: Violation[];
  received: number;
  currencies: string[];
  from: string;
  to: string;
  batches: RateBatch[];
}

export interface RatesInput {
  /** The ECB CSV as sent, or the JSON body as parsed. */
  csv?: string;
  json?: unknown;
  maxRates: number;
  batchSize: number;
}

/**
 * Parses and validates a rates file and cuts it into write batches: the CPU half of
 * PUT /v1/fx-rates, run on a worker thread for large files (a 2 MB CSV is 283,000 rates).
 * Plain data in and out, so the worker pool can run it.
 */
export function prepareRates(input: RatesInput): PreparedRates {
  const { rates, violations } = input.csv !== undefined ? parseEcbCsv(input.csv) : parseRatesJson(input.json);
  if (rates.length > input.maxRates) {
    violations.unshift({
      spec: FxRateErrors.TOO_MANY_RATES,
      path: '',
      message: `the file holds ${rates.length} rates; one load takes at most ${input.maxRates} (FX_MAX_RATES): split it`,
    });
  }
  if (violations.length > 0)
    return { violations, received: 0, currencies: [], from: '', to: '', batches: [] };
  const dates = rates.map((r) => r.date).sort();
  const batches: RateBatch[] = [];
  for (let i = 0; i < rates.length; i += input.batchSize)
    batches.push(batch(rates.slice(i, i + input.batchSize)));
  return {
    violations,
    received: rates.length,
    currencies: [...new Set(rates.map((r) => r.currency))].sort(),
    from: dates[0] ?? '',
    to: dates[dates.length - 1] ?? '',
    batches,
  };
}

/** Every cell was validated (codes, dates and decimals hold no comma, quote or brace), so no element needs quoting. */
function batch(rates: FxRate[]): RateBatch {
  const literal = (values: string[]) => `{${values.join(',')}}`;
  return {
    count: rates.length,
    currencies: literal(rates.map((r) => r.currency)),
    dates: literal(rates.map((r) => r.date)),
    perEur: literal(rates.map((r) => r.perEur)),
  };
}
