/**
 * `/engagement alerts on|off` backed by the store: the mute is kept per channel ID, so `#name` and its ID
 * (the pace job checks DIGEST_CHANNEL's resolved ID) mean the same channel.
 */
import type { AlertRecord, AlertSettings } from "../slack/services.js";
import type { Ledger } from "../store/ledger.js";

export function storeAlertSettings(
  ledger: Ledger,
  resolveChannelId: (nameOrId: string) => string | undefined = () => undefined,
  now: () => Date = () => new Date(),
): AlertSettings {
  const idOf = (channel: string): string => resolveChannelId(channel) ?? channel;
  return {
    isMuted: (channelId) => ledger.isMuted(idOf(channelId)),
    setMuted: (channelId, muted, userId) => ledger.setMuted(idOf(channelId), muted, userId, now().getTime()),
    lastAlert: (): AlertRecord | null => {
      const last = ledger.lastAlert();
      return last ? { month: last.month, status: last.status, kind: last.kind, postedAt: last.postedAt } : null;
    },
  };
}
