/**
 * RFC 3339 timestamps compared exactly. Graph writes up to seven fractional digits (100 ns ticks), finer than a
 * JavaScript Date, so two instants are compared as whole seconds plus the fraction's digits, not through Date.parse.
 */

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})$/;

export interface Instant {
  /** Whole seconds since the epoch, UTC. */
  seconds: number;
  /** The fraction of a second as digits, padded to 12 places so that string order is numeric order. */
  fraction: string;
}

/** Parses an RFC 3339 date-time with a zone designator; null for anything else (including impossible dates). */
export function parseInstant(text: string): Instant | null {
  const m = RFC3339.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac = '', zone = 'Z'] = m;
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return null;
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999 (and Graph's unset value is 0001-01-01).
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  date.setUTCHours(Number(h), Number(mi), Number(s), 0);
  const ms = date.getTime();
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    offsetMinutes = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  }
  return { seconds: ms / 1000 - offsetMinutes * 60, fraction: frac.padEnd(12, '0').slice(0, 12) };
}

/** Negative when a is earlier, 0 when equal, positive when later; null when either is not an RFC 3339 date-time. */
export function compareInstants(a: unknown, b: unknown): number | null {
  if (typeof a !== 'string' || typeof b !== 'string') return null;
  const x = parseInstant(a);
  const y = parseInstant(b);
  if (!x || !y) return null;
  if (x.seconds !== y.seconds) return x.seconds - y.seconds;
  return x.fraction < y.fraction ? -1 : x.fraction > y.fraction ? 1 : 0;
}
