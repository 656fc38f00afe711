import { Logger } from '@nestjs/common';
import pino from 'pino';
import { Writable } from 'node:stream';
import { firstStartBanner, nestLogger } from '../../src/common/logger';

describe("Nest's Logger through nestjs-pino", () => {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write: (chunk: Buffer, _enc, done) => (
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>),
      done()
    ),
  });
  beforeAll(() => Logger.overrideLogger(nestLogger(pino({ level: 'info' }, stream))));
  afterAll(() => Logger.overrideLogger(false));
  beforeEach(() => (lines.length = 0));

  it('should write an Error with its message and stack', () => {
    new Logger('Worker').error(new Error('connect ECONNREFUSED 127.0.0.1:1'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      context: 'Worker',
      err: { message: 'connect ECONNREFUSED 127.0.0.1:1' },
    });
    expect((lines[0].err as { stack: string }).stack).toMatch(/^Error: connect ECONNREFUSED[\s\S]*\n\s+at /);
  });

  it("should keep the stack Nest's own modules pass beside a message (TypeORM's retry)", () => {
    const cause = new Error('password authentication failed');
    new Logger('TypeOrmModule').error('Unable to connect to the database. Retrying (1)...', cause.stack);
    expect(lines[0]).toMatchObject({
      context: 'TypeOrmModule',
      err: { message: expect.stringContaining('Retrying (1)') },
    });
    expect((lines[0].err as { stack: string }).stack).toContain('password authentication failed');
  });

  it('should merge an object message and keep the text', () => {
    new Logger('Test').warn({ detail: 'x' }, 'text');
    expect(lines[0]).toMatchObject({ level: 40, context: 'Test', detail: 'x', msg: 'text' });
  });
});

describe('first-start banner', () => {
  it('should box the key with the workbench and docs addresses', () => {
    const rows = firstStartBanner('pw_secret', 8080).split('\n');
    expect(rows.join('\n')).toMatch(
      /pw_secret[\s\S]*http:\/\/localhost:8080\/ [\s\S]*http:\/\/localhost:8080\/docs/,
    );
    expect(new Set(rows.map((r) => r.length)).size).toBe(1);
    expect(rows[0]).toMatch(/^┌─+┐$/);
  });
});
