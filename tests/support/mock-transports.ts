/**
 * The mock's tests run over both ways it is served, so that they cannot drift apart: in-process through msw's
 * getResponse over createMockHandlers().handlers, and over real HTTP (plain fetch against startMockServer). Both call
 * the same request pipeline (mocks/pipeline.ts); these tests prove the two transports add nothing of their own.
 *
 *   for (const via of VIAS) test.describe(`via ${via}`, () => { test.use({ via }); ... });
 *   test('...', async ({ openMock }) => { const mock = await openMock({ bodyLimit: 64 }); ... });
 *
 * Servers opened through the fixture are closed when the test ends.
 */
import { test as base } from '@playwright/test';
import { getResponse } from 'msw';
import { createMockHandlers, type MockOptions } from '../../mocks/handlers.js';
import { startMockServer } from '../../mocks/http-server.js';
import type { TenantStore } from '../../mocks/tenant-store.js';
import { buildRequest, httpClient, toAnswer, widgetContracts, type Send } from '../fixtures/mock/harness.js';

export type Via = 'msw' | 'http';
export const VIAS: readonly Via[] = ['msw', 'http'];

export interface OpenMock {
  via: Via;
  send: Send;
  store: TenantStore;
  /** The version root the answers' @odata.context URLs start with. */
  root: string;
  close(): Promise<void>;
}

const IN_PROCESS_ROOT = 'https://graph.microsoft.com/beta';

/** The mock serving the widget contracts (or `options.contracts`), reached `via` msw or HTTP. */
export async function openMock(via: Via, options: MockOptions = {}): Promise<OpenMock> {
  const all: MockOptions = { contracts: widgetContracts(), ...options };
  if (via === 'http') {
    const server = await startMockServer(all);
    return { via, send: httpClient(server.url), store: server.store, root: server.url, close: () => server.close() };
  }
  const mock = createMockHandlers(all);
  const send: Send = async (method, path, opts) => {
    const response = await getResponse(mock.handlers, buildRequest(IN_PROCESS_ROOT, method, path, opts));
    if (!response) throw new Error(`No handler answered ${method} ${path}`);
    return toAnswer(response);
  };
  return { via, send, store: mock.store, root: IN_PROCESS_ROOT, close: async () => {} };
}

export const test = base.extend<{ via: Via; openMock: (options?: MockOptions) => Promise<OpenMock> }>({
  via: ['msw', { option: true }],
  openMock: async ({ via }, use) => {
    const opened: OpenMock[] = [];
    await use(async (options) => {
      const mock = await openMock(via, options);
      opened.push(mock);
      return mock;
    });
    for (const mock of opened) await mock.close();
  },
});

export { expect } from '@playwright/test';
