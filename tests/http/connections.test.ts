// Connection-level limits and shutdown, through a real listening server and raw sockets: a client that trickles
// its headers (slow loris) is cut off, and an instance that is closing answers with a problem and Retry-After.
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.ts';
import { createTestApp } from '../helpers/app.ts';

async function listening(env: Record<string, string> = {}) {
  const ctx = await createTestApp({ env });
  await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  const address = ctx.app.server.address();
  return { ...ctx, port: typeof address === 'object' && address ? address.port : 0 };
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Everything the server sends until it closes the socket, and when it closed it. */
function untilClosed(socket: Socket): Promise<{ received: string; closedAt: number }> {
  return new Promise((resolve) => {
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ received, closedAt: Date.now() }));
  });
}

describe('slow clients', () => {
  it('closes connections that trickle their headers once the headers timeout passes', async () => {
    const ctx = await listening({
      HTTP_HEADERS_TIMEOUT_MS: '1000',
      HTTP_REQUEST_TIMEOUT_MS: '2000',
      HTTP_CONNECTION_TIMEOUT_MS: '10000',
    });
    const timers: NodeJS.Timeout[] = [];
    try {
      const startedAt = Date.now();
      const sockets = await Promise.all(Array.from({ length: 20 }, () => open(ctx.port)));
      const closed = sockets.map(untilClosed);
      for (const socket of sockets) {
        socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
        // A header line every 200 ms: never idle long enough for the socket (connection) timeout.
        let line = 0;
        timers.push(setInterval(() => socket.writable && socket.write(`X-Slow-${line++}: a\r\n`), 200));
      }
      const results = await Promise.all(closed);
      const slowest = Math.max(...results.map((result) => result.closedAt - startedAt));
      // The headers timeout (1 s) plus Node's check of its connections (every second, see app.ts) and slack.
      expect(slowest).toBeLessThan(4_000);
      for (const result of results) expect(result.received).toMatch(/^HTTP\/1\.1 408 |^$/);
    } finally {
      for (const timer of timers) clearInterval(timer);
      await ctx.close();
    }
  }, 20_000);

  it('by default closes a slow-loris connection well within 30 seconds', () => {
    const defaults = parseConfig({});
    // The header deadline plus at most one connection check (1 s) after it.
    expect(defaults.HTTP_HEADERS_TIMEOUT_MS + 1_000).toBeLessThan(30_000);
    expect(defaults.HTTP_REQUEST_TIMEOUT_MS + 1_000).toBeLessThan(60_000);
    expect(defaults.HTTP_KEEP_ALIVE_TIMEOUT_MS).toBeLessThanOrEqual(defaults.HTTP_CONNECTION_TIMEOUT_MS);
  });

  it('serves ordinary requests on a kept-alive connection as before', async () => {
    const ctx = await listening({ HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '2000' });
    try {
      for (let i = 0; i < 3; i++) {
        const response = await fetch(`http://127.0.0.1:${ctx.port}/health`);
        expect(response.status).toBe(200);
        await response.arrayBuffer();
      }
    } finally {
      await ctx.close();
    }
  });
});

describe('shutting down', () => {
  it('answers a request that arrives while the app closes with a 503 problem and Retry-After', async () => {
    const ctx = await listening();
    const socket = await open(ctx.port);
    const done = untilClosed(socket);
    // Half a request: the connection is busy, so closing waits for it instead of dropping it as idle.
    socket.write('GET /massage-types HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = ctx.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.write('Accept: application/json\r\n\r\n');
    const { received } = await done;
    await closing;

    const [head = '', body = ''] = received.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 503 /);
    expect(head.toLowerCase()).toContain('content-type: application/problem+json');
    expect(head.toLowerCase()).toMatch(/\r\nretry-after: \d+/);
    expect(head.toLowerCase()).toContain('connection: close');
    expect(JSON.parse(body)).toMatchObject({
      type: '/problems/shutting-down',
      title: expect.any(String),
      status: 503,
      detail: expect.any(String),
    });
  });
});
