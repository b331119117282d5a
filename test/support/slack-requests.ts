/**
 * Sends requests to the bot exactly as Slack does: form-encoded string bodies, signed with the
 * signing secret (v0 HMAC-SHA256 over `v0:{timestamp}:{body}`), content-type without a charset.
 */
import { createHmac } from "node:crypto";

export function sign(secret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SlashCommandFields {
  text?: string;
  command?: string;
  channel_id?: string;
  channel_name?: string;
  user_id?: string;
  user_name?: string;
  team_id?: string;
  response_url?: string;
  trigger_id?: string;
}

export function slashCommandBody(fields: SlashCommandFields = {}): string {
  return new URLSearchParams({
    token: "verification-token-unused",
    team_id: fields.team_id ?? "T0001",
    team_domain: "example",
    channel_id: fields.channel_id ?? "C0ENGAGE01",
    channel_name: fields.channel_name ?? "wg_user-engagement",
    user_id: fields.user_id ?? "U0TESTER1",
    user_name: fields.user_name ?? "tester",
    command: fields.command ?? "/engagement",
    text: fields.text ?? "",
    api_app_id: "A0ENGAGE01",
    is_enterprise_install: "false",
    response_url: fields.response_url ?? "https://hooks.slack.com/commands/T0001/1234/5678",
    trigger_id: fields.trigger_id ?? "13345224609.738474920.8088930838d88f008e0",
  }).toString();
}

/** An interactivity (block_actions) payload body as Slack sends it: `payload=<url-encoded JSON>`. */
export function blockActionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

let interaction = 0;

/**
 * A click as Slack sends it; every call is a new interaction (its own trigger_id and action_ts), as in Slack, on a
 * card of its own (its own message_ts) unless `container` names the card clicked before.
 */
export function buttonClickPayload(options: {
  actionId: string;
  value: string;
  userId?: string;
  channelId?: string;
  responseUrl?: string;
  container?: Record<string, unknown>;
}): Record<string, unknown> {
  const channelId = options.channelId ?? "C0ENGAGE01";
  interaction += 1;
  const n = String(interaction).padStart(6, "0");
  return {
    type: "block_actions",
    user: { id: options.userId ?? "U0TESTER1", username: "tester", name: "tester", team_id: "T0001" },
    api_app_id: "A0ENGAGE01",
    token: "verification-token-unused",
    container: options.container ?? {
      type: "message",
      message_ts: `1700000000.${n}`,
      channel_id: channelId,
      is_ephemeral: true,
    },
    trigger_id: `13345224609.738474920.8088930838d88f${n}`,
    team: { id: "T0001", domain: "example" },
    channel: { id: channelId, name: "wg_user-engagement" },
    response_url: options.responseUrl ?? "https://hooks.slack.com/actions/T0001/1234/5678",
    actions: [
      {
        action_id: options.actionId,
        block_id: "actions",
        text: { type: "plain_text", text: "button" },
        value: options.value,
        type: "button",
        action_ts: `1700000001.${n}`,
      },
    ],
  };
}

/**
 * A view_submission payload as Slack sends it when a modal's submit button is pressed: the view (its callback_id,
 * private_metadata and the blocks it was opened with) and `state.values` keyed by block_id, then action_id.
 */
export function viewSubmissionPayload(options: {
  view: Record<string, unknown>;
  values: Record<string, Record<string, Record<string, unknown>>>;
  userId?: string;
}): Record<string, unknown> {
  return {
    type: "view_submission",
    team: { id: "T0001", domain: "example" },
    user: { id: options.userId ?? "U0TESTER1", username: "tester", name: "tester", team_id: "T0001" },
    api_app_id: "A0ENGAGE01",
    token: "verification-token-unused",
    trigger_id: "13345224609.738474920.8088930838d88f008e1",
    view: {
      id: "V0MODAL001",
      team_id: "T0001",
      hash: "1700000000.abcdef",
      ...options.view,
      state: { values: options.values },
    },
    response_urls: [],
    is_enterprise_install: false,
  };
}

let eventCounter = 0;

/** An Events API envelope for an event (e.g. app_home_opened); a fresh event_id unless `eventId` is given. */
export function eventBody(event: Record<string, unknown>, eventId?: string): string {
  eventCounter += 1;
  return JSON.stringify({
    token: "verification-token-unused",
    team_id: "T0001",
    api_app_id: "A0ENGAGE01",
    event,
    type: "event_callback",
    event_id: eventId ?? `Ev${Date.now()}${String(eventCounter).padStart(4, "0")}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: "T0001", user_id: "U0BOT0001", is_bot: true }],
  });
}

export interface SignedPostOptions {
  secret: string;
  /** unix seconds; default now */
  timestamp?: number;
  /** override the signature header (tampering tests) */
  signature?: string;
  contentType?: string;
  /** more headers, e.g. Slack's `x-slack-retry-num` on a retried event */
  headers?: Record<string, string>;
}

export interface SlackHttpReply {
  status: number;
  /** parsed JSON when the body is JSON, else the raw text */
  body: unknown;
  text: string;
}

export async function postSigned(url: string, body: string, options: SignedPostOptions): Promise<SlackHttpReply> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  // no elapsed time here: how fast the ack comes is `npm run bench`'s figure (bench/slack.bench.ts), never a test's
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": options.contentType ?? "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": options.signature ?? sign(options.secret, timestamp, body),
      ...options.headers,
    },
    body,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : "";
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, text };
}
