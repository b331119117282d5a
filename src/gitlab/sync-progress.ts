/**
 * Terminal progress for `engagement-bot sync`: on a TTY one line per source, redrawn in place as pages arrive;
 * otherwise (logs, pipes) one plain line when a source starts and one when it ends.
 */
import { counted, type SyncProgress } from "./sync.js";

interface Line {
  source: string;
  text: string;
}

const render = (event: SyncProgress): string => {
  switch (event.kind) {
    case "start":
      return `… ${event.source}: starting`;
    case "page":
      return `… ${event.source}: ${counted(event.pages, "page")}, ${event.fetched} fetched, ${event.stored} stored`;
    case "done": {
      const s = event.summary;
      const figures = `${counted(s.pages, "page")}, ${s.fetched} fetched, ${s.stored} stored${s.removed ? `, ${s.removed} removed` : ""}`;
      if (s.skipped) return `– ${s.source}: skipped (same reason)`;
      if (s.error) return `✗ ${s.source}: ${figures} — failed: ${s.error}`;
      return `✓ ${s.source}: ${figures}${s.note ? ` (${s.note})` : ""}`;
    }
  }
};

export function createProgressPrinter(stream: NodeJS.WriteStream): (event: SyncProgress) => void {
  if (!stream.isTTY) {
    return (event) => {
      if (event.kind !== "page") stream.write(`${render(event)}\n`);
    };
  }
  const lines: Line[] = [];
  let drawn = 0;
  return (event) => {
    const text = render(event);
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
