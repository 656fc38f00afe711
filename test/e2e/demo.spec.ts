import { loadNatoRecords } from '../../src/demo/load';
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
