import type { Clock } from '@arbot/core';
import { firstValueFrom, from, race, timer } from 'rxjs';

const ignore = (): void => undefined;

/**
 * One exchange subscription (one ccxt watch, e.g. `watchTrades('BTC/USDT')`)
 * and the venue's stream runs that use it: `orderBook$` at two depths share
 * one, and a stream unsubscribed and subscribed again reuses it. It keeps
 * what ccxt needs for that to work:
 * - a watch call still in flight is shared, never issued twice: ccxt hands
 *   each batch of news to one call only, so a call left behind by a stopped
 *   run would swallow the next update of the run that replaced it;
 * - the subscription is released (`unWatch…`) only when its last user stops,
 *   and a new call first waits (at most `releaseWaitMs`) until the exchange
 *   has acknowledged that release: ccxt would otherwise reuse the
 *   subscription being torn down, and drop it — failing the new call — when
 *   the acknowledgement arrives.
 *
 * @example
 * ```ts
 * const slot = new StreamSlot<Trade[]>(clock, 1_000);
 * slot.enter();
 * const batch = await slot.call(() => exchange.watchTrades('BTC/USDT'));
 * slot.leave(() => exchange.unWatchTrades('BTC/USDT'));
 * ```
 */
export class StreamSlot<R> {
  private users = 0;
  private inFlight: Promise<R> | undefined;
  private releasing: Promise<void> | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly releaseWaitMs: number,
  ) {}

  /** A stream run starts using the subscription. */
  enter(): void {
    this.users++;
  }

  /** The pending call, or a new one started with `watch` once any release in progress is acknowledged. */
  call(watch: () => Promise<R>): Promise<R> {
    if (this.inFlight !== undefined) return this.inFlight;
    const releasing = this.releasing;
    const started = releasing === undefined ? watch() : releasing.then(watch);
    const call = started.finally(() => {
      if (this.inFlight === call) this.inFlight = undefined;
    });
    // The callers handle the rejection; this copy must not count as unhandled.
    call.catch(ignore);
    this.inFlight = call;
    return call;
  }

  /**
   * A stream run stops using the subscription. The last one releases it with
   * `unwatch` (when the exchange can); returns the release, settled once
   * acknowledged or after `releaseWaitMs`.
   */
  leave(unwatch?: () => Promise<unknown>): Promise<void> | undefined {
    this.users = Math.max(0, this.users - 1);
    if (this.users > 0 || unwatch === undefined) return undefined;
    // The exchange fails the released call: nobody may pick it up.
    this.inFlight = undefined;
    const acknowledged = from(unwatch().then(ignore, ignore));
    const release = firstValueFrom(race(acknowledged, timer(this.releaseWaitMs, this.clock.scheduler)))
      .then(ignore)
      .finally(() => {
        if (this.releasing === release) this.releasing = undefined;
      });
    this.releasing = release;
    return release;
  }
}
