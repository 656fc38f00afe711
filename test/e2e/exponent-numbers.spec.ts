import { TestApp } from '../helpers/app';
import { createItem, startWithSource, pledgeBody } from '../helpers/factories';

/** Numbers in exponent notation (issue 22, finding 3): JSON allows them, so every number field must read them. */
describe('numbers in exponent notation', () => {
  let t: TestApp;
  let itemId: string;
  beforeAll(async () => {
    const started = await startWithSource();
    t = started.t;
    itemId = (await createItem(t, pledgeBody(started.sourceId))).id;
  });
  afterAll(async () => t.close());

  const report = (percent: unknown) =>
    t.request('POST', `/v1/items/${itemId}/updates`, {
      raw: `{"note":"Progress report","progress":{"period":"2024","percent":${String(percent)}}}`,
      headers: { 'content-type': 'application/json' },
    });

  it.each(['1e-9', '1.25e-7', '5e-324', '1E-3'])(
    'should refuse percent %s (too many decimals) with 422 naming the field, storing nothing',
    async (percent) => {
      const before = await t.count('updates');
      const res = await report(percent);
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([
        { path: 'progress.percent', message: 'percent must be a number with at most 2 decimals' },
      ]);
      expect(await t.count('updates')).toBe(before);
    },
  );

  it.each([
    ['1e-2', 0.01],
    ['4.25e1', 42.5],
    ['1E2', 100],
  ])('should take percent %s as the number it writes', async (percent, value) => {
    const res = await report(percent);
    expect(res.status).toBe(201);
    expect(res.body.progress.percent).toBe(value);
  });

  it('should refuse 1e21 as out of range, not as a server error', async () => {
    const res = await report('1e21');
    expect([res.status, res.body.errors[0].path]).toEqual([422, 'progress.percent']);
  });
});
