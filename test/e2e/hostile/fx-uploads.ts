import { TestApp } from '../../helpers/app';
import { probeWhile } from '../../helpers/event-loop-probe';
import { createSource, pledgeBody } from '../../helpers/factories';

/** 30 currencies the ECB publishes; a file of `days` lines holds 30 × days rates. */
const CURRENCIES = (
  'USD,JPY,BGN,CZK,DKK,GBP,HUF,PLN,RON,SEK,CHF,ISK,NOK,TRY,AUD,' +
  'BRL,CAD,CNY,HKD,IDR,ILS,INR,KRW,MXN,MYR,NZD,PHP,SGD,THB,ZAR'
).split(',');

/** An ECB-style history file of `days` working days back from 2020-01-01, rates scaled by `scale`. */
function ecbFile(days: number, scale = 1): string {
  const lines = [`Date,${CURRENCIES.join(',')},`];
  for (let d = 0; d < days; d++) {
    const date = new Date(Date.UTC(2020, 0, 1) - d * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${date},${CURRENCIES.map((_, c) => ((c + 1.2345) * scale + d / 1e4).toFixed(4)).join(',')},`);
  }
  return lines.join('\n');
}

describe('hostile FX uploads (issue 22, findings 3 and 5)', () => {
  let t: TestApp;
  let baseUrl: string;
  let sourceId: string;
  const putCsv = (csv: string) =>
    t.request('PUT', '/v1/fx-rates', { headers: { 'content-type': 'text/csv' }, raw: csv });
  const putOverHttp = async (csv: string) => {
    const res = await fetch(`${baseUrl}/v1/fx-rates`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${t.keys.admin}`, 'content-type': 'text/csv' },
      body: csv,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    t = await TestApp.start({ FX_MAX_RATES: '200000', FX_BATCH_SIZE: '2000' });
    baseUrl = await t.listen();
    sourceId = (await createSource(t)).id;
  });
  afterAll(async () => t.close());

  it('should refuse a repeated currency column with 422 naming the column, writing nothing', async () => {
    const res = await putCsv('Date,USD,USD\n2024-01-02,1.1,1.2\n');
    expect([res.status, res.body.code]).toEqual([422, 'FX.INVALID_RATES']);
    expect(res.body.errors).toEqual([
      {
        path: 'line 1, column 3 (USD)',
        message: 'USD is a column twice (first at column 2): which rate would count?',
      },
    ]);
    expect(await t.count('fx_rates')).toBe(0);
  });

  it.each(['2201-01-01', '9999-12-31'])(
    'should refuse a rate dated %s like every other date',
    async (date) => {
      const csv = await putCsv(`Date,USD\n${date},1.1\n`);
      expect([csv.status, csv.body.errors[0].path]).toEqual([422, 'line 2, column 1 (Date)']);
      expect(csv.body.errors[0].message).toContain('1900–2200');
      const json = await t.request('PUT', '/v1/fx-rates', {
        payload: [{ date, currency: 'USD', perEur: '1.1' }],
      });
      expect([json.status, json.body.errors[0].path]).toEqual([422, '0.date']);
      expect(await t.count('fx_rates')).toBe(0);
    },
  );

  it('should refuse more rates than FX_MAX_RATES with 422, writing nothing', async () => {
    const res = await putOverHttp(ecbFile(6_700)); // 201,000 rates
    expect([res.status, res.body.code]).toEqual([422, 'FX.TOO_MANY_RATES']);
    expect(await t.count('fx_rates')).toBe(0);
  }, 60_000);

  it('should keep answering while a large file loads, and let a money write through between batches', async () => {
    const csv = ecbFile(4_000); // 120,000 rates, ~0.9 MB
    const baseline = await probeWhile(baseUrl, () => new Promise((resolve) => setTimeout(resolve, 1_500)));
    let uploadDoneAt = 0;
    let writeDoneAt = 0;
    const { result, maxGapMs } = await probeWhile(baseUrl, async () => {
      const upload = putOverHttp(csv).finally(() => (uploadDoneAt = Date.now()));
      // Once the first batch is written, an item write with an amount (it takes the money lock).
      while (uploadDoneAt === 0 && (await t.count('fx_rates')) === 0)
        await new Promise((r) => setTimeout(r, 20));
      const write = await t.post(
        '/v1/items',
        pledgeBody(sourceId, { amount: { value: '5', currency: 'USD' } }),
      );
      writeDoneAt = Date.now();
      return { upload: await upload, write };
    });
    expect([result.upload.status, result.upload.body.received]).toEqual([200, 120_000]);
    expect(result.write.status).toBe(201);
    // The write did not wait for the whole upload: the money lock was released between batches.
    expect(writeDoneAt).toBeLessThan(uploadDoneAt);
    // Generous: an idle loop answers every ~100 ms; the old code stalled for seconds on this file.
    expect(maxGapMs).toBeLessThan(Math.max(1_000, baseline.maxGapMs * 5));
  }, 120_000);
});
