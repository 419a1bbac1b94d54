import type { OrderBookView } from '@arbot/core';
import { afterEach, describe, expect, it } from 'vitest';
import { StreamFailedError } from '../../src/ccxt/index';
import { startHarness, until, type VenueHarness } from './venue-harness';

let harness: VenueHarness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const bidsOf = (view: OrderBookView) => view.bids().map(([p, a]) => [p, a]);

describe('ccxtVenue resilience (real ccxt classes against the fake exchange)', () => {
  it('reconnects with exponential backoff and jitter, reports down after N failures, resubscribes and resumes', async () => {
    // random() = 0.5 with jitter 0.5 → each delay is 0.75 × (20 × 2^(n−1)): 15, 30, 60 ms.
    harness = await startHarness('binance', {
      staleAfterMs: 0,
      backoff: { initialMs: 20, factor: 2, maxMs: 1_000, jitter: 0.5 },
      random: () => 0.5,
      downAfterAttempts: 3,
    });
    const { fake, venue, statuses } = harness;
    const views: OrderBookView[] = [];
    const sub = venue.orderBook$('BTC/USDT').subscribe((v) => views.push(v));
    await until(() => views.length === 1);
    fake.refuseConnections(2);
    fake.dropConnections();
    fake.updateBook('BTC/USDT', { bids: [[100.25, 4]] });
    await until(() => views.some((v) => v.bestBid === 100.25));
    sub.unsubscribe();
    const trail = statuses.map((s) => [s.state, s.attempt, s.retryInMs]);
    expect(trail).toEqual([
      ['connecting', undefined, undefined],
      ['connected', undefined, undefined],
      ['reconnecting', 1, 15], // the drop
      ['reconnecting', 2, 30], // first refused dial
      ['down', 3, 60], // second refused dial: 3 failures in a row
      ['connected', undefined, undefined], // resubscribed: fresh snapshot holding the missed update
    ]);
    expect(statuses.at(-1)?.venueState).toBe('connected');
    expect(venue.stats().reconnects).toBe(3);
    expect(fake.subscriptions('binance-stream')).toEqual(['btcusdt@depth@100ms']);
    expect(bidsOf(views.at(-1) as OrderBookView)).toEqual([
      [100.25, 4],
      [100, 1],
      [99, 2],
    ]);
  });

  it('staleness watchdog: no update for staleAfterMs → stale, then a resync that recovers what the silence swallowed', async () => {
    harness = await startHarness('binance', { staleAfterMs: 1_000, backoff: { initialMs: 10 } });
    const { fake, venue, statuses } = harness;
    const views: OrderBookView[] = [];
    const sub = venue.orderBook$('BTC/USDT').subscribe((v) => views.push(v));
    await until(() => views.length === 1);
    fake.silence(60_000);
    fake.updateBook('BTC/USDT', { bids: [[100.5, 2]] }); // dropped by the silent server
    await until(() => views.some((v) => v.bestBid === 100.5));
    sub.unsubscribe();
    const states = statuses.map((s) => s.state);
    const stale = states.indexOf('stale');
    const recovered = states.indexOf('connected', stale);
    expect(states.slice(0, 2)).toEqual(['connecting', 'connected']);
    expect(stale).toBe(2);
    // Then a resync; on a busy machine it may itself run past the limit once more before the snapshot lands.
    expect(states[stale + 1]).toBe('connecting');
    expect(recovered).toBeGreaterThan(stale);
    expect(states.slice(stale, recovered).every((s) => s !== 'connected' && s !== 'down')).toBe(true);
    expect(statuses[stale]?.reason).toMatch(/no update for \d+ ms/);
    expect(venue.stats().staleEvents).toBeGreaterThanOrEqual(1);
    // The resync came from a new REST snapshot, not from the (dropped) diff.
    expect(fake.requests().filter((r) => r.path === '/api/v3/depth').length).toBeGreaterThanOrEqual(2);
  });

  it('sequence gap: ccxt raises, the venue resnapshots and carries on with the exchange book', async () => {
    harness = await startHarness('binance', { staleAfterMs: 0 });
    const { fake, venue, statuses } = harness;
    const views: OrderBookView[] = [];
    const errors: unknown[] = [];
    const sub = venue.orderBook$('BTC/USDT', { depth: 2 }).subscribe({ next: (v) => views.push(v), error: (e) => errors.push(e) });
    await until(() => views.length === 1);
    fake.skipUpdateIds('BTC/USDT', 5);
    fake.updateBook('BTC/USDT', { asks: [[100.75, 1]] });
    // 1001 + 5 skipped + 1 = 1007: only a new snapshot can bring the view there.
    await until(() => views.some((v) => v.seq === 1007));
    fake.updateBook('BTC/USDT', { asks: [[100.8, 1]] });
    await until(() => views.some((v) => v.seq === 1008));
    sub.unsubscribe();
    expect(errors).toEqual([]);
    expect(venue.stats().gaps).toBe(1);
    expect(statuses.some((s) => s.state === 'connecting' && /sequence gap/.test(s.reason ?? ''))).toBe(true);
    const last = views.at(-1) as OrderBookView;
    expect(last.asks()).toEqual([
      [100.75, 1],
      [100.8, 1],
    ]);
    expect(last.bidCount).toBe(2);
  });

  it('malformed frames are counted and skipped; the stream neither errors nor reconnects', async () => {
    harness = await startHarness('binance', { staleAfterMs: 0 });
    const { fake, venue } = harness;
    const views: OrderBookView[] = [];
    const errors: unknown[] = [];
    const sub = venue.orderBook$('BTC/USDT').subscribe({ next: (v) => views.push(v), error: (e) => errors.push(e) });
    await until(() => views.length === 1);
    fake.sendGarbage('definitely not json');
    fake.sendGarbage('{"e":"depthUpdate","s":"BTCUSDT","U":');
    await until(() => venue.stats().malformed === 2);
    fake.updateBook('BTC/USDT', { bids: [[100.1, 1]] });
    await until(() => views.some((v) => v.bestBid === 100.1));
    sub.unsubscribe();
    expect(errors).toEqual([]);
    expect(venue.stats()).toMatchObject({ malformed: 2, reconnects: 0, gaps: 0 });
  });

  it('a slow consumer gets the latest book, not a backlog (conflation; nothing queues)', async () => {
    harness = await startHarness('binance', { staleAfterMs: 0 });
    const { fake, venue } = harness;
    const seqs: (number | undefined)[] = [];
    const sub = venue.orderBook$('BTC/USDT').subscribe((view) => {
      seqs.push(view.seq);
      if (seqs.length === 1) {
        // While this consumer is busy, 200 updates hit the wire.
        for (let i = 1; i <= 200; i++) fake.updateBook('BTC/USDT', { bids: [[100 + i / 1000, 1]] });
      }
    });
    await until(() => seqs.at(-1) === 1201);
    sub.unsubscribe();
    expect(seqs.length).toBeLessThan(50);
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('an error retrying cannot fix (unknown symbol) fails the stream with StreamFailedError and reports down', async () => {
    harness = await startHarness('binance', { staleAfterMs: 0 });
    const { venue, statuses } = harness;
    const error = await new Promise<unknown>((resolve) => venue.orderBook$('DOGE/USDT').subscribe({ error: resolve }));
    expect(error).toBeInstanceOf(StreamFailedError);
    expect((error as StreamFailedError).context).toMatchObject({ venue: 'binance', stream: 'orderBook:DOGE/USDT' });
    expect(statuses.at(-1)).toMatchObject({ stream: 'orderBook:DOGE/USDT', state: 'down' });
  });

  it('OKX: a broken prevSeqId chain resubscribes on the same connection and the book follows the exchange', async () => {
    harness = await startHarness('okx', { staleAfterMs: 0 });
    const { fake, venue } = harness;
    const views: OrderBookView[] = [];
    const sub = venue.orderBook$('BTC/USDT').subscribe((v) => views.push(v));
    await until(() => views.length === 1);
    fake.skipUpdateIds('BTC/USDT', 2);
    fake.updateBook('BTC/USDT', { bids: [[100.4, 1]] });
    await until(() => views.some((v) => v.seq === 1004));
    sub.unsubscribe();
    expect(venue.stats().gaps).toBe(1);
    expect(fake.connectionCount('okx')).toBe(1);
    expect(views.at(-1)?.bestBid).toBe(100.4);
  });
});
