import { loadMoneyRecords, loadNatoRecords } from '../../src/demo/load';
import { NATO_TEXT, TestApp } from '../helpers/app';

describe('npm run demo: the NATO article', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(async () => t.close());

  it('should load the six records of the SPEC through the API, quotes verified', async () => {
    expect(await loadNatoRecords(t.app, NATO_TEXT)).toBe(6);
    const list = await t.get('/v1/items?limit=50');
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(6);
    const pledge = list.body.data.find((i: { title: string }) => i.title.includes('€40bn'));
    expect(pledge).toMatchObject({
      status: 'proposed',
      recurrence: 'annual',
      amount: { value: '40000000000', currency: 'EUR', qualifier: 'at_least' },
    });
    const detail = await t.get(`/v1/items/${pledge.id}`);
    expect(detail.body.citations[0].selectors.textPosition.end).toBeGreaterThan(
      detail.body.citations[0].selectors.textPosition.start,
    );
    const claim = list.body.data.find((i: { kind: string }) => i.kind === 'claim');
    expect(claim.status).toBe('confirmed');
  });

  it('should load nothing into a database that already has items', async () => {
    expect(await loadNatoRecords(t.app, NATO_TEXT)).toBe(0);
    expect(await t.count('items')).toBe(6);
  });

  it('should find Rustem Umerov by the French spelling of his name', async () => {
    const res = await t.get('/v1/actors?q=oumierov');
    expect(res.body.data.map((a: { name: string }) => a.name)).toEqual(['Rustem Umerov']);
  });
});

describe('npm run demo: money across sources and currencies', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
    await loadNatoRecords(t.app, NATO_TEXT);
  });
  afterAll(async () => t.close());

  it('should load a schedule, a range, a non-money target, a dollar pledge and the ECB rates file', async () => {
    expect(await loadMoneyRecords(t.app)).toBe(4);
    expect(await loadMoneyRecords(t.app)).toBe(0);
    const eur = await t.get('/v1/stats/amounts?currency=EUR&groupBy=period');
    // The schedule's 2030 amount, nothing else pledged for that year.
    expect(eur.body.data.find((r: { key: string }) => r.key === '2030')).toMatchObject({
      pledged: '68900000000',
    });
    const latest = await t.get('/v1/stats/amounts?convertTo=EUR&rateDate=latest');
    expect(latest.body.rateDates).toEqual([
      { currency: 'USD', from: '2009-06-19', to: '2009-06-19', perEur: '1.3932' },
    ]);
    expect(latest.body.unconverted).toEqual([]);
    // Announced: no rate on or before the pledge's 2007 origin date in the file; said, not dropped.
    const announced = await t.get('/v1/stats/amounts?convertTo=EUR&rateDate=announced');
    expect(announced.body.unconverted).toEqual([{ currency: 'USD', items: 1 }]);
  });
});
