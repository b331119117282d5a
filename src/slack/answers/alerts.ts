/** `/engagement alerts [on|off]`: show, mute or unmute the pace alerts of DIGEST_CHANNEL. */
import { alertsStateMessage } from "../blocks/help-blocks.js";
import { type Answer, plain } from "./answer.js";

export const alertsAnswer: Answer<"alerts"> = async ({ toggle }, { deps: { alerts }, channelId, userId }) => {
  // alerts go to DIGEST_CHANNEL only: asked anywhere else, say where and change nothing
  // (while its name is not resolved yet, the channel asked in is taken at its word)
  const alertChannel = alerts.alertChannelId() ?? channelId;
  const here = alertChannel === channelId;
  if (here && toggle !== undefined) await alerts.setMuted(alertChannel, toggle === "off", userId);
  return plain(
    alertsStateMessage({
      muted: await alerts.isMuted(alertChannel),
      channel: alertChannel,
      lastAlert: (await alerts.lastAlert()) ?? undefined,
      ...(here ? {} : { askedElsewhere: toggle === undefined ? {} : { toggle } }),
    }),
  );
};
