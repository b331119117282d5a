/**
 * Slack sends an event again when it did not see our 200 within 3 s (header `X-Slack-Retry-Num`, or Socket Mode's
 * `retry_attempt`), with the same `event_id`: this global middleware lets each event_id through once.
 *
 * The ids are kept in memory, per replica: a retry that reaches another replica of the bot is processed there
 * again. That is acceptable for what the events do (publishing the Home tab twice shows the same view), and it
 * keeps a store write off every event. Slack retries three times, the last about 5 minutes after the first try, so
 * an id is kept for 10 minutes; at most MAX_IDS are kept (the oldest go first), so the map stays bounded.
 */
import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { BotServices } from "../../services.js";

const KEEP_MS = 10 * 60_000;
const MAX_IDS = 10_000;

/** Ids seen, oldest first, each with when it was seen. */
export class RecentIds {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly keepMs = KEEP_MS,
    private readonly maxIds = MAX_IDS,
  ) {}

  /** true the first time `id` is seen within keepMs of `nowMs`; it is then remembered */
  firstTime(id: string, nowMs: number): boolean {
    for (const [oldest, at] of this.seen) {
      if (at > nowMs - this.keepMs && this.seen.size < this.maxIds) break;
      this.seen.delete(oldest);
    }
    if (this.seen.has(id)) return false;
    this.seen.set(id, nowMs);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }
}

export function oncePerEvent(services: BotServices, ids = new RecentIds()): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const { type, event_id: eventId } = body as { type?: unknown; event_id?: unknown };
    if (type === "event_callback" && typeof eventId === "string" && !ids.firstTime(eventId, services.now().getTime())) {
      services.logger.info(
        { eventId, retryNum: context.retryNum, retryReason: context.retryReason },
        "retried event ignored: already handled",
      );
      return;
    }
    await next();
  };
}
