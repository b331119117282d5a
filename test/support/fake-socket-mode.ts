/**
 * A fake Slack Socket Mode endpoint on 127.0.0.1: a minimal RFC 6455 WebSocket server on node:http's
 * 'upgrade' event (no npm package), speaking Slack's Socket Mode protocol: `hello` on connect, envelopes
 * out, acks (`{ envelope_id, payload? }`) back. Point FakeSlack's apps.connections.open at `fake.url`.
 */
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";

// RFC 6455 §1.3 (note the ending "85B11": a mistyped GUID makes every client fail the handshake)
const WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

export const Opcode = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

export type EnvelopeType = "slash_commands" | "interactive" | "events_api";

export interface SocketModeAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface EnvelopeOptions {
  acceptsResponsePayload?: boolean;
  /** how long to wait for the ack; Slack itself gives up after 3 s */
  timeoutMs?: number;
  /** a redelivery, as Slack marks one: `retry_attempt` (and `retry_reason`) on the envelope */
  retryAttempt?: number;
}

export interface ClientFrame {
  opcode: number;
  payload: Buffer;
}

/** One accepted WebSocket connection, as the fake saw it. */
export interface FakeConnection {
  /** request path + query of the upgrade, e.g. /link/?ticket=fake */
  path: string;
  /** text messages the client sent, in order */
  messages: string[];
  /** pings the client sent (the Socket Mode client pings every few seconds) */
  pings: number;
  /** close code the client sent, once it started the closing handshake */
  clientCloseCode?: number;
  /** true once the TCP socket is gone */
  ended: boolean;
}

export class AckTimeoutError extends Error {
  constructor(
    readonly envelopeId: string,
    timeoutMs: number,
  ) {
    super(`fake Socket Mode: no ack for envelope ${envelopeId} within ${timeoutMs} ms`);
    this.name = "AckTimeoutError";
  }
}

/** The accept key of the opening handshake (RFC 6455 §4.2.2). */
export const acceptKey = (key: string): string =>
  createHash("sha1")
    .update(key + WS_GUID)
    .digest("base64");

/** An unmasked server frame (servers never mask, RFC 6455 §5.1); FIN set, no fragmentation. */
export function encodeFrame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  let header: Buffer;
  if (length < 126) {
    header = Buffer.from([0x80 | opcode, length]);
  } else if (length < 65536) {
    header = Buffer.alloc(4);
    header[0] = 0x80 | opcode;
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, payload]);
}

export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProtocolError";
  }
}

/**
 * Decodes one masked client frame from the front of `buffer`; undefined when more bytes are needed.
 * Clients must mask every frame (RFC 6455 §5.3), so an unmasked one is a protocol error.
 */
export function decodeClientFrame(buffer: Buffer): { frame: ClientFrame & { fin: boolean }; size: number } | undefined {
  if (buffer.length < 2) return undefined;
  const first = buffer[0] as number;
  const second = buffer[1] as number;
  if ((second & 0x80) === 0) throw new ProtocolError("client frame is not masked");
  let length = second & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return undefined;
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return undefined;
    const big = buffer.readBigUInt64BE(2);
    if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw new ProtocolError("frame too large");
    length = Number(big);
    offset = 10;
  }
  if (buffer.length < offset + 4 + length) return undefined;
  const mask = buffer.subarray(offset, offset + 4);
  const payload = Buffer.from(buffer.subarray(offset + 4, offset + 4 + length));
  for (let i = 0; i < payload.length; i += 1) payload[i] = (payload[i] as number) ^ (mask[i % 4] as number);
  return { frame: { fin: (first & 0x80) !== 0, opcode: first & 0x0f, payload }, size: offset + 4 + length };
}

interface Pending {
  resolve: (ack: SocketModeAck) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class FakeSocketMode {
  readonly connections: FakeConnection[] = [];
  private readonly sockets = new Set<Duplex>();
  private readonly pending = new Map<string, Pending>();
  private server: Server | undefined;
  private active: Duplex | undefined;
  /** ws://127.0.0.1:<port>/link/?ticket=fake, what apps.connections.open hands out */
  url = "";

  async start(): Promise<this> {
    const server = createServer((_req, res) => {
      res.writeHead(426, { "content-type": "text/plain" });
      res.end("WebSocket upgrade required");
    });
    server.on("upgrade", (req, socket, head) => this.accept(req, socket, head));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    this.url = `ws://127.0.0.1:${port}/link/?ticket=fake`;
    return this;
  }

  /** Waits until `count` connections were accepted (polling; the bot connects asynchronously). */
  async waitForConnection(count = 1, timeoutMs = 5000): Promise<FakeConnection> {
    await this.until(() => this.connections.length >= count, timeoutMs, `expected ${count} connection(s)`);
    return this.connections[count - 1] as FakeConnection;
  }

  /** Waits until the given connection's TCP socket is gone. */
  async waitForEnd(connection: FakeConnection, timeoutMs = 5000): Promise<void> {
    await this.until(() => connection.ended, timeoutMs, "expected the connection to end");
  }

  /** Sends one envelope over the newest open connection and resolves with the client's ack. */
  sendEnvelope(
    type: EnvelopeType,
    /** null or undefined (no payload key): an envelope the bot must survive */
    payload: Record<string, unknown> | null | undefined,
    options: EnvelopeOptions = {},
  ): Promise<SocketModeAck> {
    const socket = this.active;
    if (!socket || socket.destroyed) return Promise.reject(new Error("fake Socket Mode: no open connection"));
    const envelopeId = randomUUID();
    const timeoutMs = options.timeoutMs ?? 3000;
    const acked = new Promise<SocketModeAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        reject(new AckTimeoutError(envelopeId, timeoutMs));
      }, timeoutMs);
      this.pending.set(envelopeId, { resolve, reject, timer });
    });
    this.sendJson(socket, {
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: options.acceptsResponsePayload ?? type !== "events_api",
      ...(options.retryAttempt === undefined ? {} : { retry_attempt: options.retryAttempt, retry_reason: "timeout" }),
    });
    return acked;
  }

  /** Ends every connection (close frame 1001, then the socket) and the server; pending acks are rejected. */
  async close(): Promise<void> {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new Error(`fake Socket Mode closed before envelope ${id} was acked`));
    }
    this.pending.clear();
    for (const socket of this.sockets) {
      if (!socket.destroyed) socket.end(encodeFrame(Opcode.close, closePayload(1001)));
      socket.destroy();
    }
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const key = req.headers["sec-websocket-key"];
    if (req.headers.upgrade?.toLowerCase() !== "websocket" || typeof key !== "string") {
      socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
      return;
    }
    // no Sec-WebSocket-Extensions in the answer: permessage-deflate offers are declined, frames stay plain
    socket.write(
      [
        "HTTP/1.1 101 Switching Protocols",
        "Upgrade: websocket",
        "Connection: Upgrade",
        `Sec-WebSocket-Accept: ${acceptKey(key)}`,
        "",
        "",
      ].join("\r\n"),
    );
    const connection: FakeConnection = { path: req.url ?? "/", messages: [], pings: 0, ended: false };
    this.connections.push(connection);
    this.sockets.add(socket);
    this.active = socket;
    socket.on("close", () => {
      connection.ended = true;
      this.sockets.delete(socket);
      if (this.active === socket) this.active = undefined;
    });
    socket.on("error", () => socket.destroy());
    this.readFrames(socket, connection, head);
    this.sendJson(socket, {
      type: "hello",
      num_connections: 1,
      debug_info: { host: "fake", approximate_connection_time: 18060 },
      connection_info: { app_id: "A0ENGAGE01" },
    });
  }

  private readFrames(socket: Duplex, connection: FakeConnection, head: Buffer): void {
    let buffered = Buffer.from(head);
    let fragments: Buffer[] = [];
    let fragmentOpcode: number = Opcode.text;
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        let decoded: ReturnType<typeof decodeClientFrame>;
        try {
          decoded = decodeClientFrame(buffered);
        } catch {
          socket.end(encodeFrame(Opcode.close, closePayload(1002)));
          return;
        }
        if (!decoded) return;
        buffered = buffered.subarray(decoded.size);
        const { frame } = decoded;
        if (frame.opcode === Opcode.continuation || frame.opcode === Opcode.text || frame.opcode === Opcode.binary) {
          if (frame.opcode !== Opcode.continuation) fragmentOpcode = frame.opcode;
          fragments.push(frame.payload);
          if (!frame.fin) continue;
          const message = Buffer.concat(fragments);
          fragments = [];
          if (fragmentOpcode === Opcode.text) this.onText(connection, message.toString("utf8"));
        } else if (frame.opcode === Opcode.ping) {
          connection.pings += 1;
          socket.write(encodeFrame(Opcode.pong, frame.payload));
        } else if (frame.opcode === Opcode.close) {
          connection.clientCloseCode = frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1005;
          // echo the close frame to complete the closing handshake, then end the TCP connection (§5.5.1)
          socket.end(encodeFrame(Opcode.close, frame.payload.subarray(0, 2)));
          return;
        }
      }
    };
    socket.on("data", onData);
    if (head.length > 0) onData(Buffer.alloc(0));
  }

  private onText(connection: FakeConnection, text: string): void {
    connection.messages.push(text);
    let message: Partial<SocketModeAck>;
    try {
      message = JSON.parse(text) as Partial<SocketModeAck>;
    } catch {
      return;
    }
    const pending = message.envelope_id ? this.pending.get(message.envelope_id) : undefined;
    if (!pending || !message.envelope_id) return;
    clearTimeout(pending.timer);
    this.pending.delete(message.envelope_id);
    pending.resolve(message as SocketModeAck);
  }

  private sendJson(socket: Duplex, message: Record<string, unknown>): void {
    socket.write(encodeFrame(Opcode.text, Buffer.from(JSON.stringify(message), "utf8")));
  }

  private async until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`fake Socket Mode: ${what} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

const closePayload = (code: number): Buffer => {
  const payload = Buffer.alloc(2);
  payload.writeUInt16BE(code, 0);
  return payload;
};

export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  return new FakeSocketMode().start();
}
