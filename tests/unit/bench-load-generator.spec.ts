/**
 * The bench's load generator (bench/load-generator.ts) against a counting server on 127.0.0.1: it stops at its
 * request cap and at its time limit, never opens more connections than asked, reuses them, counts statuses, and
 * sends nothing anywhere but the loopback interface. No timing assertions.
 */
import { expect, test } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { generateLoad, LoadTargetError, loopbackOrigin, type LoadRequest } from '../../bench/load-generator.js';

let server: Server;
let origin = '';
let received = 0;
let open = 0;
let maxOpen = 0;
let connections = 0;
const bodies: string[] = [];

test.beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      received++;
      if (body) bodies.push(body);
      const status = req.method === 'POST' ? 201 : req.url === '/missing' ? 404 : 200;
      res.writeHead(status, { 'content-length': '2' });
      res.end('ok');
    });
  });
  server.on('connection', (socket) => {
    connections++;
    open++;
    maxOpen = Math.max(maxOpen, open);
    socket.on('close', () => open--);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  origin = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});

test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

test.beforeEach(() => {
  received = 0;
  maxOpen = 0;
  connections = 0;
  bodies.length = 0;
});

test('stops at the request cap, over at most the given connections, reused', async () => {
  const r = await generateLoad({
    origin,
    next: () => ({ method: 'GET', path: '/x', headers: {} }),
    connections: 4,
    durationMs: 60_000,
    maxRequests: 200,
  });
  expect(r.requests).toBe(200);
  expect(received).toBe(200);
  expect(r.ok).toBe(200);
  expect(r.statuses).toEqual({ '200': 200 });
  expect(r.errors).toBe(0);
  expect(r.sockets).toBeLessThanOrEqual(4);
  expect(connections).toBeLessThanOrEqual(4);
  expect(maxOpen).toBeLessThanOrEqual(4);
  expect(r.rps).toBeGreaterThan(0);
  expect(r.p99Ms).toBeGreaterThanOrEqual(r.p50Ms);
});

test('stops at the time limit when the cap is far away', async () => {
  const r = await generateLoad({
    origin,
    next: () => ({ method: 'GET', path: '/x', headers: {} }),
    connections: 2,
    durationMs: 100,
    maxRequests: 100_000_000,
  });
  expect(r.requests).toBeLessThan(100_000_000);
  expect(r.requests).toBe(received);
});

test('sends the i-th request the factory gives, bodies included, and counts non-2xx apart', async () => {
  const r = await generateLoad({
    origin,
    next: (i): LoadRequest =>
      i % 2 === 0
        ? { method: 'POST', path: '/items', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ i }) }
        : { method: 'GET', path: '/missing', headers: {} },
    connections: 1,
    durationMs: 60_000,
    maxRequests: 10,
  });
  expect(r.statuses).toEqual({ '201': 5, '404': 5 });
  expect(r.ok).toBe(5);
  expect(bodies).toEqual(['{"i":0}', '{"i":2}', '{"i":4}', '{"i":6}', '{"i":8}']);
});

test('a connection error is counted, not thrown', async () => {
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const addr = closed.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  await new Promise<void>((r) => closed.close(() => r()));
  const r = await generateLoad({
    origin: `http://127.0.0.1:${port}`,
    next: () => ({ method: 'GET', path: '/', headers: {} }),
    connections: 1,
    durationMs: 60_000,
    maxRequests: 3,
  });
  expect(r.errors).toBe(3);
  expect(r.ok).toBe(0);
  expect(r.firstError).toMatch(/ECONNREFUSED/);
});

test('only the loopback interface is a target; bad limits are refused before anything is sent', async () => {
  expect(loopbackOrigin('http://127.0.0.1:4010').port).toBe('4010');
  expect(loopbackOrigin('http://localhost:1').hostname).toBe('localhost');
  expect(() => loopbackOrigin('http://192.168.1.10:80')).toThrow(LoadTargetError);
  expect(() => loopbackOrigin('https://graph.microsoft.com')).toThrow(/only sends to this machine's loopback interface/);
  expect(() => loopbackOrigin('not a url')).toThrow(/not a URL/);
  await expect(
    generateLoad({
      origin: 'http://10.0.0.1:80',
      next: () => ({ method: 'GET', path: '/', headers: {} }),
      connections: 1,
      durationMs: 10,
      maxRequests: 1,
    }),
  ).rejects.toThrow(LoadTargetError);
  await expect(
    generateLoad({ origin, next: () => ({ method: 'GET', path: '/', headers: {} }), connections: 0, durationMs: 10, maxRequests: 1 }),
  ).rejects.toThrow(/must be positive/);
  expect(received).toBe(0);
});
