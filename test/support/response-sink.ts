/**
 * A response_url sink on 127.0.0.1: records the JSON Bolt's respond() posts, like hooks.slack.com would.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Arrivals } from "./arrivals.js";

export interface SinkPost {
  path: string;
  body: Record<string, unknown>;
  at: number;
}

export class ResponseSink {
  private readonly arrived = new Arrivals<SinkPost>();
  readonly posts: SinkPost[] = this.arrived.items;
  private server: Server | undefined;
  baseUrl = "";

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString("utf8");
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        body = { raw: text };
      }
      this.arrived.push({ path: req.url ?? "/", body, at: Date.now() });
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** A fresh response_url for one command or action. */
  url(name = "commands/T0001/1/abc"): string {
    return `${this.baseUrl}/${name}`;
  }

  postsTo(url: string): SinkPost[] {
    const path = new URL(url).pathname;
    return this.posts.filter((p) => p.path === path);
  }

  /** The first `count` posts to `url`, as soon as they arrive (no polling; a long hang guard if they never do). */
  waitFor(url: string, count = 1): Promise<SinkPost[]> {
    const path = new URL(url).pathname;
    return this.arrived.waitFor((p) => p.path === path, count, `response sink: posts to ${url}`);
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
