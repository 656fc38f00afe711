import { startWithSource } from '../../helpers/factories';
import { pledgeBody } from '../../helpers/factories';
import { TestApp } from '../../helpers/app';

/** ISO 8601 forms class-validator accepts but Date does not, or that carry no zone: 422 everywhere. */
describe('instant parameters, one rule everywhere', () => {
  let t: TestApp;
  let sourceId: string;
  beforeAll(async () => ({ t, sourceId } = await startWithSource()));
  afterAll(async () => t.close());

  it.each([
    '/v1/stats/activity?to=2024-W24',
    '/v1/stats/activity?from=2024-165',
    '/v1/stats/status?asOf=2024-06-13T09:00:00',
    '/v1/items?status=proposed&asOf=2024-06-13T09:00:00',
    '/v1/follow-ups?dueBefore=2024-06-13T09:00:00',
    '/v1/audit?from=2024-W24-4',
    '/v1/stats/status?asOf=0100-01-01',
  ])('answers GET %s with 422 naming the parameter', async (url) => {
    const res = await t.get(url);
    expect(res.status).toBe(422);
    const name = /[?&](\w+)=[^&]*$/.exec(url)![1];
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(name);
  });

  it('accepts the same instants with a zone', async () => {
    expect(
      (await t.get('/v1/stats/activity?from=2024-06-01T00:00:00Z&to=2024-06-14T00:00:00%2B02:00')).status,
    ).toBe(200);
    expect((await t.get('/v1/stats/status?asOf=2024-06-13')).status).toBe(200);
  });

  it('refuses periods and due dates outside 1900–2200, so no series starts in year 100', async () => {
    const res = await t.post(
      '/v1/items',
      pledgeBody(sourceId, { periodStart: '0100-01-01', dueAt: '9999-01-01', recurrence: 'monthly' }),
    );
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['dueAt', 'periodStart']);
    expect(await t.count('items')).toBe(0);
  });
});
