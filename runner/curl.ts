/** A curl command that replays an exchange's request, token redacted, for failure messages. */
import type { ExchangeRequest } from '../checks/types.js';

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export function curlFor(req: ExchangeRequest): string {
  const parts = ['curl', '-i', '-X', req.method, quote(req.url)];
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === 'content-length') continue;
    // The token never appears: the command reads it from $TOKEN.
    parts.push('-H', name === 'authorization' ? `"authorization: Bearer $TOKEN"` : quote(`${name}: ${value}`));
  }
  if (req.body !== undefined) parts.push('--data-raw', quote(JSON.stringify(req.body)));
  return parts.join(' ');
}
