// What a request may carry as text: valid UTF-8 and no NUL character, in the address and in a JSON body. PostgreSQL
// cannot store NUL in text or jsonb, and a byte sequence that is not UTF-8 would be silently replaced: both are
// refused at the door with a 400 that says what to fix, before anything reads or records them.
import { DomainError, type DomainErrorKind } from '@campaign-ledger/domain';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The request's address is not UTF-8 text, or holds NUL. */
export class RequestTextInvalid extends DomainError {
  static readonly code = 'REQUEST.INVALID_TEXT';
  static readonly kind: DomainErrorKind = 'validation';
  static inAddress(problem: string): RequestTextInvalid {
    return new RequestTextInvalid(`${problem}: send the address as UTF-8 without NUL characters`, '请求地址必须是不含 NUL 字符的 UTF-8 文本');
  }
}

/** Why a request target (path and query) is not acceptable text; null when it is. */
export function problemWithTarget(target: string): string | null {
  if (!target.includes('%')) return target.includes('\u0000') ? 'the address holds a NUL character' : null;
  const bytes: number[] = [];
  for (let i = 0; i < target.length; i += 1) {
    const hex = target[i] === '%' ? target.slice(i + 1, i + 3) : '';
    if (/^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(target[i], 'utf8'));
    }
  }
  let decoded: string;
  try {
    decoded = strictUtf8.decode(Uint8Array.from(bytes));
  } catch {
    return 'the address is not valid UTF-8 once percent-decoded';
  }
  return decoded.includes('\u0000') ? 'the address holds a NUL character (%00)' : null;
}

/** Why a JSON body is not acceptable text; null when it is. */
export function problemWithJsonBody(body: Buffer): string | null {
  let text: string;
  try {
    text = strictUtf8.decode(body);
  } catch {
    return 'the body is not valid UTF-8';
  }
  // The escape \u0000 after an even number of backslashes is a NUL; after an odd number it is the text "\u0000".
  const escaped = /(?:^|[^\\])(?:\\\\)*\\u0000/.test(text);
  return escaped || text.includes('\u0000') ? 'the body holds a NUL character (\\u0000), which cannot be stored' : null;
}
