import { ReminderScheduler } from '../../src/reminders/reminder-scheduler';
import { TestApp } from '../helpers/app';
import { createItem, createSource, pledgeBody } from '../helpers/factories';

/**
 * The scheduler's next pass: at the soonest scheduled follow-up's due time when that comes before
 * REMINDER_POLL_MS, else after REMINDER_POLL_MS. The passes are run by hand here (the scheduler
 * is off), so what each answers is the delay it would sleep.
 */
describe('reminder scheduler wakes at the next due time', () => {
  const POLL_MS = 60_000;
  let t: TestApp;
  let itemId: string;
  beforeAll(async () => {
    t = await TestApp.start({ SCHEDULER_ENABLED: 'false', REMINDER_POLL_MS: String(POLL_MS) });
    itemId = (await createItem(t, pledgeBody((await createSource(t)).id))).id;
  });
  afterAll(async () => t.close());

  const scheduleIn = async (ms: number) => {
    const res = await t.post(
      `/v1/items/${itemId}/follow-ups`,
      { dueAt: new Date(Date.now() + ms).toISOString(), note: `due in ${ms} ms` },
      { key: t.keys.editor },
    );
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const pass = () => t.app.get(ReminderScheduler).runOnce();

  it('sleeps the poll interval when nothing is scheduled', async () => {
    expect(await pass()).toBe(POLL_MS);
  });

  it('sleeps only until a follow-up due sooner than the poll interval', async () => {
    await scheduleIn(20_000);
    const next = await pass();
    expect(next).toBeGreaterThan(10_000);
    expect(next).toBeLessThanOrEqual(20_000);
  });

  it('notifies what is due, then sleeps until the next one, not the poll interval', async () => {
    const due = await scheduleIn(-1_000);
    const next = await pass();
    const [row] = await t.db.query(`SELECT state FROM follow_ups WHERE id = $1`, [due]);
    expect(row.state).toBe('notified');
    expect(next).toBeGreaterThan(10_000);
    expect(next).toBeLessThanOrEqual(20_000);
  });
});
