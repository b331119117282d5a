/**
 * What `engagement-bot contributors` prints: the month's counted contributors as CSV (RFC 4180: CRLF line ends,
 * a field with a comma, a double quote, CR or LF quoted, its quotes doubled) or as JSON.
 */
import type { ContributorList } from "../model/contributor-list.js";

export const CONTRIBUTORS_CSV_HEADER = ["user_id", "username", "name", "merged_mrs", "first_time", "mr_urls"] as const;

/** One CSV field, quoted only when RFC 4180 needs it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const csvLine = (fields: readonly string[]): string => `${fields.map(csvField).join(",")}\r\n`;

/** The header row, then one row per contributor; `first_time` is true/false, the MR URLs space-separated. */
export function renderContributorsCsv(list: ContributorList): string {
  return [
    csvLine(CONTRIBUTORS_CSV_HEADER),
    ...list.contributors.map((c) =>
      csvLine([
        String(c.userId),
        c.username,
        c.name,
        String(c.mergedMrs),
        c.firstTime ? "true" : "false",
        c.mrUrls.join(" "),
      ]),
    ),
  ].join("");
}

/** The list as JSON: month, timezone, dataAsOf, count, firstTime and contributors[], two-space indented. */
export function renderContributorsJson(list: ContributorList): string {
  return `${JSON.stringify(list, null, 2)}\n`;
}
