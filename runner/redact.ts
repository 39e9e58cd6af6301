/**
 * Secrets never leave the process: bearer tokens, client secrets and the activation codes a run sends are replaced
 * before anything is printed, attached or written.
 */
const BEARER = /(Bearer\s+)[A-Za-z0-9\-._~+/]+=*/g;
const SECRET_KEYS = /^(authorization|client_secret|clientSecret|client_assertion|access_token|refresh_token|id_token|password)$/i;
/** Activation-code fields: sent live, they are real operator secrets. */
export const ACTIVATION_CODE_FIELDS: ReadonlySet<string> = new Set([
  'integratedCircuitCardIdentifier',
  'matchingIdentifier',
  'universalIntegratedCircuitCardIdentifier',
]);

export const REDACTED = '<redacted>';

export function redactText(text: string, extra: string[] = []): string {
  let out = text.replace(BEARER, `$1${REDACTED}`);
  for (const s of extra) if (s.length >= 6) out = out.split(s).join(REDACTED);
  return out;
}

/** A deep copy with secret-bearing fields replaced. `codes` redacts activation-code fields too (live runs). */
export function redactValue<T>(value: T, opts: { codes?: boolean; secrets?: string[] } = {}): T {
  const walk = (v: unknown, key: string | null): unknown => {
    if (key !== null && (SECRET_KEYS.test(key) || (opts.codes && ACTIVATION_CODE_FIELDS.has(key))))
      return typeof v === 'string' ? REDACTED : v;
    if (typeof v === 'string') return redactText(v, opts.secrets);
    if (Array.isArray(v)) return v.map((x) => walk(x, null));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(value, null) as T;
}
