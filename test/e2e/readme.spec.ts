import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/database/embedded';
import { loadNatoRecords } from '../../src/demo/load';
import { NATO_TEXT, TestApp } from '../helpers/app';

const ROOT = join(__dirname, '../..');
const SKIP = /<!-- readme-test: skip/;

/** The README's ```bash blocks in order, without those marked to skip (installing, starting the service). */
function readmeBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  const fence = /(<!--[^\n]*-->\s*)?```bash\n([\s\S]*?)```/g;
  for (let m = fence.exec(markdown); m; m = fence.exec(markdown))
    if (!SKIP.test(m[1] ?? '')) blocks.push(m[2]);
  return blocks;
}

/** `# → 412` comments: the statuses a block expects besides success. */
const expectedStatuses = (block: string) => [...block.matchAll(/# → (\d{3})/g)].map((m) => Number(m[1]));

/**
 * Every curl goes through this function: the body as curl prints it, the status to the log. One
 * bash process runs the blocks in order, so variables set by one block serve the next.
 */
const PRELUDE = `set -euo pipefail
curl() { local out code; out=$(mktemp); code=$(command curl -sS -o "$out" -w '%{http_code}' "$@"); cat "$out"; rm -f "$out"; echo "$code" >> "$STATUS_LOG"; }
`;

/** Runs the blocks in one bash process; returns its output and the statuses each block got. */
async function runBlocks(blocks: string[], port: number, env: Record<string, string>, dir: string) {
  const statusLog = join(dir, `statuses-${Date.now()}`);
  const script =
    PRELUDE +
    blocks
      .map(
        (block, i) =>
          `echo "@@ ${i}" >> "$STATUS_LOG"\n${block.replaceAll('localhost:3000', `127.0.0.1:${port}`)}`,
      )
      .join('\n');
  const output = await new Promise<string>((resolve, reject) =>
    execFile(
      'bash',
      ['-c', script],
      { cwd: ROOT, timeout: 60_000, env: { ...process.env, ...env, STATUS_LOG: statusLog } },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stdout}\n${stderr}`)) : resolve(stdout),
    ),
  );
  const byBlock = readFileSync(statusLog, 'utf8')
    .split('@@ ')
    .filter(Boolean)
    .map((chunk) => chunk.trim().split('\n').slice(1).map(Number));
  return { output, byBlock };
}

/** Every curl of every block answered with success or the status its `# → 4xx` comment expects. */
function expectStatuses(blocks: string[], byBlock: number[][]): void {
  expect(byBlock).toHaveLength(blocks.length);
  blocks.forEach((block, i) => {
    const expected = expectedStatuses(block);
    const unexpected = byBlock[i].filter((s) => s >= 400 && !expected.includes(s));
    expect({ block: i, unexpected }).toEqual({ block: i, unexpected: [] });
    for (const status of expected)
      expect({ block: i, statuses: byBlock[i] }).toEqual({
        block: i,
        statuses: expect.arrayContaining([status]),
      });
  });
}

describe('README: the blocks run as written', () => {
  let t: TestApp;
  let port: number;
  let dir: string;
  let blocks: string[];
  // The webhook receiver's port: a free one, never a fixed one another process may hold.
  const env = async () => ({ KEY: t.keys.admin, RECEIVER_PORT: String(await freePort()) });
  beforeAll(async () => {
    // The webhook block waits for its delivery (not a fixed sleep), so a short poll ends it sooner.
    t = await TestApp.start({
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      SCHEDULER_ENABLED: 'true',
      REMINDER_POLL_MS: '200',
    });
    await loadNatoRecords(t.app, NATO_TEXT);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = Number(new URL(await t.app.getUrl()).port);
    dir = mkdtempSync(join(tmpdir(), 'pledgewatch-readme-'));
    blocks = readmeBlocks(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('should answer every curl of every block with success or the status its comment expects', async () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6);
    // Never start or install anything from here: those blocks must carry the skip marker.
    expect(blocks.filter((b) => /\bnpm (start|install|run demo|test)\b/.test(b))).toEqual([]);
    const { output, byBlock } = await runBlocks(blocks, port, await env(), dir);
    expectStatuses(blocks, byBlock);
    if (process.env.README_OUTPUT) console.log(output);
    expect(output).toContain('"code": "REQUEST.STALE_VERSION"');
  });

  it('should run as written again after a second npm run demo', async () => {
    expect(await loadNatoRecords(t.app, NATO_TEXT)).toBe(0);
    const { output, byBlock } = await runBlocks(blocks, port, await env(), dir);
    expectStatuses(blocks, byBlock);
    expect(output).toContain('"code": "REQUEST.STALE_VERSION"');
  });
});
