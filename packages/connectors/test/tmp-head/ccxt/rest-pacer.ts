import type { Clock } from '@arbot/core';
import { firstValueFrom, timer } from 'rxjs';

/**
 * Spaces REST requests of one venue at least `minGapMs` apart (start to
 * start), in call order, on the venue's clock: the polling fallbacks share
 * one pacer so together they stay under the exchange's rate limit.
 *
 * @example
 * ```ts
 * const pacer = new RestPacer(systemClock, exchange.rateLimit);
 * const book = await pacer.run(() => exchange.fetchOrderBook('BTC/USDT'));
 * ```
 */
export class RestPacer {
  private nextSlot = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly clock: Clock,
    private readonly minGapMs: number,
  ) {}

  /** Runs `request` in the next free slot. */
  async run<T>(request: () => Promise<T>): Promise<T> {
    const now = this.clock.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.minGapMs;
    if (slot > now) await firstValueFrom(timer(slot - now, this.clock.scheduler));
    return request();
  }
}
