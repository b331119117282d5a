/**
 * Things a fake server or sink records as they arrive (requests, posts, log lines), and waiting for them: a wait
 * resolves as soon as the matching ones are there (those already there count), with no polling, so a loaded machine
 * only makes it later; only something that never comes fails it, after a long hang guard.
 */

/** the guard against something that never comes: far beyond any loaded machine's delay, not a deadline for the test */
export const HANG_GUARD_MS = 120_000;

export class Arrivals<T> {
  readonly items: T[] = [];
  private readonly waiters = new Set<() => boolean>();

  push(...items: T[]): void {
    this.items.push(...items);
    for (const settled of [...this.waiters]) if (settled()) this.waiters.delete(settled);
  }

  /** Every item that matches, once at least `count` have arrived; `what` names them in the failure. */
  waitFor(match: (item: T) => boolean, count: number, what: string): Promise<T[]> {
    return new Promise((resolve, reject) => {
      let guard: NodeJS.Timeout | undefined;
      const settled = (): boolean => {
        const found = this.items.filter(match);
        if (found.length < count) return false;
        clearTimeout(guard);
        resolve(found);
        return true;
      };
      if (settled()) return;
      this.waiters.add(settled);
      guard = setTimeout(() => {
        this.waiters.delete(settled);
        const seen = this.items.filter(match).length;
        reject(new Error(`${what}: expected ${count}, saw ${seen} (waited ${HANG_GUARD_MS / 1000} s)`));
      }, HANG_GUARD_MS);
      guard.unref();
    });
  }
}
