import { connect, Socket } from 'node:net';

/** Sends raw bytes; resolves with what the server answered until it closed or went quiet (5 s at most). */
export function rawExchange(port: number, head: string, body = '', quietMs = 1500): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    let timer: NodeJS.Timeout | undefined;
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      clearTimeout(timer);
      timer = setTimeout(done, quietMs);
    });
    socket.on('close', done);
    setTimeout(done, 5000).unref();
    socket.on('error', (error) => (answer ? done() : reject(error)));
    socket.write(head + body);
  });
}

/**
 * A reader that stops reading: sends the request, takes the first chunk of the answer (its
 * status line) and then never reads again, so the server's writes pile up and stall.
 */
export function stalledReader(port: number, request: string): Promise<{ socket: Socket; first: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    socket.once('data', (chunk) => {
      socket.pause();
      resolve({ socket, first: chunk.toString('latin1') });
    });
    socket.on('error', reject);
    socket.write(request);
  });
}
