import { connect } from 'node:net';

/** Resolves once something accepts connections on 127.0.0.1:`port`; throws past `timeoutMs` or when `gone()` says the server process ended. */
export async function waitForPort(
  port: number,
  what: string,
  gone: () => boolean,
  timeoutMs = 15_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && !gone()) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} did not start listening on port ${port}`);
}
