/**
 * A fake Slack Web API on 127.0.0.1: records every call and answers the methods the bot uses,
 * the way Slack does (HTTP 200 with `ok:false` for errors, HTTP 429 + Retry-After for rate limits).
 * It keeps the messages posted (with their metadata) so conversations.history can show them, and can lose the
 * answer to a call it carried out (HTTP 500, a reset connection, no answer at all) — the faults that make a
 * retried chat.postMessage post twice. Point the bot at it with SLACK_API_URL = `${fake.apiUrl}`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Arrivals } from "./arrivals.js";

export interface SlackCall {
  method: string;
  /** form or JSON params; JSON-encoded fields (blocks, view) are parsed */
  params: Record<string, unknown>;
  /** true when an Authorization: Bearer header or token param was present (the value is not kept) */
  authenticated: boolean;
  /** the token's kind from its prefix ("xoxb", "xapp", …); the value itself is not kept */
  tokenKind?: string;
  at: number;
}

/** How an answer gets lost: HTTP 500, the connection reset, or no answer until the client gives up. */
export type LostAnswer = "http500" | "reset" | "hang";

type Scripted =
  | { kind: "error"; error: string; times: number }
  | { kind: "ratelimit"; retryAfter: number; times: number }
  | { kind: "lose"; how: LostAnswer; carriedOut: boolean; times: number };

/** A message the fake accepted (chat.postMessage), as conversations.history shows it. */
export interface FakeMessage {
  channel: string;
  ts: string;
  text: unknown;
  blocks: unknown;
  thread_ts?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export interface FakeSlackOptions {
  /** channels the bot "knows": name -> id; default { "wg_user-engagement": "C0ENGAGE01", general: "C0GENERAL1" } */
  channels?: Record<string, string>;
  /** channel ids the bot is a member of; default all */
  memberOf?: string[];
  /** private channel ids (conversations.join answers method_not_supported_for_channel_type) */
  privateChannels?: string[];
  /** what apps.connections.open hands out (Socket Mode), e.g. a FakeSocketMode's url */
  socketModeUrl?: string;
  /** Slack's clock, for message timestamps (tests with a fake clock pass theirs); default Date.now */
  now?: () => number;
}

export class FakeSlack {
  private readonly arrived = new Arrivals<SlackCall>();
  /** every call, in the order it arrived (recorded before it is answered) */
  readonly calls: SlackCall[] = this.arrived.items;
  /** every message accepted, in order (thread replies included) */
  readonly messages: FakeMessage[] = [];
  private readonly scripted = new Map<string, Scripted[]>();
  private server: Server | undefined;
  private tsCounter = 0;
  readonly channels: Map<string, string>;
  readonly members: Set<string>;
  readonly privateChannels: Set<string>;
  apiUrl = "";
  /** apps.connections.open answers this URL; unset, it answers as for an app without Socket Mode */
  socketModeUrl: string | undefined;
  /** bytes POSTed to the upload URLs files.getUploadURLExternal handed out, by file ID */
  readonly uploads = new Map<string, Buffer>();
  /** the next `n` POSTs to an upload URL answer HTTP 500 */
  failUploads = 0;
  private fileCounter = 0;
  private readonly now: () => number;
  /** requests left hanging (LostAnswer "hang"), ended at stop() */
  private readonly hanging = new Set<ServerResponse>();

  constructor(options: FakeSlackOptions = {}) {
    this.channels = new Map(
      Object.entries(options.channels ?? { "wg_user-engagement": "C0ENGAGE01", general: "C0GENERAL1" }),
    );
    this.members = new Set(options.memberOf ?? this.channels.values());
    this.privateChannels = new Set(options.privateChannels ?? []);
    this.socketModeUrl = options.socketModeUrl;
    this.now = options.now ?? Date.now;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: false, error: String(error) }));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.apiUrl = `http://127.0.0.1:${port}/api/`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    for (const res of this.hanging) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The next `times` calls of `method` answer `{ ok: false, error }`. */
  failNext(method: string, error: string, times = 1): void {
    this.queue(method, { kind: "error", error, times });
  }

  /** The next `times` calls of `method` answer HTTP 429 with Retry-After. */
  rateLimitNext(method: string, retryAfter: number, times = 1): void {
    this.queue(method, { kind: "ratelimit", retryAfter, times });
  }

  /**
   * The next `times` calls of `method` are carried out (a post lands in the channel) but the answer is lost:
   * `carriedOut: false` loses it without doing anything (Slack failed before acting).
   */
  loseAnswerNext(method: string, how: LostAnswer, options: { times?: number; carriedOut?: boolean } = {}): void {
    this.queue(method, { kind: "lose", how, carriedOut: options.carriedOut ?? true, times: options.times ?? 1 });
  }

  /** Top-level messages posted to `channel` (what people see in the channel, thread replies aside). */
  topMessages(channel: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel === channel && m.thread_ts === undefined);
  }

  callsOf(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /**
   * The first `count` calls of `method` (that match, if `match` is given), as soon as they arrive: not polling,
   * so a loaded machine only makes it later; a call that never comes fails after a long hang guard.
   */
  waitFor(method: string, count = 1, match: (call: SlackCall) => boolean = () => true): Promise<SlackCall[]> {
    return this.arrived.waitFor((c) => c.method === method && match(c), count, `fake Slack: ${method} calls`);
  }

  private queue(method: string, entry: Scripted): void {
    const list = this.scripted.get(method) ?? [];
    list.push(entry);
    this.scripted.set(method, list);
  }

  private takeScripted(method: string): Scripted | undefined {
    const list = this.scripted.get(method);
    const head = list?.[0];
    if (!list || !head) return undefined;
    head.times -= 1;
    if (head.times <= 0) list.shift();
    return head;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname.startsWith("/upload/")) return this.receiveUpload(url.pathname.slice("/upload/".length), req, res);
    const method = url.pathname.replace(/^\/api\//, "");
    const raw = await readBody(req);
    const params = parseParams(raw, req.headers["content-type"] ?? "");
    const authenticated = Boolean(req.headers.authorization) || typeof params.token === "string";
    const token = bearerToken(req.headers.authorization) ?? (typeof params.token === "string" ? params.token : "");
    const tokenKind = token === "" ? undefined : token.split("-")[0];
    delete params.token;
    this.arrived.push({ method, params, authenticated, tokenKind, at: Date.now() });

    const scripted = this.takeScripted(method);
    if (scripted?.kind === "ratelimit") {
      res.writeHead(429, { "retry-after": String(scripted.retryAfter), "content-type": "application/json" });
      res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
      return;
    }
    if (scripted?.kind === "lose") {
      if (scripted.carriedOut) this.answer(method, params, tokenKind);
      this.loseAnswer(res, scripted.how);
      return;
    }
    const body =
      scripted?.kind === "error" ? { ok: false, error: scripted.error } : this.answer(method, params, tokenKind);
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(body));
  }

  private loseAnswer(res: ServerResponse, how: LostAnswer): void {
    if (how === "http500") {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end("Internal Server Error");
    } else if (how === "reset") {
      res.socket?.resetAndDestroy();
    } else {
      this.hanging.add(res);
      res.on("close", () => this.hanging.delete(res));
    }
  }

  /** The upload URL of files.getUploadURLExternal: Slack answers 200 "OK - <bytes>" (no token: the URL is signed). */
  private async receiveUpload(fileId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const data = Buffer.concat(chunks);
    this.arrived.push({
      method: "upload",
      params: { fileId, bytes: data.length },
      authenticated: false,
      at: Date.now(),
    });
    if (this.failUploads > 0) {
      this.failUploads -= 1;
      res.writeHead(500, { "content-type": "text/plain" });
      res.end("Internal Server Error");
      return;
    }
    this.uploads.set(fileId, data);
    res.writeHead(200, { "content-type": "text/plain" });
    res.end(`OK - ${data.length}`);
  }

  /** a known channel's ID from `#name`, `name` or the ID itself (undefined when the fake does not know it) */
  resolveChannel(channel: unknown): string | undefined {
    if (typeof channel !== "string") return undefined;
    if ([...this.channels.values()].includes(channel)) return channel;
    return this.channels.get(channel.replace(/^#/, ""));
  }

  /** Slack's ts: seconds on Slack's clock, with a counter after the dot so every ts is unique and ordered */
  private nextTs(): string {
    this.tsCounter += 1;
    return `${Math.floor(this.now() / 1000)}.${String(this.tsCounter).padStart(6, "0")}`;
  }

  private history(params: Record<string, unknown>): Record<string, unknown> {
    const channel = this.resolveChannel(params.channel);
    if (!channel || !isChannelIdLike(String(params.channel))) return { ok: false, error: "channel_not_found" };
    if (!this.members.has(channel)) return { ok: false, error: "not_in_channel" };
    const oldest = Number(params.oldest ?? 0);
    const withMetadata = String(params.include_all_metadata) === "true";
    const newestFirst = this.topMessages(channel)
      .filter((m) => Number(m.ts) > oldest)
      .reverse();
    const start = Number(params.cursor ?? 0) || 0;
    const limit = Number(params.limit ?? 100) || 100;
    const page = newestFirst.slice(start, start + limit).map((m) => {
      const replies = this.messages.filter((r) => r.thread_ts === m.ts).length;
      return {
        type: "message",
        ts: m.ts,
        text: m.text,
        bot_id: "B0BOT0001",
        ...(replies > 0 ? { thread_ts: m.ts, reply_count: replies } : {}),
        ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
      };
    });
    const more = start + limit < newestFirst.length;
    return {
      ok: true,
      messages: page,
      has_more: more,
      response_metadata: { next_cursor: more ? String(start + limit) : "" },
    };
  }

  private answer(method: string, params: Record<string, unknown>, tokenKind?: string): Record<string, unknown> {
    switch (method) {
      case "apps.connections.open":
        // Slack wants the app-level token here; a bot token is refused
        if (tokenKind === undefined) return { ok: false, error: "not_authed" };
        if (tokenKind !== "xapp") return { ok: false, error: "not_allowed_token_type" };
        if (!this.socketModeUrl) return { ok: false, error: "invalid_auth" };
        return { ok: true, url: this.socketModeUrl };
      case "auth.test":
        return {
          ok: true,
          url: "https://example.slack.com/",
          team: "Example",
          user: "engagement-bot",
          team_id: "T0001",
          user_id: "U0BOT0001",
          bot_id: "B0BOT0001",
        };
      case "chat.postMessage": {
        const channel = this.resolveChannel(params.channel);
        if (!channel) return { ok: false, error: "channel_not_found" };
        if (!this.members.has(channel)) return { ok: false, error: "not_in_channel" };
        const ts = this.nextTs();
        const metadata = params.metadata as FakeMessage["metadata"];
        this.messages.push({
          channel,
          ts,
          text: params.text,
          blocks: params.blocks,
          ...(typeof params.thread_ts === "string" ? { thread_ts: params.thread_ts } : {}),
          ...(metadata ? { metadata } : {}),
        });
        return { ok: true, channel, ts, message: { text: params.text, blocks: params.blocks, ts } };
      }
      case "chat.postEphemeral":
        return { ok: true, message_ts: this.nextTs() };
      case "chat.getPermalink":
        return {
          ok: true,
          channel: params.channel,
          permalink: `https://example.slack.com/archives/${String(params.channel)}/p${String(params.message_ts).replace(".", "")}`,
        };
      case "files.getUploadURLExternal": {
        if (typeof params.filename !== "string" || !Number(params.length))
          return { ok: false, error: "invalid_arguments" };
        this.fileCounter += 1;
        const fileId = `F0CHART${String(this.fileCounter).padStart(4, "0")}`;
        return { ok: true, upload_url: `${this.apiUrl.replace(/api\/$/, "")}upload/${fileId}`, file_id: fileId };
      }
      case "files.completeUploadExternal": {
        const files = (Array.isArray(params.files) ? params.files : []) as Array<{ id?: string; title?: string }>;
        if (files.length === 0 || files.some((file) => !file.id || !this.uploads.has(file.id))) {
          return { ok: false, error: "file_not_found" };
        }
        if (params.thread_ts !== undefined && params.channel_id === undefined) {
          return { ok: false, error: "invalid_arguments" };
        }
        if (params.channel_id !== undefined) {
          const channel = this.resolveChannel(params.channel_id);
          if (!channel) return { ok: false, error: "channel_not_found" };
          if (!this.members.has(channel)) return { ok: false, error: "not_in_channel" };
        }
        return { ok: true, files: files.map((file) => ({ id: file.id, title: file.title })) };
      }
      case "views.open": {
        // Slack wants a trigger_id (valid for 3 s) and a modal
        if (typeof params.trigger_id !== "string" || params.trigger_id === "")
          return { ok: false, error: "invalid_arguments" };
        const view = params.view as Record<string, unknown> | undefined;
        if (view?.type !== "modal") return { ok: false, error: "invalid_arguments" };
        return {
          ok: true,
          view: { id: `V0MODAL${String(this.callsOf("views.open").length).padStart(3, "0")}`, ...view },
        };
      }
      case "views.publish":
        return { ok: true, view: { id: "V0HOME0001", type: "home", blocks: params.view } };
      case "conversations.join": {
        const channel = this.resolveChannel(params.channel);
        if (!channel) return { ok: false, error: "channel_not_found" };
        if (this.privateChannels.has(channel)) return { ok: false, error: "method_not_supported_for_channel_type" };
        this.members.add(channel);
        return { ok: true, channel: { id: channel, name: this.nameOf(channel) } };
      }
      case "conversations.list":
        return {
          ok: true,
          channels: [...this.channels.entries()].map(([name, id]) => ({
            id,
            name,
            is_private: this.privateChannels.has(id),
            is_member: this.members.has(id),
          })),
          response_metadata: { next_cursor: "" },
        };
      case "conversations.history":
        return this.history(params);
      case "conversations.info": {
        const channel = this.resolveChannel(params.channel);
        if (!channel) return { ok: false, error: "channel_not_found" };
        return { ok: true, channel: { id: channel, name: this.nameOf(channel), is_member: this.members.has(channel) } };
      }
      default:
        return { ok: false, error: "unknown_method" };
    }
  }

  private nameOf(id: string): string | undefined {
    return [...this.channels.entries()].find(([, v]) => v === id)?.[0];
  }
}

/** conversations.history wants an ID, never a name */
const isChannelIdLike = (channel: string): boolean => /^[CGD][A-Z0-9]+$/.test(channel);

const bearerToken = (header: string | undefined): string | undefined => {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  return match?.[1];
};

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
};

const parseParams = (raw: string, contentType: string): Record<string, unknown> => {
  if (raw === "") return {};
  if (contentType.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // @slack/web-api JSON-encodes objects and arrays inside form bodies
    out[key] = /^[[{]/.test(value) ? safeParse(value) : value;
  }
  return out;
};

const safeParse = (value: string): unknown => {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
};

export async function startFakeSlack(options?: FakeSlackOptions): Promise<FakeSlack> {
  return new FakeSlack(options).start();
}
