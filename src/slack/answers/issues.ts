/** `/engagement issues [days]`: new labelled issues since the last digest, or within the last `days`. */
import { issuesMessage } from "../blocks/issues-blocks.js";
import type { Answer } from "./answer.js";
import { fromReport } from "./from-report.js";

export const issuesAnswer: Answer<"issues"> = ({ days }, { deps }) => {
  const label = deps.config.engagementLabel;
  return fromReport(deps, {
    request: days === undefined ? {} : { newIssuesDays: days },
    postable: days === undefined ? "issues" : `issues ${days}`,
    render: (report) =>
      issuesMessage(report, {
        title: days === undefined ? undefined : `New ${label} issues, last ${days} days`,
        label,
      }),
  });
};
