import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ChildProcess } from 'node:child_process';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config';
import { ADMIN_KEY, TestApp } from '../helpers/app';
import { createItem, createSource, pledgeBody } from '../helpers/factories';
import { waitFor } from '../helpers/receiver';
import { SmtpCatcher } from '../helpers/smtp-catcher';
import { buildWorker, killAll, startWorker } from '../helpers/worker-process';

/**
 * Reminder mails, exactly once per due follow-up, whatever runs the scheduler: two service
 * instances on one database, then a worker killed with SIGKILL while mails are in flight and a
 * second one taking over. Half of the follow-ups are assigned to email addresses, half to names,
 * which are never mailed.
 */
const FAST = {
  REMINDER_POLL_MS: '50',
  WEBHOOK_RETRY_BASE_MS: '50',
  WEBHOOK_MAX_ATTEMPTS: '5',
  WEBHOOK_TIMEOUT_MS: '1000',
};
const PAIRS = 40;
/**
 * The crash path: pg-boss expires a dead worker's jobs after the attempt timeout plus this margin
 * (5 s by default) and finds them at its maintenance, as often; the survivor waits for both. A live
 * send outlasting the shorter expiry goes out again under its Message-ID, which this path allows.
 */
const CRASH = { DELIVERY_LEASE_MARGIN_MS: '1000' };

jest.setTimeout(120_000);

/** PAIRS follow-ups for `mail-N@example.org` and PAIRS for `desk-N`, all due at one moment. */
async function dueTogether(t: TestApp, run: string): Promise<void> {
  const itemId = (await createItem(t, pledgeBody((await createSource(t)).id))).id;
  await t.db.query(
    `INSERT INTO follow_ups (item_id, due_at, note, assignee, created_by)
     SELECT $1, date_trunc('milliseconds', now()) + interval '1 second', 'reminder ' || n, a, 'test'
       FROM generate_series(1, $2) AS n,
            LATERAL (VALUES ($3 || '-' || n || '@example.org'), ('desk-' || $3 || '-' || n)) AS v(a)`,
    [itemId, PAIRS, run],
  );
}

async function expectOneMessagePerEmailFollowUp(t: TestApp, smtp: SmtpCatcher, run: string): Promise<void> {
  await waitFor(
    'every mail to be delivered',
    async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM mail_deliveries WHERE state = 'delivered'`))[0].n ===
      PAIRS,
    60_000,
  );
  const idsByRecipient = new Map<string, Set<string>>();
  for (const mail of smtp.mails)
    idsByRecipient.set(mail.to, (idsByRecipient.get(mail.to) ?? new Set()).add(mail.messageId));
  expect([...idsByRecipient.keys()].sort()).toEqual(
    Array.from({ length: PAIRS }, (_, i) => `${run}-${i + 1}@example.org`).sort(),
  );
  expect([...idsByRecipient.values()].filter((ids) => ids.size !== 1)).toEqual([]);
  expect(await t.count('mail_deliveries')).toBe(PAIRS);
}

describe('reminder mails with two service instances on one database', () => {
  let t: TestApp;
  let other: NestFastifyApplication;
  let smtp: SmtpCatcher;
  beforeAll(async () => {
    smtp = await SmtpCatcher.start();
    // No crash here: a long send timeout keeps pg-boss from taking a slow batch (a loaded machine)
    // for a dead one and sending it again, which is the crash path tested below. Its job expiry
    // is the timeout + 5 s; at 10 s a run at a load average of 28 sent 48 mails for 40.
    const env = { ...FAST, WEBHOOK_TIMEOUT_MS: '60000', SCHEDULER_ENABLED: 'true', SMTP_URL: smtp.url };
    t = await TestApp.start(env);
    other = await createApp(
      loadConfig({ LOG_LEVEL: 'silent', ADMIN_API_KEY: ADMIN_KEY, ...env }),
      t.databaseUrl,
    );
  });
  afterAll(async () => {
    await other.close();
    await t.close();
    await smtp.close();
  });

  it('sends each email assignee exactly one message, and none to the others', async () => {
    await dueTogether(t, 'replica');
    await expectOneMessagePerEmailFollowUp(t, smtp, 'replica');
    expect(smtp.mails).toHaveLength(PAIRS);
  });
});

describe('reminder mails when a worker process is killed mid-delivery', () => {
  let t: TestApp;
  let smtp: SmtpCatcher;
  let worker: string;
  const workers: ChildProcess[] = [];
  beforeAll(async () => {
    worker = await buildWorker();
    smtp = await SmtpCatcher.start();
    t = await TestApp.start({ ...FAST, SCHEDULER_ENABLED: 'false' });
  }, 180_000);
  afterAll(async () => {
    killAll(workers);
    await t.close();
    await smtp.close();
  });

  const start = async () => {
    const child = await startWorker(worker, {
      ...FAST,
      ...CRASH,
      DATABASE_URL: t.databaseUrl,
      SMTP_URL: smtp.url,
    });
    workers.push(child);
    return child;
  };

  it('still mails every email assignee, a repeat only under the same Message-ID', async () => {
    // The first ten messages are answered at once, every later one only after the kill: the kill
    // lands after some were accepted and while others wait for their answer, however fast or
    // loaded the machine. A held message counts as accepted once answered, as it would at a
    // server that had received it whole while its sender died.
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    smtp.holdUntil = (n) => (n <= 10 ? Promise.resolve() : released);
    const doomed = await start();
    await dueTogether(t, 'crash');
    await waitFor('mails to be under way', () => smtp.mails.length === 10 && smtp.received > 10, 30_000);
    doomed.kill('SIGKILL');
    await new Promise((resolve) => doomed.once('exit', resolve));
    expect(smtp.mails).toHaveLength(10);
    release();
    const survivor = await start();
    await expectOneMessagePerEmailFollowUp(t, smtp, 'crash');
    // The crash path ran: mails in flight at the kill went out again, under their first Message-ID.
    expect(smtp.mails.length).toBeGreaterThan(PAIRS);
    const stopped = new Promise((resolve) => survivor.once('exit', resolve));
    survivor.kill('SIGTERM');
    expect(await stopped).toBe(0);
  });
});
