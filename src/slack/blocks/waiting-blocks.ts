/** What people see while an answer is not ready: a slow answer, or a store that has never synced. */
import { type HomeView, header, type SlackMessage, section } from "./block-kit.js";
import { enforceLimits } from "./limits.js";
import { safeText } from "./mrkdwn.js";

export function workingOnItMessage(): SlackMessage {
  return enforceLimits(
    {
      text: "Working on it…",
      blocks: [section(":hourglass_flowing_sand: Working on it — the answer follows here in a moment.")],
    },
    "message",
  );
}

export function waitingHomeView(): HomeView {
  return enforceLimits(
    {
      type: "home",
      blocks: [
        header("User engagement"),
        section(
          ":hourglass_flowing_sand: The first GitLab sync is still running, so there are no numbers yet. Open this tab again in a few minutes.",
        ),
      ],
      callback_id: "home_waiting",
    },
    "home",
  );
}

/** The first sync failed, so a never-synced store still has no numbers: say so, and what happens next. */
export function firstSyncFailedMessage(reason: string): SlackMessage {
  return enforceLimits(
    {
      text: "The first GitLab sync failed, so there are no numbers yet.",
      blocks: [
        section(
          `:warning: The first GitLab sync failed, so there are no numbers yet: ${safeText(reason, 500)}\n` +
            "The bot tries again on its sync schedule; if this persists, the operator should check GITLAB_URL, GITLAB_TOKEN and the logs.",
        ),
      ],
    },
    "message",
  );
}
