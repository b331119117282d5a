/**
 * Draws a sync's progress on the terminal: on a TTY one line per source, redrawn in place as pages arrive;
 * otherwise (logs, pipes) one plain line when a source starts and one when it ends. The lines themselves are
 * src/text/sync-text.ts's.
 */
import type { SyncProgress } from "../model/sync-summary.js";
import { syncProgressLine } from "../text/sync-text.js";

interface Line {
  source: string;
  text: string;
}

export function createProgressPrinter(stream: NodeJS.WriteStream): (event: SyncProgress) => void {
  if (!stream.isTTY) {
    return (event) => {
      if (event.kind !== "page") stream.write(`${syncProgressLine(event)}\n`);
    };
  }
  const lines: Line[] = [];
  let drawn = 0;
  return (event) => {
    const text = syncProgressLine(event);
    const existing = lines.find((l) => l.source === event.source);
    if (existing) existing.text = text;
    else lines.push({ source: event.source, text });
    // move up over what was drawn, then redraw every line (clearing leftovers of longer old text)
    if (drawn > 0) stream.write(`\x1b[${drawn}A`);
    const width = stream.columns > 0 ? stream.columns - 1 : 119;
    for (const line of lines) stream.write(`\x1b[2K${line.text.slice(0, width)}\n`);
    drawn = lines.length;
  };
}
