import { NestFastifyApplication } from '@nestjs/platform-fastify';
import pino from 'pino';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config';
import { runDemo } from '../../src/demo/demo';
import { loadMoneyRecords, loadNatoRecords } from '../../src/demo/load';
import { NATO_SOURCE } from '../../src/demo/nato-records';
import { NATO_TEXT, TestApp } from '../helpers/app';
import { createTestDatabase } from '../helpers/database';
import { createItem, createSource, pledgeBody } from '../helpers/factories';

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

  it('should not load the article twice', async () => {
    expect(await loadNatoRecords(t.app, NATO_TEXT)).toBe(0);
    expect(await t.count('items')).toBe(6);
  });

  it('should leave no key of its own behind: the loader keys are revoked', async () => {
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM api_keys WHERE name LIKE 'demo loader%' AND revoked_at IS NULL`,
    );
    expect(n).toBe(0);
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

describe('npm run demo: a database with records of its own', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(async () => t.close());

  it('should still load the article, reusing the actors it already holds', async () => {
    const source = await createSource(t);
    await createItem(t, pledgeBody(source.id));
    await t.post('/v1/actors', { name: 'Ukraine', kind: 'country' });
    expect(await loadNatoRecords(t.app, NATO_TEXT)).toBe(6);
    expect(await t.count('items')).toBe(7);
    const found = await t.get('/v1/sources?q=OTAN');
    expect(found.body.data.map((s: { url: string }) => s.url)).toContain(NATO_SOURCE.url);
  });
});

describe('npm run demo, twice on a fresh database without ADMIN_API_KEY', () => {
  let db: { url: string; drop: () => Promise<void> };
  let app: NestFastifyApplication;
  let firstKey: string | null = null;
  const activeAdminKeys = async () =>
    (await app.inject({ url: '/v1/api-keys?limit=100', headers: { authorization: `Bearer ${firstKey}` } }))
      .json<{ data: { role: string; revokedAt: string | null }[] }>()
      .data.filter((k) => k.role === 'admin' && !k.revokedAt).length;
  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({ SCHEDULER_ENABLED: 'false' });
    app = await createApp(config, db.url, pino({ level: 'silent' }), {
      onFirstAdminKey: (key) => (firstKey = key),
    });
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('should say what the first run loaded and print the first start key, the one admin key', async () => {
    const run = await runDemo(app, firstKey);
    expect(run.report).toEqual([
      'demo: loaded the NATO article of 13 June 2024 with its 6 items',
      expect.stringMatching(/^demo: loaded 4 items .* and the ECB rates of 2009-06-19$/),
    ]);
    expect(run.key).toBe(firstKey);
    expect(await activeAdminKeys()).toBe(1);
  });

  it('should say the second run loaded nothing, and print a new working key', async () => {
    const run = await runDemo(app, null);
    expect(run.report).toEqual([
      expect.stringMatching(/NATO article .* already stored; not loaded again$/),
      expect.stringMatching(/already stored; not loaded again$/),
    ]);
    expect(run.key).not.toBe(firstKey);
    const items = await app.inject({
      url: '/v1/items?limit=50',
      headers: { authorization: `Bearer ${run.key}` },
    });
    expect(items.json<{ data: unknown[] }>().data).toHaveLength(10);
    expect(await activeAdminKeys()).toBe(2);
  });
});
