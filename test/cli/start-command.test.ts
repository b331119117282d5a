/**
 * `engagement-bot start` as a process (issue 11 items 3 and 4): no surprise digest on a first start, the next
 * digest logged once; Slack unreachable is exit 1 naming SLACK_API_URL and the cause, in both modes;
 * SIGTERM/SIGINT during start-up stop the process at once with exit 0; a signed payload=null does not end it
 * (issue 13 item 8).
 * No timed assertions: each process has a kill timer; a process killed by it has no exit code.
 */
import assert from "node:assert/strict";
import { createServer, type Server, type Socket } from "node:net";
import { after, before, describe, it } from "node:test";
import { isoWeekKey } from "../../src/metrics/calendar.js";
import { generateWorld } from "../../src/sandbox/generator.js";
import { startSandbox } from "../../src/sandbox/server.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { type FakeSlack, startFakeSlack } from "../support/fake-slack.js";
import { postSigned, slashCommandBody } from "../support/slack-requests.js";
import { freePort, runCli, startCli, waitForOutput } from "./spawn-cli.js";

const BOT_TOKEN = "xoxb-StartCommand-42-token";

/** A "Slack" that accepts connections and never answers (a stalled proxy, a black-holed route). */
async function silentServer(): Promise<{ url: string; connections(): number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/api/`,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe("engagement-bot start", () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ world: generateWorld({ seed: 23, now: new Date(), months: 2 }) });
  });
  after(async () => {
    await sandbox.close();
  });

  const baseEnv = async (extra: Record<string, string>) => ({
    GITLAB_URL: sandbox.url,
    HISTORY_MONTHS: "2",
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: "start-command-signing-secret",
    PORT: String(await freePort()),
    ...extra,
  });

  for (const mode of ["HTTP mode", "Socket Mode"] as const) {
    it(`${mode}: Slack unreachable (closed port) exits 1 naming SLACK_API_URL and the cause`, async () => {
      const closed = await freePort();
      const env = await baseEnv({
        SLACK_API_URL: `http://127.0.0.1:${closed}/api/`,
        ...(mode === "Socket Mode" ? { SLACK_APP_TOKEN: "xapp-1-A0START-0000-token" } : {}),
      });
      // the kill timer is generous: today's fix gives up after 3 quick attempts, the old policy took ~30 min
      const result = await runCli(["start"], { env, timeoutMs: 45_000 });
      assert.equal(result.signal, null, "the process ended by itself, before the kill timer");
      assert.equal(result.code, 1, `${result.stdout}\n${result.stderr}`);
      assert.match(
        result.stderr,
        /cannot reach Slack at SLACK_API_URL http:\/\/127\.0\.0\.1:\d+\/api\/ \(connection refused/,
      );
      assert.match(result.stderr, /check SLACK_API_URL/);
      assert.ok(!(result.stdout + result.stderr).includes(BOT_TOKEN), "no secret in the output");
    });
  }

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`${signal} while start-up waits for a Slack that never answers: exit 0 at once`, async () => {
      const silent = await silentServer();
      try {
        const cli = startCli(["start"], { env: await baseEnv({ SLACK_API_URL: silent.url }), timeoutMs: 15_000 });
        // start-up is under way: auth.test has reached "Slack" and waits for an answer
        const deadline = Date.now() + 20_000;
        while (silent.connections() === 0 && Date.now() < deadline && cli.child.exitCode === null) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        assert.ok(silent.connections() > 0, `start-up never called Slack:\n${cli.stdout()}\n${cli.stderr()}`);
        cli.child.kill(signal);
        const result = await cli.exited;
        assert.equal(result.signal, null, `not stopped by ${signal} before the kill timer:\n${result.stdout}`);
        assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
        assert.match(result.stdout, /stopped during start-up/);
      } finally {
        await silent.close();
      }
    });
  }

  it("a first start on an empty store posts no 'missed' digest and logs where and when the next one posts", async () => {
    const slack: FakeSlack = await startFakeSlack({ channels: { "my-test-channel": "C0MYTEST01" } });
    try {
      // DIGEST_CRON fired three minutes ago: in the old behaviour the first start posted it at once as "missed"
      const past = new Date(Date.now() - 3 * 60_000);
      const cron = `${past.getUTCMinutes()} ${past.getUTCHours()} * * ${past.getUTCDay()}`;
      const sameWeek = isoWeekKey(past.getTime(), "UTC") === isoWeekKey(Date.now(), "UTC");
      const env = await baseEnv({
        SLACK_API_URL: slack.apiUrl,
        DIGEST_CHANNEL: "my-test-channel",
        DIGEST_CRON: cron,
        PACE_CRON: "0 0 1 1 *",
        TIMEZONE: "UTC",
      });
      const cli = startCli(["start"], { env, timeoutMs: 40_000 });
      await waitForOutput(cli, (out) => out.includes("schedules started") && /"msg":"sync finished"/.test(out), 30_000);
      cli.child.kill("SIGTERM");
      const result = await cli.exited;
      assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
      assert.equal(slack.callsOf("chat.postMessage").length, 0, "nothing posted on a first start");
      const lines = result.stdout.split("\n").filter((line) => line.includes("next digest"));
      assert.equal(lines.length, 1, "the next digest is logged once");
      const next = new Date(past.getTime() + 7 * 86_400_000);
      const day = next.toLocaleDateString("en-GB", {
        timeZone: "UTC",
        weekday: "short",
        day: "numeric",
        month: "short",
      });
      const hhmm = next.toISOString().slice(11, 16);
      // DIGEST_CHANNEL=my-test-channel and #my-test-channel are one channel, spelled #my-test-channel (src/config.ts)
      assert.match(lines[0] ?? "", new RegExp(`next digest ${day.replace(",", "")} ${hhmm} UTC to #my-test-channel`));
      if (sameWeek) assert.match(result.stdout, /first start on this store/);
    } finally {
      await slack.stop();
    }
  });

  it("a signed payload=null does not end `start`: 400, a log line, and the bot still answers", async () => {
    const slack: FakeSlack = await startFakeSlack();
    try {
      const env = await baseEnv({ SLACK_API_URL: slack.apiUrl, PACE_CRON: "0 0 1 1 *", DIGEST_CRON: "0 0 1 1 *" });
      const cli = startCli(["start"], { env, timeoutMs: 40_000 });
      await waitForOutput(cli, (out) => out.includes("Slack app started"), 30_000);
      const url = `http://127.0.0.1:${env.PORT}`;
      const secret = env.SLACK_SIGNING_SECRET;
      const refused = await postSigned(`${url}/slack/events`, "payload=null", { secret });
      assert.equal(refused.status, 400);
      const help = await postSigned(`${url}/slack/events`, slashCommandBody({ text: "help" }), { secret });
      assert.equal(help.status, 200, "the process is still up");
      assert.equal((await fetch(`${url}/healthz`)).status, 200);
      cli.child.kill("SIGTERM");
      const result = await cli.exited;
      assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
      assert.match(result.stdout, /refused a signed request without a usable payload \(payload is null\)/);
    } finally {
      await slack.stop();
    }
  });
});
