/** The start-up token check (src/slack/web-client.ts): every way Slack can fail gets a message naming what to fix. */
import assert from "node:assert/strict";
import { createServer, type Socket } from "node:net";
import { after, before, describe, it } from "node:test";
import { parseConfig } from "../../src/config.js";
import { SlackStartError, slackClientOptions, verifyBotToken } from "../../src/slack/web-client.js";
import { freePort } from "../cli/spawn-cli.js";
import { captureLog } from "../support/capture-log.js";
import { type FakeSlack, startFakeSlack } from "../support/fake-slack.js";

const TOKEN = "xoxb-WebClientTest-1-token";
const QUICK = { retries: 1, timeoutMs: 300, minTimeoutMs: 10 };
const configFor = (apiUrl: string) => parseConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: apiUrl });

async function rejection(promise: Promise<unknown>): Promise<SlackStartError> {
  const error = await promise.then(
    () => assert.fail("expected a rejection"),
    (e: unknown) => e,
  );
  assert.ok(error instanceof SlackStartError, String(error));
  assert.ok(!error.message.includes(TOKEN), "no token in the message");
  return error;
}

describe("verifyBotToken", () => {
  let slack: FakeSlack;
  before(async () => {
    slack = await startFakeSlack();
  });
  after(() => slack.stop());

  it("resolves the bot's ids from auth.test", async () => {
    const { logger } = captureLog("silent");
    assert.deepEqual(await verifyBotToken(configFor(slack.apiUrl), logger, QUICK), {
      botUserId: "U0BOT0001",
      botId: "B0BOT0001",
    });
  });

  it("a refused token names SLACK_BOT_TOKEN", async () => {
    slack.failNext("auth.test", "invalid_auth");
    const { logger } = captureLog("silent");
    const error = await rejection(verifyBotToken(configFor(slack.apiUrl), logger, QUICK));
    assert.match(error.message, /Slack refused the bot token \(invalid_auth\): check SLACK_BOT_TOKEN/);
  });

  it("a closed port: connection refused, naming SLACK_API_URL, after the policy's attempts", async () => {
    const url = `http://127.0.0.1:${await freePort()}/api/`;
    const { logger } = captureLog("silent");
    const error = await rejection(verifyBotToken(configFor(url), logger, QUICK));
    assert.equal(error.message.includes(`SLACK_API_URL ${url} (connection refused, 2 attempts)`), true, error.message);
  });

  it("a Slack that never answers: each attempt times out, and the check gives up", async () => {
    const sockets: Socket[] = [];
    const server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/`;
    try {
      const { logger } = captureLog("silent");
      const error = await rejection(verifyBotToken(configFor(url), logger, QUICK));
      assert.match(
        error.message,
        /cannot reach Slack at SLACK_API_URL .* \(timed out, 2 attempts\): check SLACK_API_URL/,
      );
      assert.ok(sockets.length >= 2, "every attempt reached the server");
    } finally {
      for (const socket of sockets) socket.destroy();
      server.close();
    }
  });

  it("an HTTP error page (a proxy, an outage) names SLACK_API_URL and the status", async () => {
    const server = (await import("node:http")).createServer((_req, res) => {
      res.writeHead(503);
      res.end("upstream down");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/`;
    try {
      const { logger } = captureLog("silent");
      const error = await rejection(verifyBotToken(configFor(url), logger, QUICK));
      assert.match(error.message, /Slack did not answer auth\.test at SLACK_API_URL .* \(HTTP 503, 2 attempts\)/);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe("slackClientOptions", () => {
  it("gives a request that brings no timeout (Bolt's respond() to a response_url) the Web API's timeout", async () => {
    // a response_url that accepts the connection and never answers
    const sockets: Socket[] = [];
    const server = createServer((socket) => sockets.push(socket));
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    try {
      const { logger } = captureLog("silent");
      const options = slackClientOptions(configFor("http://127.0.0.1:9/api/"), logger, { timeout: 200 });
      assert.equal(options.timeout, 200);
      const fetchFn = options.fetch as typeof fetch;
      const error = await fetchFn(`http://127.0.0.1:${port}/actions/T0001/1/r`, { method: "POST", body: "{}" }).then(
        () => assert.fail("expected the request to time out"),
        (e: unknown) => e as Error,
      );
      assert.equal(error.name, "TimeoutError");
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
