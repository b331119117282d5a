/**
 * Scripted faults, consumed first-in-first-out among the rules whose path matches the request.
 */
import type { Fault, FaultRule } from "./types.js";

interface QueuedRule {
  fault: Fault;
  path: RegExp | undefined;
  remaining: number;
  skip: number;
}

export class FaultQueue {
  private rules: QueuedRule[] = [];

  add(rule: FaultRule): void {
    const remaining = rule.times ?? 1;
    if (!(remaining > 0)) return;
    this.rules.push({ fault: rule.fault, path: rule.path, remaining, skip: rule.skip ?? 0 });
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault for this request, if any; uses up one of its rule's times. */
  take(path: string): Fault | undefined {
    const index = this.rules.findIndex((rule) => matches(rule.path, path));
    const rule = this.rules[index];
    if (!rule) return undefined;
    if (rule.skip > 0) {
      // a rule waiting for its turn holds back the ones queued after it, as FIFO promises
      rule.skip -= 1;
      return undefined;
    }
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules.splice(index, 1);
    return rule.fault;
  }
}

function matches(pattern: RegExp | undefined, path: string): boolean {
  if (!pattern) return true;
  // A /g or /y pattern keeps state between test() calls; start from the beginning every time.
  pattern.lastIndex = 0;
  return pattern.test(path);
}
