import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isChannelId, isMentionableChannel } from "../../../src/slack/blocks/channel-id.js";
import { alertsStateMessage } from "../../../src/slack/blocks/help-blocks.js";
import { allText } from "./report-fixtures.js";

describe("channel IDs", () => {
  it("tells an ID from a name", () => {
    for (const id of ["C0123456789", "G0PRIVATE1", "D0DIRECT01"]) assert.equal(isChannelId(id), true, id);
    for (const name of ["#wg_user-engagement", "wg_user-engagement", "c0123456789", "C01", "X0123456789", ""]) {
      assert.equal(isChannelId(name), false, name);
    }
  });

  it("mentions channels, not direct messages, on the alert card", () => {
    assert.equal(isMentionableChannel("D0DIRECT01"), false);
    assert.ok(allText(alertsStateMessage({ muted: false, channel: "C0ENGAGE01" }).blocks).includes("<#C0ENGAGE01>"));
    const dm = allText(alertsStateMessage({ muted: false, channel: "D0DIRECT01" }).blocks);
    assert.ok(dm.includes("go to D0DIRECT01 ") && !dm.includes("<#"));
  });
});
