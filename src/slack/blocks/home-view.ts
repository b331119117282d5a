/**
 * The App Home tab: the status dashboard (pace, the contributor funnel, epics, new issues, top contributors) with a
 * Refresh button.
 */
import type { Report } from "../../model/report.js";
import { monthLabel } from "../../wording/dates.js";
import { DEFAULT_ISSUE_LABEL } from "../../wording/issues.js";
import {
  actions,
  button,
  context,
  divider,
  type HomeView,
  header,
  type KnownBlock,
  section,
  slackFileImage,
} from "./block-kit.js";
import { topContributorBlocks } from "./contributors-blocks.js";
import { dataAsOfFooter } from "./footer.js";
import { type FreshnessOptions, freshnessWarnings } from "./freshness.js";
import { homeFunnelBlocks } from "./funnel-blocks.js";
import { issueListBlocks } from "./issues-blocks.js";
import { enforceLimits } from "./limits.js";
import { safeText } from "./mrkdwn.js";
import { epicBlocks, paceBlocks } from "./status-blocks.js";
import { workstreamBlocks } from "./workstream-blocks.js";

export const HOME_REFRESH_ACTION = "home_refresh";
const HOME_ISSUE_CAP = 10;
const HOME_EPIC_CAP = 20;

export interface HomeOptions extends FreshnessOptions {
  /** shown so people know whether the channel will hear about a pace change */
  alertsMuted?: boolean;
  issueLabel?: string;
  /** the trend chart, uploaded (src/slack/home-chart.ts): shown under the pace, its alt text stating the numbers */
  chart?: { fileId: string; altText: string } | null;
}

export function homeView(report: Report, options: HomeOptions): HomeView {
  const label = options.issueLabel ?? DEFAULT_ISSUE_LABEL;
  const blocks: KnownBlock[] = [
    header(`User engagement — ${monthLabel(report.month)}`),
    actions(button("Refresh", HOME_REFRESH_ACTION)),
    ...freshnessWarnings(report, options).map((warning) => section(warning)),
    ...paceBlocks(report),
    ...(options.chart ? [slackFileImage(options.chart.fileId, options.chart.altText)] : []),
    divider(),
    ...homeFunnelBlocks(report),
    divider(),
    ...workstreamBlocks(report, { cap: HOME_EPIC_CAP }),
    divider(),
    ...epicBlocks(report, HOME_EPIC_CAP),
    divider(),
    section(`*New ${safeText(label, 60)} issues*`),
    ...issueListBlocks(report, { cap: HOME_ISSUE_CAP, label }),
    divider(),
    section("*Top contributors this month*"),
    ...topContributorBlocks(report),
  ];
  if (options.alertsMuted !== undefined) {
    blocks.push(context(options.alertsMuted ? ":no_bell: Pace alerts are muted." : ":bell: Pace alerts are on."));
  }
  blocks.push(dataAsOfFooter(report));
  return enforceLimits({ type: "home", blocks }, "home");
}
