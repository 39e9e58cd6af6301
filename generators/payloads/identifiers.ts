/**
 * Check digits of the eSIM identifiers, independent of any generator:
 * - ICCID (ITU-T E.118): `89` (telecom industry id), country code, issuer, account, then a Luhn check digit over
 *   everything before it; 19 or 20 digits in all.
 * - EID (GSMA SGP.29, the eUICC id Intune calls UICCID): 32 digits starting `89`, the last two chosen so that the
 *   whole number mod 97 is 1 (ISO 7064 MOD 97-10, as for IBANs).
 */

/** The Luhn check digit (0-9) to append to `digits` (the digits before the check digit). */
export function luhnCheckDigit(digits: string): number {
  if (!/^[0-9]+$/.test(digits)) {
    throw new Error(`luhnCheckDigit: expected one or more decimal digits, got ${JSON.stringify(digits)}`);
  }
  let sum = 0;
  // The rightmost payload digit is doubled (it sits next to the check digit), then every second one leftwards.
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the whole number (payload and check digit) passes the Luhn check. */
export function passesLuhn(digits: string): boolean {
  if (!/^[0-9]{2,}$/.test(digits)) return false;
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits.slice(-1));
}

/** 19 or 20 digits, starting `89`, last digit the Luhn check digit of the others. */
export function isValidIccid(s: string): boolean {
  return /^89[0-9]{17,18}$/.test(s) && passesLuhn(s);
}

/** `payload` followed by its Luhn check digit. */
export function withLuhn(payload: string): string {
  return `${payload}${luhnCheckDigit(payload)}`;
}

function mod97(digits: string): number {
  let r = 0;
  for (let i = 0; i < digits.length; i++) r = (r * 10 + (digits.charCodeAt(i) - 48)) % 97;
  return r;
}

/** The two check digits completing a 30-digit EID prefix. */
export function eidCheckDigits(prefix30: string): string {
  if (!/^[0-9]{30}$/.test(prefix30)) {
    throw new Error(`eidCheckDigits: expected exactly 30 decimal digits, got ${JSON.stringify(prefix30)}`);
  }
  return String(98 - mod97(`${prefix30}00`)).padStart(2, '0');
}

/** 32 digits, starting `89`, whole number mod 97 equal to 1. */
export function isValidEid(s: string): boolean {
  return /^89[0-9]{30}$/.test(s) && mod97(s) === 1;
}
