/**
 * Everything the command line prints — sync summaries, reports, digests, progress, error lines — passes through
 * the one redaction (src/redaction.ts, with the secrets this process registered: src/log.ts scrubText) on its way to
 * the terminal, whichever verb wrote it. Installed once, first thing, by src/main.ts.
 */
import { scrubText } from "../log.js";

export function redactOutput(streams: NodeJS.WriteStream[]): void {
  for (const stream of streams) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (typeof chunk === "string") return write(scrubText(chunk), ...rest);
      if (chunk instanceof Uint8Array) return write(scrubText(Buffer.from(chunk).toString("utf8")), ...rest);
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }
}
