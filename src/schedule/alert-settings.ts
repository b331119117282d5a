/**
 * `/engagement alerts on|off` backed by the store: the mute is kept per channel ID, so `#name` and its ID
 * (the pace job checks DIGEST_CHANNEL's resolved ID) mean the same channel.
 */
import { isChannelId } from "../slack/blocks/channel-id.js";
import type { AlertRecord, AlertSettings } from "../slack/services.js";
import type { Ledger } from "../store/ledger.js";

export interface AlertSettingsOptions {
  /** where pace alerts are posted: DIGEST_CHANNEL, a name or an ID */
  channel?: string;
  /** a channel name's ID when it is known (without calling Slack) */
  resolveChannelId?: (nameOrId: string) => string | undefined;
  now?: () => Date;
}

export function storeAlertSettings(ledger: Ledger, options: AlertSettingsOptions = {}): AlertSettings {
  const resolve = options.resolveChannelId ?? (() => undefined);
  const now = options.now ?? (() => new Date());
  const idOf = (channel: string): string => resolve(channel) ?? channel;
  return {
    alertChannelId: () => {
      if (options.channel === undefined) return undefined;
      const id = idOf(options.channel);
      return isChannelId(id) ? id : undefined;
    },
    isMuted: (channelId) => ledger.isMuted(idOf(channelId)),
    setMuted: (channelId, muted, userId) => ledger.setMuted(idOf(channelId), muted, userId, now().getTime()),
    lastAlert: async (): Promise<AlertRecord | null> => {
      const last = await ledger.lastAlert();
      return last ? { month: last.month, status: last.status, kind: last.kind, postedAt: last.postedAt } : null;
    },
  };
}
