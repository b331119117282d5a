/** The command line's help text (DESIGN §5). */
export const USAGE_TEXT = `engagement-bot — GitLab User Engagement working group's Slack bot

Usage: engagement-bot <command> [options]

Commands:
  start                          run the bot: Slack listeners + scheduled sync, digest and pace alerts
  sync [--reconcile]             one incremental GitLab sync into the store; prints what it fetched
                                 (--reconcile also drops MRs whose community label was removed)
  status [--month YYYY-MM] [--json] [--no-sync]
                                 the status report from the store (after a sync unless --no-sync);
                                 --json prints the Report model
  digest [--post] [--json]       render the weekly digest (text); --post posts it to DIGEST_CHANNEL once per week
  check-pace                     evaluate the month's pace; post an alert only when the status changed
  demo                           simulated GitLab on 127.0.0.1 + temporary store: status report and digest,
                                 no tokens, no network

Options:
  -h, --help                     this help (also: engagement-bot <command> --help)
  -v, --version                  the version

Configuration comes from .env and the environment (see .env.example).
Exit codes: 0 success, 1 runtime failure, 2 bad usage or configuration.`;
