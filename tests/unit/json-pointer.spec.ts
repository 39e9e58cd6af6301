/** lib/json-pointer.ts on hostile member names: `__proto__` is set as an own member, never as the prototype. */
import { expect, test } from '@playwright/test';
import { setAt, valueAt } from '../../lib/json-pointer.js';

test('setAt with a __proto__ member makes an own member and leaves the prototype alone', () => {
  const body: Record<string, unknown> = { displayName: 'x' };
  setAt(body, '/__proto__', { isAdmin: true });
  expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
  expect((body as { isAdmin?: unknown }).isAdmin).toBeUndefined();
  expect(Object.hasOwn(body, '__proto__')).toBe(true);
  expect(valueAt(body, '/__proto__')).toEqual({ isAdmin: true });
  expect(JSON.parse(JSON.stringify(body))).toEqual(JSON.parse('{"displayName":"x","__proto__":{"isAdmin":true}}'));
});

test('setAt replaces an existing member and sets array items', () => {
  const body = { a: { b: 1 }, list: [1, 2] };
  setAt(body, '/a/b', 2);
  setAt(body, '/list/1', 3);
  expect(body).toEqual({ a: { b: 2 }, list: [1, 3] });
});
