import pino from 'pino';
import { Writable } from 'node:stream';
import { PinoNestLogger } from '../../src/common/logger';
import { currentRequest } from '../../src/common/request-context';

describe('log lines written through Nest during a request', () => {
  function capture() {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write: (chunk, _enc, done) => (lines.push(JSON.parse(chunk.toString())), done()),
    });
    return { lines, logger: new PinoNestLogger(pino({ level: 'info' }, stream)) };
  }

  it('should carry the id of the request in flight', async () => {
    const { lines, logger } = capture();
    await currentRequest.run({ id: 'req-42' }, async () => {
      await Promise.resolve();
      logger.warn('inside', 'Test');
      logger.error({ detail: 'object message' }, undefined, 'Test');
    });
    expect(lines.map((l) => l.reqId)).toEqual(['req-42', 'req-42']);
  });

  it('should leave lines outside any request without one', () => {
    const { lines, logger } = capture();
    logger.log('outside', 'Test');
    expect(lines[0]).not.toHaveProperty('reqId');
  });
});
