/**
 * Doc page bytes -> text, strictly. A page that is not UTF-8 text is an error naming the file, the line and the fix,
 * never a page quietly read with U+FFFD in it: UTF-16 (with or without a byte order mark), Latin-1 or other
 * single-byte encodings (a byte that is not valid UTF-8), binary content (NUL bytes), an empty file.
 */
import { DocParseError } from './doc-page.js';

const SAVE_AS = 'save the page as UTF-8 (the encoding of the Graph docs) and run again';

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Index of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] ?? 0;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

/** Looks like UTF-16: a UTF-16 byte order mark, or NUL in every other byte of the first line(s). */
function utf16(b: Uint8Array): 'LE' | 'BE' | null {
  if (b[0] === 0xff && b[1] === 0xfe) return 'LE';
  if (b[0] === 0xfe && b[1] === 0xff) return 'BE';
  const n = Math.min(b.length - (b.length % 2), 200);
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenNul++;
    if (b[i + 1] === 0) oddNul++;
  }
  if (oddNul > n / 4 && evenNul === 0) return 'LE';
  if (evenNul > n / 4 && oddNul === 0) return 'BE';
  return null;
}

/** Decodes a doc file; throws DocParseError (file, line, reason with the fix) when it is not UTF-8 text. */
export function decodeDocBytes(file: string, bytes: Uint8Array): string {
  if (bytes.length === 0) throw new DocParseError(file, 1, 'the file is empty (0 bytes); a doc page of the family was expected here');
  const wide = utf16(bytes);
  if (wide) throw new DocParseError(file, 1, `the file is UTF-16 (${wide}), not UTF-8; ${SAVE_AS}`);
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new DocParseError(file, lineAt(bytes, nul), `the file is binary (a NUL byte at offset ${nul}), not a doc page; ${SAVE_AS}`);
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const hex = (bytes[bad] ?? 0).toString(16).padStart(2, '0');
    throw new DocParseError(
      file,
      lineAt(bytes, bad),
      `byte 0x${hex} at offset ${bad} is not UTF-8 (Latin-1 or another single-byte encoding?); ${SAVE_AS}`,
    );
  }
  return new TextDecoder('utf-8').decode(bytes);
}
