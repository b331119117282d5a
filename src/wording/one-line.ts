/** Fitting GitLab-sourced text into one line of a given length, before a surface escapes it (mrkdwn, terminal). */

/** Whitespace runs (newlines, tabs) collapsed: a title must stay on its line. */
export function singleLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * Cuts plain (not yet escaped) text to at most `max` UTF-16 units (what Slack's limits measure), ending with
 * "…" when cut, never splitting an emoji's surrogate pair.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = "";
  for (const char of text) {
    if (kept.length + char.length > max - 1) break;
    kept += char;
  }
  return `${kept}…`;
}
