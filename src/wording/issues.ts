/** ENGAGEMENT_LABEL's default (src/config.ts): the label new issues are selected by, named when a caller gives none. */
export const DEFAULT_ISSUE_LABEL = "User engagement";
