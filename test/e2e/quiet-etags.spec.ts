import { TestApp } from '../helpers/app';
import { createSource, pledgeBody } from '../helpers/factories';

/**
 * A list's ETag names its data: background passes that change nothing (the reminder scheduler
 * finding no follow-up due, every REMINDER_POLL_MS) must not move it, or no dashboard poll
 * would ever get a 304 while a scheduler runs.
 */
describe('ETags while the scheduler polls and finds nothing due', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start({ SCHEDULER_ENABLED: 'true', REMINDER_POLL_MS: '50' })));
  afterAll(async () => t.close());

  it('should answer 304 to a list poll after several empty scheduler passes', async () => {
    const source = await createSource(t);
    expect((await t.post('/v1/items', pledgeBody(source.id))).status).toBe(201);
    const list = await t.get('/v1/items?limit=5');
    const etag = list.headers.etag as string;
    await new Promise((resolve) => setTimeout(resolve, 500)); // about ten scheduler passes
    const poll = await t.get('/v1/items?limit=5', { headers: { 'if-none-match': etag } });
    expect(poll.status).toBe(304);
    const stats = await t.get('/v1/stats/status');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      (await t.get('/v1/stats/status', { headers: { 'if-none-match': stats.headers.etag as string } }))
        .status,
    ).toBe(304);
  });
});
