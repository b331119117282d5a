/**
 * How numbers read on every surface (Slack cards, the terminal): thousands separators, one decimal, percentages,
 * signed changes, plurals. Locale-independent, so the output is the same on every machine.
 */

/** 1234567.5 -> "1,234,567.5". */
export function formatNumber(value: number): string {
  const [whole = "0", fraction] = String(Math.abs(value)).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${value < 0 ? "−" : ""}${grouped}${fraction === undefined ? "" : `.${fraction}`}`;
}

/** Rounds to one decimal place and formats (not for people: see formatPeople). */
export function formatDecimal(value: number): string {
  return formatNumber(Math.round(value * 10) / 10);
}

/**
 * People are whole: 62.7 expected -> "63", 45.7 short -> "46" (rounded; the Report and `status --json` keep the
 * decimals). `up`: round up, for how many are still needed (19.2 a day means 20 people a day).
 */
export function formatPeople(value: number, rounding: "nearest" | "up" = "nearest"): string {
  // a hair below the next integer after float arithmetic (19.000000001) is that integer, not one more
  const whole = rounding === "up" ? Math.ceil(value - 1e-9) : Math.round(value);
  return formatNumber(whole);
}

/** 0.834 -> "83%". */
export function formatRatio(ratio: number): string {
  return `${formatNumber(Math.round(ratio * 100))}%`;
}

/** "+12 (+3%)", "−12 (−3%)", "±0"; the percentage is left out when there is nothing to compare with (null). */
export function signedChange(delta: number, percent: number | null): string {
  if (delta === 0) return "±0";
  const sign = delta > 0 ? "+" : "−";
  const amount = `${sign}${formatNumber(Math.abs(delta))}`;
  if (percent === null) return amount;
  return `${amount} (${sign}${formatNumber(Math.round(Math.abs(percent)))}%)`;
}

/** The noun for n of them: plural(1, "issue") = "issue", plural(3, "issue") = "issues". */
export function plural(n: number, noun: string): string {
  return n === 1 ? noun : `${noun}s`;
}

/** "1 page", "1,200 requests": the figure and its noun. */
export function counted(n: number, noun: string): string {
  return `${formatNumber(n)} ${plural(n, noun)}`;
}
