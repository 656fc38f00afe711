import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ChildProcess } from 'node:child_process';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config';
import { freePort } from '../../src/database/embedded';
import { ADMIN_KEY, TestApp } from '../helpers/app';
import { createItem, createSource, pledgeBody } from '../helpers/factories';
import { Received, Receiver, waitFor } from '../helpers/receiver';
import { buildWorker, killAll, startWorker as spawnWorker } from '../helpers/worker-process';

/**
 * Exactly once across replicas. Three instances of the service poll one database; 200
 * follow-ups come due at the same moment; the receiver must get each follow_up.due once. Then a
 * worker process (the compiled `src/worker.ts`, built into dist/test-worker) is killed with
 * SIGKILL in the middle of delivering and a second worker takes over: every reminder still
 * arrives, and a follow-up is never announced under two ids (what the dead worker had sent is
 * sent again with the same webhook-id, so receivers can drop it).
 */
const FAST = {
  REMINDER_POLL_MS: '50',
  WEBHOOK_RETRY_BASE_MS: '50',
  WEBHOOK_MAX_ATTEMPTS: '5',
  WEBHOOK_TIMEOUT_MS: '1000',
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
};
const FOLLOW_UPS = 200;
/**
 * The crash path: a dead worker's claims run out after the attempt timeout plus this margin (5 s
 * by default), which the survivor waits for. A live attempt outlasting the shorter lease is sent
 * again under the same webhook-id, which this path allows.
 */
const CRASH = { DELIVERY_LEASE_MARGIN_MS: '1000' };

jest.setTimeout(120_000);

/** The follow-up each received request announces, keyed by webhook-id. */
function announcements(requests: Received[]): Map<string, Set<string>> {
  const idsByFollowUp = new Map<string, Set<string>>();
  for (const r of requests) {
    const followUpId = JSON.parse(r.body).data.followUpId as string;
    idsByFollowUp.set(
      followUpId,
      (idsByFollowUp.get(followUpId) ?? new Set()).add(String(r.headers['webhook-id'])),
    );
  }
  return idsByFollowUp;
}

async function dueSoon(t: TestApp, itemId: string): Promise<void> {
  // One statement, one due_at: all of them come due at exactly the same moment.
  await t.db.query(
    `INSERT INTO follow_ups (item_id, due_at, note, created_by)
     SELECT $1, date_trunc('milliseconds', now()) + interval '1 second', 'reminder ' || n, 'test' FROM generate_series(1, $2) AS n`,
    [itemId, FOLLOW_UPS],
  );
}

async function setUp(t: TestApp, receiver: Receiver): Promise<string> {
  const hook = await t.post('/v1/webhooks', { url: receiver.url('/due'), events: ['follow_up.due'] });
  if (hook.status !== 201) throw new Error(hook.text);
  const source = await createSource(t);
  return (await createItem(t, pledgeBody(source.id))).id;
}

async function expectEachAnnouncedOnce(t: TestApp, receiver: Receiver): Promise<void> {
  await waitFor(
    'every delivery to finish',
    async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE state = 'delivered'`))[0]
        .n === FOLLOW_UPS,
    60_000,
  );
  const byFollowUp = announcements(receiver.to('/due'));
  expect(byFollowUp.size).toBe(FOLLOW_UPS);
  expect([...byFollowUp.values()].filter((ids) => ids.size !== 1)).toEqual([]);
  expect((await t.db.query(`SELECT count(*)::int AS n FROM events WHERE type = 'follow_up.due'`))[0].n).toBe(
    FOLLOW_UPS,
  );
  expect((await t.db.query(`SELECT count(*)::int AS n FROM follow_ups WHERE state <> 'notified'`))[0].n).toBe(
    0,
  );
}

describe('reminders with three service instances on one database', () => {
  let t: TestApp;
  let others: NestFastifyApplication[] = [];
  let receiver: Receiver;
  // No crash here: a long attempt timeout keeps pg-boss from taking a slow batch (a loaded
  // machine) for a dead worker's and running it again — that is the crash path tested below.
  // The job expiry is the timeout + 5 s, which a heavily loaded machine passed at 10 s.
  const env = { ...FAST, WEBHOOK_TIMEOUT_MS: '60000', SCHEDULER_ENABLED: 'true' };
  beforeAll(async () => {
    receiver = await Receiver.start();
    t = await TestApp.start(env);
    const config = loadConfig({ LOG_LEVEL: 'silent', ADMIN_API_KEY: ADMIN_KEY, ...env });
    others = [await createApp(config, t.databaseUrl), await createApp(config, t.databaseUrl)];
  });
  afterAll(async () => {
    for (const app of others) await app.close();
    await t.close();
    await receiver.close();
  });

  it('delivers each of 200 simultaneous follow_up.due events exactly once', async () => {
    const itemId = await setUp(t, receiver);
    await dueSoon(t, itemId);
    await expectEachAnnouncedOnce(t, receiver);
    expect(receiver.to('/due')).toHaveLength(FOLLOW_UPS);
  });
});

describe('reminders when a worker process is killed mid-dispatch', () => {
  let t: TestApp;
  let receiver: Receiver;
  const workers: ChildProcess[] = [];
  let worker: string;

  beforeAll(async () => {
    worker = await buildWorker();
    receiver = await Receiver.start();
    t = await TestApp.start({ ...FAST, SCHEDULER_ENABLED: 'false' });
  }, 180_000);

  afterAll(async () => {
    killAll(workers);
    await t.close();
    await receiver.close();
  });

  async function startWorker(env: Record<string, string> = {}): Promise<ChildProcess> {
    const child = await spawnWorker(worker, { ...FAST, ...CRASH, DATABASE_URL: t.databaseUrl, ...env });
    workers.push(child);
    return child;
  }

  it('still delivers every reminder, and never announces one follow-up under two ids', async () => {
    const itemId = await setUp(t, receiver);
    // Slow answers keep a batch of attempts in flight; the kill lands in the middle of it, after
    // the receiver got requests the worker never lived to record.
    receiver.respond = () => ({ status: 204, delayMs: 300 });
    const doomed = await startWorker();
    await dueSoon(t, itemId);
    await waitFor('deliveries to be under way', () => receiver.requests.length >= 20, 30_000);
    doomed.kill('SIGKILL');
    const inFlightAtKill = receiver.requests.length;
    const metricsPort = await freePort();
    const survivor = await startWorker({ WORKER_METRICS_PORT: String(metricsPort) });
    await expectEachAnnouncedOnce(t, receiver);
    // The survivor's own counters, scraped from its metrics listener.
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(Number(/^pledgewatch_reminders_sent_total (\d+)/m.exec(metrics)?.[1])).toBeGreaterThan(0);
    // The crash path ran: what the dead worker had sent went out again, under the same ids.
    expect(inFlightAtKill).toBeLessThan(FOLLOW_UPS);
    expect(receiver.to('/due').length).toBeGreaterThan(FOLLOW_UPS);
    const stopped = new Promise((resolve) => survivor.once('exit', resolve));
    survivor.kill('SIGTERM');
    expect(await stopped).toBe(0);
  });
});
