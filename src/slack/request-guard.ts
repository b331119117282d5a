/**
 * Guards in front of Bolt's receivers (src/slack/app.ts). HTTP: for POST /slack/events. Bolt buffers a body of up to
 * 4 MB before it checks the signature, and a signed body whose payload is JSON but not an object (`payload=null`)
 * makes its receiver throw outside any handler: an unhandled rejection that ends the process. Here a body over
 * MAX_EVENT_BODY_BYTES is refused with 413 as soon as that is known (announced or counted), before it is read
 * whole, and a payload that is not a JSON object is answered 400 (401 if unsigned) with a log line; everything else
 * goes to Bolt with the body already read (Bolt reuses `rawBody`), so Bolt still verifies and parses it.
 * Socket Mode: envelopes without a usable payload (guardSocketEnvelopes).
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { isValidSlackRequest, type SocketModeReceiver } from "@slack/bolt";
import type { Logger } from "../log.js";

/**
 * Slack's own requests are a few KB; the largest the bot gets is a click in the Home tab, which carries the whole
 * Home view (~23 KB form-encoded for the big test fixtures of test/slack/blocks/report-fixtures.ts).
 */
export const MAX_EVENT_BODY_BYTES = 128 * 1024;

export interface GuardOptions {
  signingSecret: string;
  logger: Logger;
  /** default /slack/events */
  path?: string;
  /** default MAX_EVENT_BODY_BYTES */
  limitBytes?: number;
}

/** Bolt's convention for a request whose body was already read (its bufferIncomingMessage then reads nothing). */
type Buffered = IncomingMessage & { rawBody?: Buffer };

const describe = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;

/** Why Bolt could not use the body, or null when it can (or when only Bolt's own parser can tell: bad JSON). */
export function unusablePayload(raw: string, contentType: string | undefined): string | null {
  const parse = (text: string): { value: unknown } | null => {
    try {
      return { value: JSON.parse(text) };
    } catch {
      return null; // not JSON: Bolt answers 400 "Malformed request body" itself, after the signature check
    }
  };
  let parsed: { value: unknown } | null;
  let what: string;
  if (contentType === "application/x-www-form-urlencoded") {
    const payload = new URLSearchParams(raw).get("payload");
    if (payload === null) return null; // a slash command: plain form fields
    parsed = parse(payload);
    what = "payload";
  } else {
    parsed = parse(raw);
    what = "body";
  }
  if (parsed === null) return null;
  const { value } = parsed;
  return typeof value === "object" && value !== null && !Array.isArray(value) ? null : `${what} is ${describe(value)}`;
}

function answer(res: ServerResponse, status: number, close = false): void {
  if (res.headersSent) return;
  res.writeHead(status, close ? { connection: "close" } : {});
  res.end();
}

export function guardEvents(next: RequestListener, options: GuardOptions): RequestListener {
  const path = options.path ?? "/slack/events";
  const limit = options.limitBytes ?? MAX_EVENT_BODY_BYTES;
  const { logger } = options;

  const tooLarge = (req: IncomingMessage, res: ServerResponse, size: string) => {
    logger.warn({ limitBytes: limit, size }, `refused a ${path} body over ${limit} bytes (413)`);
    answer(res, 413, true);
    // stop reading the rest once the answer is out
    res.once("finish", () => req.socket.destroy());
  };

  return (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method !== "POST" || url.pathname !== path) {
      next(req, res);
      return;
    }
    const announced = Number(req.headers["content-length"]);
    if (Number.isFinite(announced) && announced > limit) {
      tooLarge(req, res, `${announced} announced`);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on("data", (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        chunks.length = 0;
        tooLarge(req, res, `more than ${limit} sent`);
        return;
      }
      chunks.push(chunk);
    });
    req.on("error", () => {
      refused = true;
    });
    req.on("end", () => {
      if (refused) return;
      const rawBody = Buffer.concat(chunks);
      const problem = unusablePayload(rawBody.toString("utf8"), req.headers["content-type"]);
      if (problem === null) {
        (req as Buffered).rawBody = rawBody;
        next(req, res);
        return;
      }
      const signed = isValidSlackRequest({
        signingSecret: options.signingSecret,
        body: rawBody.toString("utf8"),
        headers: {
          "x-slack-signature": String(req.headers["x-slack-signature"] ?? ""),
          "x-slack-request-timestamp": Number(req.headers["x-slack-request-timestamp"]),
        },
      });
      if (!signed) {
        // as Bolt answers any request whose signature does not verify
        logger.warn(`refused a ${path} request whose signature does not verify (401)`);
        answer(res, 401);
        return;
      }
      logger.warn({ problem }, `refused a signed request without a usable payload (${problem}): 400`);
      answer(res, 400);
    });
  };
}

type SocketModeClient = SocketModeReceiver["client"];
type MessageListener = (data: string | ArrayBuffer, isBinary: boolean) => unknown;

/** Why an envelope cannot be dispatched (its id, to acknowledge it), or null when the client can handle it. */
export function unusableEnvelope(text: string): { problem: string; envelopeId: string | null } | null {
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch {
    return null; // the client ignores what is not JSON
  }
  if (typeof envelope !== "object" || envelope === null || Array.isArray(envelope)) {
    return { problem: `the envelope is ${describe(envelope)}`, envelopeId: null };
  }
  const { type, payload, envelope_id: id } = envelope as { type?: unknown; payload?: unknown; envelope_id?: unknown };
  if (type === "hello" || type === "disconnect") return null;
  const envelopeId = typeof id === "string" ? id : null;
  const isObject = (value: unknown) => typeof value === "object" && value !== null && !Array.isArray(value);
  if (!isObject(payload)) return { problem: `payload is ${describe(payload)}`, envelopeId };
  if (type === "events_api" && !isObject((payload as { event?: unknown }).event)) {
    return { problem: "an events_api payload without an event", envelopeId };
  }
  return null;
}

/**
 * The Socket Mode client reads `payload.event.type` of every envelope before anything can catch it, so an envelope
 * without a payload is an unhandled rejection. Its message listener is put behind this check: such an envelope is
 * acknowledged (Slack would send it again otherwise) and logged, and any other failure of the listener is logged.
 */
export function guardSocketEnvelopes(client: SocketModeClient, logger: Logger): void {
  const library = client.listeners("ws_message") as MessageListener[];
  client.removeAllListeners("ws_message");
  // the client's own send() (private in its types) is how an envelope is acknowledged
  const acknowledge = (id: string) => (client as unknown as { send(id: string): Promise<void> }).send(id);
  client.on("ws_message", (data: string | ArrayBuffer, isBinary: boolean) => {
    const text = typeof data === "string" ? data : new TextDecoder().decode(data);
    const bad = isBinary ? null : unusableEnvelope(text);
    if (bad === null) {
      for (const listener of library) {
        Promise.resolve(listener.call(client, data, isBinary)).catch((error: unknown) => {
          logger.error({ err: error }, "a Socket Mode envelope could not be handled");
        });
      }
      return;
    }
    logger.warn(
      { problem: bad.problem },
      `acknowledged a Socket Mode envelope without a usable payload (${bad.problem})`,
    );
    if (bad.envelopeId) {
      acknowledge(bad.envelopeId).catch((error: unknown) => {
        logger.warn({ err: error }, "could not acknowledge the Socket Mode envelope");
      });
    }
  });
}
