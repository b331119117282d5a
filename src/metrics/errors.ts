/** Errors of the metrics core. Callers check them with instanceof (the CLI maps them to exit code 2). */

/**
 * A `--month` value that is malformed, lies after the current month or before the synced history. The message is
 * meant for the person who typed it (it says `--month`; Slack says "The month" instead) and names the first month
 * available when that is known.
 */
export class MonthArgError extends Error {
  constructor(
    message: string,
    /** YYYY-MM of the synced history's first month, when known */
    readonly firstMonthAvailable: string | null = null,
  ) {
    super(message);
    this.name = "MonthArgError";
  }
}
