// What must never reach the event log or a log line even when a client puts it where it does not belong: a token in
// an address, a password in a query string. Addresses are recorded (auditors' reads) and logged (errors); these
// functions are applied to them first.
const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}/g;
const BEARER = /(bearer)(\s|\+|%20)+[^\s&#/]+/gi;
/** Query parameters whose value is a secret by its name, whatever it looks like. */
const SECRET_NAME = /token|passw|secret|auth|credential|session|jwt|api[-_]?key/i;
export const REDACTED = '[redacted]';

/** The text with every token-shaped part (and `known` secrets, such as the request's own token) replaced. */
export function redactText(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const secret of known) if (secret.length >= 8) out = out.split(secret).join(REDACTED);
  return out.replace(JWT, REDACTED).replace(BEARER, `$1 ${REDACTED}`);
}

/** A parsed query with secret-named parameters and token-shaped values redacted (arrays and nested objects too). */
export function redactQuery(query: Record<string, unknown>, known: readonly string[] = []): Record<string, unknown> {
  const value = (v: unknown): unknown =>
    typeof v === 'string'
      ? redactText(v, known)
      : Array.isArray(v)
        ? v.map(value)
        : v !== null && typeof v === 'object'
          ? redactQuery(v as Record<string, unknown>, known)
          : v;
  return Object.fromEntries(Object.entries(query).map(([name, v]) => [redactText(name, known), SECRET_NAME.test(name) ? REDACTED : value(v)]));
}

/** A request target (path and query) fit for a log line. */
export function redactUrl(url: string, known: readonly string[] = []): string {
  const [path, query] = url.split(/\?(.*)/s, 2);
  const safeQuery =
    query === undefined
      ? ''
      : `?${query
          .split('&')
          .map((pair) => {
            const [name] = pair.split('=', 1);
            return SECRET_NAME.test(decodeSafely(name)) ? `${name}=${REDACTED}` : redactText(pair, known);
          })
          .join('&')}`;
  return `${redactText(path, known)}${safeQuery}`;
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
