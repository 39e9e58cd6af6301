/**
 * What a live run must never write anywhere: the tokens it used, the client secret, the certificate it signed with,
 * and the activation codes it sent (ICCID, matching identifier, EID). runner/redact.ts replaces these by field name;
 * this module adds replacement by value (a code echoed inside an error message, a token pasted into a body), PEM
 * blocks and anything shaped like a JWT. The registry is per process: the live target fills it, the reporting code
 * redacts with it (redactLive).
 */
import { ACTIVATION_CODE_FIELDS, REDACTED, redactValue } from '../redact.js';

const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?-----END [A-Z0-9 ]+-----/g;
/** header.payload.signature with a JSON header: every Entra access token looks like this. */
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
/** Shorter values would redact ordinary text. */
const MIN_SECRET_LENGTH = 6;

const secrets = new Set<string>();

/** Remember a value that must never be written. Short or empty values are ignored. */
export function registerSecret(value: string | null | undefined): void {
  if (typeof value !== 'string') return;
  const v = value.trim();
  if (v.length < MIN_SECRET_LENGTH) return;
  secrets.add(v);
  // A PEM file's base64 lines are secret one by one too (they get wrapped and quoted in logs).
  if (v.includes('-----BEGIN'))
    for (const line of v.split(/\r?\n/)) if (/^[A-Za-z0-9+/=]{40,}$/.test(line.trim())) secrets.add(line.trim());
}

export function registeredSecrets(): string[] {
  // Longest first, so that a secret containing another is replaced whole.
  return [...secrets].sort((a, b) => b.length - a.length);
}

/** For tests: forget everything registered. */
export function clearSecrets(): void {
  secrets.clear();
}

/** Activation-code values anywhere in a JSON body (parsed or text). */
export function activationCodesIn(body: unknown): string[] {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      return [];
    }
  }
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (ACTIVATION_CODE_FIELDS.has(k) && typeof x === 'string') out.push(x);
        else walk(x);
      }
    }
  };
  walk(value);
  return out;
}

/** Registers every activation code a request body carries (the live transport calls this for each request). */
export function registerActivationCodes(body: unknown): void {
  for (const code of activationCodesIn(body)) registerSecret(code);
}

export function redactLiveText(text: string): string {
  let out = text.replace(PEM_BLOCK, REDACTED).replace(JWT, REDACTED);
  for (const s of registeredSecrets()) out = out.split(s).join(REDACTED);
  // runner/redact.ts handles `Bearer <token>` and its own extras.
  return out;
}

/**
 * A deep copy safe to write from a live run: secret-bearing and activation-code fields by name (runner/redact.ts
 * with codes), then every registered secret, PEM block and JWT by value, in keys' values and in free text alike.
 */
export function redactLive<T>(value: T): T {
  const byName = redactValue(value, { codes: true, secrets: registeredSecrets() });
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactLiveText(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(byName) as T;
}
