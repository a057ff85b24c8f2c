/**
 * Per-user cooldowns: `take(key, ms)` starts one and returns 0, or returns how long is left.
 * Expired entries are swept as new ones arrive, so the map stays small.
 */
export class Cooldowns {
  private readonly until = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  take(key: string, ms: number): number {
    if (ms <= 0) return 0;
    const t = this.now();
    const end = this.until.get(key);
    if (end !== undefined && end > t) return end - t;
    if (this.until.size >= 1000) for (const [k, e] of this.until) if (e <= t) this.until.delete(k);
    this.until.set(key, t + ms);
    return 0;
  }
}

export function cooldownMessage(remainingMs: number): string {
  return `You're going a bit fast: try again in ${Math.max(1, Math.ceil(remainingMs / 1000))} s.`;
}
