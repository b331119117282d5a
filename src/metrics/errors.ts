/** Errors of the metrics core. Callers check them with instanceof (the CLI maps them to exit code 2). */

/** A `--month` value that is malformed or lies in the future. The message is meant for the person who typed it. */
export class MonthArgError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MonthArgError";
  }
}
