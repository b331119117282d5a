/**
 * The one redaction of secrets in text meant for people and for logs. The log (src/log.ts), the command line's output
 * (src/cli/redacted-output.ts) and every Report the cards and the digest are rendered from
 * (src/service/report-service.ts) pass through `redact`, so a token that reaches an error message — a GitLab answer
 * echoing it, a URL with credentials — is shown nowhere. Pure: the caller passes the secret values it knows.
 */

export const REDACTED = "[REDACTED]";

/** Token shapes that must never be shown, wherever they appear (messages, errors, URLs). */
const SECRET_PATTERNS: RegExp[] = [
  /\bxox[abposr]-[A-Za-z0-9-]+/g, // Slack bot/user/legacy tokens
  /\bxapp-[A-Za-z0-9-]+/g, // Slack app-level tokens
  /\bglpat-[A-Za-z0-9_-]+/g, // GitLab personal access tokens
  /\bgl(?:oas|dt|rt|cbt|ptt|ft|imt|agent|soat|ffct)-[A-Za-z0-9_-]+/g, // other GitLab token kinds
  /(private_token=|access_token=|token=)[^&\s"]+/gi,
  /(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi,
  /(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"]+@/gi, // user:password@ in a URL
];

/** The password of a URL (`scheme://user:password@host/…`), decoded, for the secrets to redact; undefined: none. */
export function passwordIn(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password === "" ? undefined : password;
  } catch {
    return undefined;
  }
}

/** Secret values shorter than this are not looked for: they would match ordinary words. */
const MIN_SECRET_LENGTH = 6;

/** `text` with every known secret value and every token shape replaced by [REDACTED] (prefixes kept). */
export function redact(text: string, secrets: Iterable<string | undefined> = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= MIN_SECRET_LENGTH && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (match, prefix?: string) =>
      typeof prefix === "string" && match.startsWith(prefix)
        ? `${prefix}${REDACTED}${match.endsWith("@") && !prefix.endsWith("@") ? "@" : ""}`
        : REDACTED,
    );
  }
  return out;
}

/** A copy of `value` (plain data: a Report, a Block Kit message) with every string passed through `redact`. */
export function redactDeep<T>(value: T, secrets: readonly (string | undefined)[] = []): T {
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === "string") return redact(v, secrets);
    if (v === null || typeof v !== "object" || depth > 16) return v;
    if (Array.isArray(v)) return v.map((item) => walk(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(v)) out[key] = walk(item, depth + 1);
    return out;
  };
  return walk(value, 0) as T;
}
