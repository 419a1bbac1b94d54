import type { Candle, OrderBookView, Ticker, Trade } from '@arbot/core';
import type { Observable, Subscription } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { CcxtVenue } from '../../src/ccxt/index';
import type { FakeExchange, FakeProtocolId } from '../../src/testing/index';
import { startHarness, until, type VenueHarness } from './venue-harness';

let harness: VenueHarness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** The exchange's clock, frozen inside one minute so every trade lands in the same candle. */
const EXCHANGE_NOW = 1_700_000_010_000;

/**
 * One market-data stream: how to subscribe, how to make the exchange push
 * event `i` (1, 2, 3…), and the number each emitted value shows (for event
 * `i` it is `100 + i`).
 */
interface StreamCase {
  readonly name: string;
  readonly subscribe: (venue: CcxtVenue) => Observable<unknown>;
  readonly push: (fake: FakeExchange, i: number) => void;
  readonly label: (value: unknown) => number;
  /** How many values a subscription brings before any event (a snapshot, an initial value), per protocol. */
  readonly initial: Readonly<Record<FakeProtocolId, number>>;
  /** The fake's name of the subscription, per protocol. */
  readonly wire: Readonly<Record<FakeProtocolId, string>>;
  /** Whether the venue unsubscribes when the last subscriber leaves (else the exchange subscription stays for the next run). */
  readonly released: boolean;
  /** The stream's name on `status$`. */
  readonly status: string;
  /** What a subscriber who joins after event 2 sees first (a replayed value, or a fresh snapshot), before event 3; per protocol. */
  readonly joined: Readonly<Record<FakeProtocolId, readonly number[]>>;
  /** What a new run's first subscriber sees before event 3 (its fresh snapshot or initial value), per protocol. */
  readonly restarted: Readonly<Record<FakeProtocolId, readonly number[]>>;
}

const trade = (fake: FakeExchange, i: number) =>
  fake.publishTrade('BTC/USDT', { price: 100 + i, amount: 0.25, side: 'buy', ts: EXCHANGE_NOW + i });

const CASES: readonly StreamCase[] = [
  {
    name: 'orderBook$',
    subscribe: (venue) => venue.orderBook$('BTC/USDT'),
    // Event i sets the best bid's size (1 at the start) to 10 + i; the label is 90 + that size.
    push: (fake, i) => fake.updateBook('BTC/USDT', { bids: [[100, 10 + i]] }),
    label: (view) => 90 + ((view as OrderBookView).bids()[0]?.[1] ?? 0),
    initial: { binance: 1, okx: 1 },
    wire: { binance: 'btcusdt@depth@100ms', okx: 'books:BTC-USDT' },
    released: true,
    status: 'orderBook:BTC/USDT',
    // A joining subscriber gets the latest view (best bid 101) at once; a new run starts from a fresh snapshot (102).
    joined: { binance: [101], okx: [101] },
    restarted: { binance: [102], okx: [102] },
  },
  {
    name: 'trades$',
    subscribe: (venue) => venue.trades$('BTC/USDT'),
    push: trade,
    label: (t) => (t as Trade).price,
    initial: { binance: 0, okx: 0 },
    wire: { binance: 'btcusdt@trade', okx: 'trades:BTC-USDT' },
    released: true,
    status: 'trades:BTC/USDT',
    joined: { binance: [], okx: [] },
    restarted: { binance: [], okx: [] },
  },
  {
    name: 'ticker$',
    subscribe: (venue) => venue.ticker$('BTC/USDT'),
    push: trade,
    label: (t) => (t as Ticker).last ?? 0,
    initial: { binance: 0, okx: 1 },
    wire: { binance: 'btcusdt@ticker', okx: 'tickers:BTC-USDT' },
    released: true,
    status: 'ticker:BTC/USDT',
    // The latest ticker (last 101) at once; OKX sends the current ticker (last 102) on subscribe, Binance does not.
    joined: { binance: [101], okx: [101] },
    restarted: { binance: [], okx: [102] },
  },
  {
    name: 'candles$',
    subscribe: (venue) => venue.candles$('BTC/USDT', '1m'),
    push: trade,
    label: (c) => (c as Candle).close,
    initial: { binance: 0, okx: 0 },
    wire: { binance: 'btcusdt@kline_1m', okx: 'candle1m:BTC-USDT' },
    // ccxt's okx unWatchOHLCV cannot be relied on, so candles are never unwatched.
    released: false,
    status: 'candles:BTC/USDT:1m',
    joined: { binance: [], okx: [] },
    restarted: { binance: [], okx: [] },
  },
];

/** Subscribes and collects the labels of what arrives. */
function collect(stream: Observable<unknown>, label: (value: unknown) => number): { values: number[]; subscription: Subscription } {
  const values: number[] = [];
  const subscription = stream.subscribe((v) => values.push(label(v)));
  return { values, subscription };
}

/** The fake's subscribe/unsubscribe requests for one stream, in order. */
const actions = (fake: FakeExchange, wire: string) =>
  fake
    .subscriptionLog()
    .filter((c) => c.stream === wire)
    .map((c) => c.action);

describe('ccxtVenue streams: unsubscribe → resubscribe, and concurrent subscribers (real ccxt against the fake)', () => {
  for (const protocol of ['binance', 'okx'] as const) {
    for (const c of CASES) {
      it(`${protocol} ${c.name}`, async () => {
        harness = await startHarness(protocol, { staleAfterMs: 0 }, { now: () => EXCHANGE_NOW });
        const { fake, venue } = harness;
        const wire = c.wire[protocol];

        // Run 1: A, then B joins while A is subscribed.
        const a = collect(c.subscribe(venue), c.label);
        await fake.waitForSubscription(wire);
        // Wait for the snapshot or initial value: ccxt reports one update per watch call, so an event
        // arriving in the same batch as the initial value would only show with the next one.
        await until(() => a.values.length === c.initial[protocol]);
        c.push(fake, 1);
        await until(() => a.values.includes(101));
        const b = collect(c.subscribe(venue), c.label);
        expect(b.values).toEqual(c.joined[protocol]);
        c.push(fake, 2);
        await until(() => a.values.includes(102) && b.values.includes(102));
        expect(a.values.slice(a.values.indexOf(101))).toEqual([101, 102]);
        expect(b.values).toEqual([...c.joined[protocol], 102]);

        // Run 2: both leave and C subscribes in the same tick, while the exchange is still unsubscribing run 1.
        a.subscription.unsubscribe();
        b.subscription.unsubscribe();
        const cSub = collect(c.subscribe(venue), c.label);
        // Run 2's own subscription request follows run 1's unsubscribe (or run 1's subscription carries on).
        const expected = c.released ? ['subscribe', 'unsubscribe', 'subscribe'] : ['subscribe'];
        await until(() => actions(fake, wire).join() === expected.join() && fake.subscriptions().includes(wire));
        await until(() => cSub.values.length >= c.restarted[protocol].length);
        c.push(fake, 3);
        await until(() => cSub.values.includes(103));
        expect(cSub.values).toEqual([...c.restarted[protocol], 103]);

        // D joins, C leaves: the exchange subscription stays and D keeps receiving.
        const d = collect(c.subscribe(venue), c.label);
        cSub.subscription.unsubscribe();
        c.push(fake, 4);
        await until(() => d.values.includes(104));
        d.subscription.unsubscribe();
        expect(d.values.slice(d.values.indexOf(104))).toEqual([104]);
        expect(actions(fake, wire)).toEqual(expected);

        // Nothing had to be repaired by reconnecting.
        const troubled = harness.statuses.filter((s) => s.stream === c.status && (s.state === 'reconnecting' || s.state === 'down'));
        expect(troubled).toEqual([]);
        expect(venue.stats().reconnects).toBe(0);
      });
    }
  }
});

describe('ccxtVenue candles$ across runs', () => {
  it('a new run does not close a candle only an earlier run saw forming', async () => {
    let exchangeNow = 1_699_999_980_000; // a whole minute: 28 333 333 × 60 000
    harness = await startHarness('binance', { staleAfterMs: 0 }, { now: () => exchangeNow });
    const { fake, venue } = harness;
    const first: Candle[] = [];
    const run1 = venue.candles$('BTC/USDT', '1m').subscribe((c) => first.push(c));
    await fake.waitForSubscription('btcusdt@kline_1m');
    fake.publishTrade('BTC/USDT', { price: 100.5, amount: 0.5, side: 'buy', ts: exchangeNow + 1_000 });
    await until(() => first.length === 1);
    run1.unsubscribe();

    // Two minutes later, a new run (on the subscription run 1 left): the candle run 1 saw forming is
    // history this run did not follow, so it must not report it closed.
    exchangeNow += 120_000;
    const second: Candle[] = [];
    const run2 = venue.candles$('BTC/USDT', '1m').subscribe((c) => second.push(c));
    fake.publishTrade('BTC/USDT', { price: 101, amount: 0.25, side: 'sell', ts: exchangeNow + 2_000 });
    await until(() => second.length >= 1);
    run2.unsubscribe();
    expect(first.map((c) => [c.ts, c.close, c.closed])).toEqual([[1_699_999_980_000, 100.5, false]]);
    expect(second.map((c) => [c.ts, c.close, c.volume, c.closed])).toEqual([[1_700_000_100_000, 101, 0.25, false]]);
  });
});
