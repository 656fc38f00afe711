import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Webhook } from 'standardwebhooks';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config';
import { runMigrations } from '../../src/database/data-source';
import { newWebhookSecret } from '../../src/webhooks/signing';
import { Receiver, waitFor } from '../helpers/receiver';
import { benchDatabase } from './bench-database';

/**
 * `node dist/test/bench/reminders.js [-- --follow-ups 10000 --workers 2]` (part of `npm run bench`):
 * N follow-ups come due at the same moment; W worker processes (`dist/src/worker.js`) turn them
 * into follow_up.due events and deliver them to a receiver on 127.0.0.1. Prints reminders
 * delivered per second (from the due moment to the last one received) and checks there are no
 * duplicates. Uses DATABASE_URL when set (database `pledgewatch_bench_reminders`), else an
 * embedded PostgreSQL in a temporary directory.
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const FOLLOW_UPS = option('follow-ups', 10_000);
const WORKERS = option('workers', 2);
/** `--result <file>`: also write the figures there as JSON (run.js prints them in its summary). */
const RESULT_FILE = args.includes('--result') ? args[args.indexOf('--result') + 1] : undefined;
const ROOT = join(__dirname, '../../..');
const log = (line: string) => console.log(line);

async function main(): Promise<void> {
  log(
    `# Reminders benchmark — ${FOLLOW_UPS.toLocaleString('en')} follow-ups due at once, ${WORKERS} workers, ${cpus().length} cores, node ${process.version}`,
  );
  const db = await benchDatabase('pledgewatch_bench_reminders');
  const receiver = await Receiver.start();
  const workers: ChildProcess[] = [];
  try {
    await runMigrations(db.url);
    const secret = newWebhookSecret();
    const client = new Client({ connectionString: db.url });
    client.on('error', () => undefined); // the database stopping at the end is not news
    await client.connect();
    const itemId = await createItemThroughApi(db.url);
    await client.query(
      `INSERT INTO webhooks (url, events, secret, created_by) VALUES ($1, '{follow_up.due}', $2, 'bench')`,
      [receiver.url('/due'), secret],
    );
    for (let i = 0; i < WORKERS; i++) workers.push(await startWorker(db.url));

    const arrivals: number[] = [];
    // Counted as they arrive: the receiver shares the two cores with the workers, so waiting
    // must not rescan every request received so far each time it looks.
    const received = new Set<unknown>();
    let cpuAtDue: CpuSample | undefined;
    let cpuAtLast: CpuSample | undefined;
    receiver.respond = (request) => {
      arrivals.push(Date.now());
      received.add(request.headers['webhook-id']);
      if (received.size === FOLLOW_UPS) cpuAtLast = cpuSample(workers);
      return 204;
    };
    const {
      rows: [{ due }],
    } = await client.query(
      `WITH due AS (SELECT date_trunc('milliseconds', now()) + interval '2 seconds' AS at)
       INSERT INTO follow_ups (item_id, due_at, note, created_by)
       SELECT $1, due.at, 'reminder ' || n, 'bench' FROM due, generate_series(1, $2) AS n
       RETURNING (SELECT at FROM due) AS due`,
      [itemId, FOLLOW_UPS],
    );
    const dueAt = new Date(due).getTime();
    setTimeout(() => (cpuAtDue = cpuSample(workers)), dueAt - Date.now());
    await waitFor('every reminder', () => received.size >= FOLLOW_UPS, 10 * 60_000);
    const seconds = (Math.max(...arrivals) - dueAt) / 1000;
    const firstAfterMs = Math.min(...arrivals) - dueAt;
    // Let in-flight retries or late duplicates land before counting them.
    await new Promise((resolve) => setTimeout(resolve, 1000));

    const idsByFollowUp = new Map<string, Set<string>>();
    const verifier = new Webhook(secret);
    let badSignatures = 0;
    for (const r of receiver.requests) {
      try {
        verifier.verify(r.body, r.headers as Record<string, string>);
      } catch {
        badSignatures++;
      }
      const followUpId = JSON.parse(r.body).data.followUpId as string;
      idsByFollowUp.set(
        followUpId,
        (idsByFollowUp.get(followUpId) ?? new Set()).add(String(r.headers['webhook-id'])),
      );
    }
    const {
      rows: [{ events }],
    } = await client.query(`SELECT count(*)::int AS events FROM events WHERE type = 'follow_up.due'`);
    await client.end();
    log(
      `  reminders delivered: ${idsByFollowUp.size} of ${FOLLOW_UPS} in ${seconds.toFixed(2)} s after they came due → ${Math.round(FOLLOW_UPS / seconds)} reminders/s (first after ${firstAfterMs} ms)`,
    );
    log(
      `  follow_up.due events: ${events}; requests received: ${receiver.requests.length}; redeliveries (same webhook-id): ${receiver.requests.length - idsByFollowUp.size}`,
    );
    const duplicates = [...idsByFollowUp.values()].filter((ids) => ids.size > 1).length;
    log(`  follow-ups announced under more than one id: ${duplicates}; bad signatures: ${badSignatures}`);
    if (cpuAtDue && cpuAtLast) {
      const time = (ms: number) => new Date(ms).toISOString().slice(11, 23);
      const perReminder = (ms: number) => (ms / FOLLOW_UPS).toFixed(3);
      const workersMs = cpuAtLast.workersMs - cpuAtDue.workersMs;
      const receiverMs = cpuAtLast.selfMs - cpuAtDue.selfMs;
      log(
        `  CPU from the due moment (${time(dueAt)}) to the last reminder (${time(Math.max(...arrivals))}): workers ${workersMs} ms (${perReminder(workersMs)} ms per reminder), receiver ${receiverMs} ms (${perReminder(receiverMs)} ms)`,
      );
    }
    if (RESULT_FILE) {
      const perSecond = Math.round(FOLLOW_UPS / seconds);
      writeFileSync(RESULT_FILE, JSON.stringify({ perSecond, duplicates }));
    }
  } finally {
    await Promise.all(workers.map((w) => stopWorker(w)));
    await receiver.close();
    await db.stop();
  }
}

interface CpuSample {
  workersMs: number;
  selfMs: number;
}

/** CPU time used so far by the worker processes (Linux: /proc, else 0) and by this process (the receiver). */
function cpuSample(workers: ChildProcess[]): CpuSample {
  const ticksOf = (pid: number) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks (1/100 s)
    } catch {
      return 0;
    }
  };
  const { user, system } = process.cpuUsage();
  return {
    workersMs: workers.reduce((sum, w) => sum + ticksOf(w.pid!) * 10, 0),
    selfMs: Math.round((user + system) / 1000),
  };
}

/** Through the service itself, so the bench keeps up with the items schema. */
async function createItemThroughApi(url: string): Promise<string> {
  const key = `bench-admin-${randomUUID()}`;
  const app = await createApp(
    loadConfig({ LOG_LEVEL: 'silent', ADMIN_API_KEY: key, SCHEDULER_ENABLED: 'false' }),
    url,
  );
  try {
    const post = async (path: string, body: unknown) => {
      const res = await app.inject({
        method: 'POST',
        url: path,
        payload: body as Record<string, unknown>,
        headers: { authorization: `Bearer ${key}` },
      });
      if (res.statusCode !== 201) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
      return res.json<{ id: string }>();
    };
    const source = await post('/v1/sources', {
      url: 'https://example.org/bench',
      title: 'Bench',
      language: 'en',
    });
    const item = await post('/v1/items', {
      kind: 'commitment',
      title: 'Bench pledge',
      statement: 'A pledge to follow up on.',
      language: 'en',
      citations: [{ sourceId: source.id, role: 'origin', quote: 'A pledge' }],
    });
    return item.id;
  } finally {
    await app.close();
  }
}

function startWorker(url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'dist/src/worker.js')], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      LOG_LEVEL: 'info',
      REMINDER_POLL_MS: '100',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker running')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}):\n${output}`)));
  });
}

function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
