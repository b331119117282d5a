/** Making GitLab strings safe for a terminal: no control characters (ANSI escapes could rewrite the screen). */
import { singleLine, truncateText } from "../wording/one-line.js";

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export function plainText(text: string, max = 150): string {
  return truncateText(singleLine(text.replace(CONTROL, " ")), max);
}
