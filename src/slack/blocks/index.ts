/** The pure Report -> Block Kit renderer: what listeners, jobs and the CLI use. */
export { paceAlertMessage, paceRecoveryMessage } from "./alert-blocks.js";
export type { HomeView, KnownBlock, SlackMessage } from "./block-kit.js";
export { contributorsMessage } from "./contributors-blocks.js";
export { type DigestMessages, type DigestOptions, digestMessages } from "./digest-blocks.js";
export { type DigestTextOptions, digestText } from "./digest-text.js";
export { epicsMessage } from "./epics-blocks.js";
export { slackDate } from "./format.js";
export type { FreshnessOptions } from "./freshness.js";
export {
  type AlertsState,
  alertsStateMessage,
  apologyMessage,
  firstSyncRunningMessage,
  helpMessage,
  unknownSubcommandMessage,
  usageErrorMessage,
} from "./help-blocks.js";
export { HOME_REFRESH_ACTION, type HomeOptions, homeView } from "./home-view.js";
export { type IssuesOptions, issuesMessage } from "./issues-blocks.js";
export { checkLimits, enforceLimits, LIMITS, type Surface } from "./limits.js";
export { escapeMrkdwn, mrkdwnLink } from "./mrkdwn.js";
export {
  PayloadTooLongError,
  POST_TO_CHANNEL_ACTION,
  postedByContext,
  withPostToChannelButton,
} from "./post-to-channel.js";
export { type StatusOptions, statusMessage } from "./status-blocks.js";
export { matchWorkstreams, WORKSTREAMS, type Workstream } from "./workstreams.js";
