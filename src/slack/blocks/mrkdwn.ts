/**
 * Making untrusted (GitLab-sourced) text safe inside Slack mrkdwn: a title like `<!channel>` must show as text,
 * never ping anyone, and a label must not break out of the `<url|label>` link syntax.
 */
import { singleLine, truncateText } from "../../wording/one-line.js";

/** Escapes the three characters Slack treats as control sequences in mrkdwn. */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** Escaped, one-line, length-capped rendering of a GitLab string. */
export function safeText(text: string, max = 150): string {
  return escapeMrkdwn(truncateText(singleLine(text), max));
}

/**
 * `<url|label>` with the label escaped; `|` in the label neutralised (Slack would end the URL part there).
 * Anything but an http(s) URL renders as the plain label: `<!channel|x>` or `<@U1|x>` are mentions, not links.
 */
export function mrkdwnLink(url: string, label: string, maxLabel = 150): string {
  const text = safeText(label, maxLabel).replaceAll("|", "¦");
  if (!/^https?:\/\/[^\s]+$/i.test(url)) return text;
  const safeUrl = url.replaceAll("<", "%3C").replaceAll(">", "%3E").replaceAll("|", "%7C");
  return `<${safeUrl}|${text}>`;
}

/** Text for an inline code span: backticks would end the span early. */
export function inlineCode(text: string, max = 40): string {
  return `\`${safeText(text, max).replaceAll("`", "'")}\``;
}

/**
 * Cuts already-rendered mrkdwn to at most `max` characters without splitting a `<…>` link or an `&…;` entity,
 * which would leave Slack a broken token.
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - 1);
  const head = text.slice(0, cut);
  const openLink = head.lastIndexOf("<");
  if (openLink > head.lastIndexOf(">")) cut = openLink;
  const openEntity = text.slice(0, cut).lastIndexOf("&");
  if (openEntity >= 0 && openEntity > cut - 6 && !text.slice(openEntity, cut).includes(";")) cut = openEntity;
  return `${text.slice(0, cut)}…`;
}
