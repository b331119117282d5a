/**
 * EPIC_SOURCE: which API epic progress comes from. `work_items` and `rest` are the two EpicSources as they are;
 * `auto` (the default) decides once per sync, on its first epic: that epic's Work Items query is the probe (no
 * extra request). GitLab without the API (/api/graphql 404, or a schema that rejects the work item fields: older
 * self-managed GitLab) makes this sync use REST; any other answer makes it use Work Items, and then no REST epic
 * route is called. The choice is logged once per sync.
 */
import type { EpicSourceSetting } from "../config.js";
import type { Logger } from "../log.js";
import type { EpicRecord } from "../model/records.js";
import type { EpicRef } from "../model/settings.js";
import type { GitLabClient } from "./client.js";
import { createRestEpicSource, type EpicSource } from "./epic-source.js";
import { createWorkItemsEpicSource, WorkItemsUnsupportedError } from "./work-items-epic-source.js";

interface Deps {
  client: GitLabClient;
  logger: Logger;
  now: () => Date;
}

/** A fresh source for one sync (auto's decision lives as long as the source). */
export function createEpicSource(setting: EpicSourceSetting, deps: Deps): EpicSource {
  if (setting === "rest") return announced(createRestEpicSource(deps), deps.logger, setting);
  if (setting === "work_items") return announced(createWorkItemsEpicSource(deps), deps.logger, setting);
  return createAutoEpicSource(deps);
}

/** Logs which API it uses, once, on its first epic. */
function announced(source: EpicSource, logger: Logger, setting: EpicSourceSetting): EpicSource {
  let said = false;
  return {
    via: () => source.via?.() ?? setting,
    fetch(ref: EpicRef) {
      if (!said) {
        said = true;
        logger.info(
          { epicSource: setting },
          `epic progress from the ${source.via?.() ?? setting} (EPIC_SOURCE=${setting})`,
        );
      }
      return source.fetch(ref);
    },
  };
}

function createAutoEpicSource(deps: Deps): EpicSource {
  const workItems = createWorkItemsEpicSource(deps);
  let chosen: EpicSource | null = null;
  let fallbackReason: string | null = null;
  return {
    via: () => {
      if (chosen === null) return "Work Items API, not probed yet (EPIC_SOURCE=auto)";
      const via = chosen.via?.() ?? "";
      return fallbackReason === null ? via : `${via}: ${fallbackReason}`;
    },
    async fetch(ref: EpicRef): Promise<EpicRecord> {
      if (chosen !== null) return chosen.fetch(ref);
      try {
        const record = await workItems.fetch(ref);
        chosen = workItems;
        deps.logger.info(
          { epicSource: "work_items" },
          "epic progress from the Work Items API (GraphQL) (EPIC_SOURCE=auto)",
        );
        return record;
      } catch (error) {
        if (!(error instanceof WorkItemsUnsupportedError)) {
          // GraphQL answered (or GitLab is failing as a whole): Work Items it is; the sync handles the failure
          chosen = workItems;
          throw error;
        }
        chosen = createRestEpicSource(deps);
        fallbackReason = error.reason;
        deps.logger.info(
          { epicSource: "rest", reason: error.reason },
          "epic progress from the REST epics API: GitLab has no Work Items API for it (EPIC_SOURCE=auto)",
        );
        return chosen.fetch(ref);
      }
    },
  };
}
