/**
 * Per-key quiet periods after an emission, in Clock time. Within `ms` of the
 * last emission for a key, a new one passes only when its netBps beats the
 * last emitted netBps by at least `improvementBps`; each emission restarts
 * the period with its own netBps.
 */
export class Cooldown {
  private readonly last = new Map<string, { readonly at: number; readonly netBps: number }>();

  constructor(
    private readonly ms: number,
    private readonly improvementBps: number,
  ) {}

  /**
   * Whether an opportunity with `netBps` may be emitted for `key` at `now`.
   * Given an upper bound of the netBps instead, `false` means that nothing
   * below the bound can pass either, so the caller may skip sizing.
   */
  allows(key: string, now: number, netBps: number): boolean {
    if (this.ms <= 0) return true;
    const last = this.last.get(key);
    if (last === undefined || now - last.at >= this.ms) return true;
    return netBps >= last.netBps + this.improvementBps;
  }

  /** Records an emission for `key`. */
  record(key: string, now: number, netBps: number): void {
    if (this.ms > 0) this.last.set(key, { at: now, netBps });
  }
}
