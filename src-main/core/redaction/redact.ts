/**
 * The one redaction module. Secrets (credentials in URLs, credential headers, token-like parameters,
 * passwords in text) stay stored as the user wrote them, but every path that shows or sends data —
 * run errors, events, views, audit, notifications, the WebSocket — shows them masked.
 *
 * Masking is deliberately generous with names (a false positive hides a harmless value) and
 * careful with shapes (a session id, a cost or a token *count* is never touched).
 */

export const MASK = '••••';

/** Header names whose value is a credential. */
const SECRET_HEADER =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|apikey|x-goog-api-key|x-auth[\w-]*|x-amz-security-token|x-csrf-token)$|token|secret|passw|credential|api[-_]?key|auth[-_]?key|access[-_]?key|private[-_]?key|session/i;

/** Query parameter and `name=value` names that carry a credential. */
const SECRET_PARAM =
  /^(auth|key|sig|signature|code|pass|pwd|password|passwd|session|sessionid|session_id|sid|apikey|api_key|api-key|access_token|refresh_token|id_token|token|client_secret|secret|x-goog-api-key|x-amz-signature|x-amz-credential|x-amz-security-token)$|token|secret|passw|api[-_]?key|credential/i;

/** Environment variable names that carry a credential (`GITHUB_TOKEN`, `DB_PASSWORD`, …). */
const SECRET_ENV = /token|secret|passw|pwd|credential|api[-_]?key|private[-_]?key|access[-_]?key|auth|session|cookie/i;

/** Keys of JSON objects (event payloads, audit details) whose string value is a credential. */
const SECRET_JSON_KEY =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|apikey|api_key|x-goog-api-key|x-auth[\w-]*|password|passwd|secret|client_secret|access_token|refresh_token|id_token|token|bearer|webhookurl|webhook_url|smtppassword|smtp_password)$/i;

export const isSecretHeaderName = (name: string): boolean => SECRET_HEADER.test(name);
export const isSecretParamName = (name: string): boolean => SECRET_PARAM.test(name);
export const isSecretEnvName = (name: string): boolean => SECRET_ENV.test(name);

/**
 * Masks user-info and credential query parameters; the rest of the address stays exactly as
 * written (string surgery, not URL re-serialisation, which would normalise the text).
 */
export function redactUrl(url: string): string {
  let out = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/?#@\s]+)@/i, `$1${MASK}@`);
  const q = out.indexOf('?');
  if (q === -1) return out;
  const hash = out.indexOf('#', q);
  const end = hash === -1 ? out.length : hash;
  const query = out
    .slice(q + 1, end)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq === -1) return pair;
      return isSecretParamName(safeDecode(pair.slice(0, eq))) ? `${pair.slice(0, eq)}=${MASK}` : pair;
    })
    .join('&');
  out = `${out.slice(0, q + 1)}${query}${out.slice(end)}`;
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/**
 * A webhook address is a secret as a whole (Slack's and Discord's carry the key in the path):
 * only scheme and host are shown.
 */
export function redactWebhookUrl(url: string): string {
  try {
    const u = new URL(url);
    const hasSecretPart = u.pathname.length > 1 || u.search !== '' || u.username !== '' || u.password !== '';
    return `${u.protocol}//${u.host}${hasSecretPart ? `/${MASK}` : '/'}`;
  } catch {
    return MASK;
  }
}

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`\\]+/gi;
const HEADER_IN_TEXT =
  /\b(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|apikey|x-goog-api-key|x-auth[\w-]*)(\s*:\s*)([^\r\n"']+)/gi;
const SCHEME_TOKEN = /\b(Bearer|Basic|Token)(\s+)([A-Za-z0-9._~+/=-]{8,})/g;
const ASSIGNMENT =
  /(^|[\s?&;,("'{[])((?:[A-Za-z_][\w.-]*[_.-])?(?:password|passwd|pwd|pass|secret|token|api[_-]?key|apikey|auth|session|sessionid|access[_-]?key|client[_-]?secret|credentials?))(\s*=\s*)("[^"]*"|'[^']*'|[^\s&;,"')}\]]+)/gi;

/**
 * `"key": "value"` in JSON written as text: the head kept of a line too long to parse, or a command
 * that prints JSON. Only the key and the opening quote are a regex; the value is scanned by hand,
 * because a regex repeat over a megabyte-long string value exhausts V8's regex engine.
 */
const JSON_KEY_IN_TEXT = /"([A-Za-z_][\w-]{0,63})"(\s*:\s*)"/g;

/** Masks the string values of credential keys; a value cut off by the end of the text is masked too. */
function maskJsonPairs(text: string): string {
  let out = '';
  let from = 0;
  JSON_KEY_IN_TEXT.lastIndex = 0;
  for (let m = JSON_KEY_IN_TEXT.exec(text); m !== null; m = JSON_KEY_IN_TEXT.exec(text)) {
    const start = JSON_KEY_IN_TEXT.lastIndex;
    let end = start;
    while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
    end = Math.min(end, text.length);
    JSON_KEY_IN_TEXT.lastIndex = end;
    const value = text.slice(start, end);
    if (!SECRET_JSON_KEY.test(m[1]!) || value === '' || value === MASK) continue;
    out += `${text.slice(from, start)}${MASK}`;
    from = end;
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * Masks credentials inside free text: URLs (user-info, secret parameters), credential headers
 * (`Authorization: …`), bearer/basic tokens, `password=…`-style assignments and credential keys of
 * JSON text (`"api_key":"…"`).
 */
export function redactText(text: string): string {
  if (text.length === 0) return text;
  let out = text;
  if (out.includes('://')) out = out.replace(URL_IN_TEXT, (url) => redactUrl(url));
  if (out.includes(':')) out = out.replace(HEADER_IN_TEXT, (_m, name: string, sep: string) => `${name}${sep}${MASK}`);
  if (out.includes('"')) out = maskJsonPairs(out);
  out = out.replace(SCHEME_TOKEN, (_m, scheme: string, sep: string) => `${scheme}${sep}${MASK}`);
  if (out.includes('=')) {
    out = out.replace(ASSIGNMENT, (_m, lead: string, name: string, eq: string, value: string) =>
      value === MASK || value.startsWith(MASK) ? `${lead}${name}${eq}${value}` : `${lead}${name}${eq}${MASK}`,
    );
  }
  return out;
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, isSecretHeaderName(k) ? MASK : redactText(v)]));
}

export function redactEnv(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, isSecretEnvName(k) ? MASK : redactText(v)]));
}

/**
 * Walks JSON-like data and masks every string in it: values under credential keys entirely, other
 * strings through `redactText`. Numbers, booleans and key names are left alone.
 */
export function redactDeep<T>(value: T): T {
  return walk(value, null) as T;
}

function walk(value: unknown, key: string | null): unknown {
  if (typeof value === 'string') return key !== null && SECRET_JSON_KEY.test(key) && value !== '' ? MASK : redactText(value);
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    value.forEach((item, i) => {
      const next = walk(item, null);
      if (next !== item) (copy ??= value.slice())[i] = next;
    });
    return copy ?? value;
  }
  if (value !== null && typeof value === 'object') {
    let copy: Record<string, unknown> | null = null;
    for (const [k, v] of Object.entries(value)) {
      const next = walk(v, k);
      if (next !== v) (copy ??= { ...(value as Record<string, unknown>) })[k] = next;
    }
    return copy ?? value;
  }
  return value;
}

/**
 * A value sent back by an editor that showed it masked: when it is exactly the masked form of what
 * is stored, the user did not change it, so the stored secret is kept.
 */
export function restoreMasked(submitted: string, stored: string | null | undefined, mask: (s: string) => string = redactText): string {
  if (stored === null || stored === undefined || !submitted.includes(MASK)) return submitted;
  return mask(stored) === submitted ? stored : submitted;
}
