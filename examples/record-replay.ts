/**
 * Record a live session to a file, then replay it on a virtual clock.
 *
 *   record:  ccxtVenue(exchange).orderBook$ + trades$ → record('session.ndjson.gz')
 *   inspect: inspectRecording(file) → events per stream, time range
 *   replay:  replayFeed(file, { clock: VirtualClock }) → the same MarketDataVenue API
 *
 * A recording is gzipped NDJSON, one event per line with the exchange time
 * `ts` and the local receive time `recvTs`; the replay feeds them back in
 * `recvTs` order and moves the virtual clock to each, so any pipeline (and
 * its timers) sees exactly what it saw live. Every book view the replay
 * rebuilds is compared with the view recorded.
 *
 *   pnpm example record-replay                                  # live binance BTC/USDT for 15 s
 *   pnpm example record-replay --exchange okx --symbol ETH/USDT --seconds 60 --out eth.ndjson.gz
 *   pnpm example record-replay --smoke                          # offline: a local fake exchange
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inspectRecording, record, replayFeed } from '@arbot/connectors';
import { type OrderBookView, type Trade, VirtualClock } from '@arbot/core';
import { lastValueFrom, merge, take, takeUntil, timer, toArray } from 'rxjs';
import { parseFlags, runExample } from './lib/cli';
import { fixed, heading, printTable, utc } from './lib/print';
import { type ExampleVenues, openFakeVenues, openLiveVenues } from './lib/venues';

const info = {
  name: 'record-replay',
  summary: 'Records live order books and trades of one market to a file, inspects it, and replays it on a virtual clock.',
  flags: {
    exchange: { type: 'string', default: 'binance', help: 'ccxt exchange id' },
    symbol: { type: 'string', default: 'BTC/USDT', help: 'unified symbol' },
    seconds: { type: 'number', default: 15, min: 1, max: 86_400, help: 'how long to record' },
    depth: { type: 'number', default: 10, min: 1, max: 100, help: 'book levels recorded per side' },
    out: { type: 'string', help: 'recording path (.ndjson.gz; default: a temporary file, deleted afterwards)' },
  },
} as const;

runExample(info, async () => {
  const flags = parseFlags(info);
  const symbol = flags.symbol;
  const scratch = flags.out === undefined ? mkdtempSync(join(tmpdir(), 'arbot-record-')) : undefined;
  const path = flags.out === undefined ? join(scratch ?? '', 'session.ndjson.gz') : resolve(flags.out);

  try {
    // 1. Record. The markets go to the head of the file, so the replay can serve markets() too.
    const opened: ExampleVenues = flags.smoke ? await fakeExchange(symbol) : await openLiveVenues([flags.exchange], [symbol]);
    const venue = opened.venues[0];
    if (venue === undefined) throw new Error('no venue opened');
    const markets = (opened.markets.get(venue.id) ?? []).filter((m) => m.symbol === symbol);
    console.log(`Recording ${venue.id} ${symbol}${flags.smoke ? ' (local fake exchange)' : ` for ${flags.seconds} s`} to ${path}…`);
    const scripted = flags.smoke ? scriptFakeMarket(opened, venue.id, symbol) : undefined;
    const live = merge(venue.orderBook$(symbol, { depth: flags.depth }), venue.trades$(symbol));
    const recorded = await lastValueFrom(
      live.pipe(flags.smoke ? take(12) : takeUntil(timer(flags.seconds * 1_000)), record(path, { markets }), toArray()),
    );
    scripted?.unsubscribe();
    await opened.close();

    // 2. Inspect: what is in the file.
    const inspection = await inspectRecording(path);
    heading(`${inspection.events} events, ${inspection.markets} market(s) in ${path}`);
    printTable(
      inspection.series.map((s) => ({
        stream: s.stream,
        venue: s.venue,
        symbol: s.symbol,
        events: s.count,
        first: utc(s.firstTs),
        last: utc(s.lastTs),
      })),
    );

    // 3. Replay on a virtual clock: the feed serves the recording as MarketDataVenues.
    const first = recorded[0];
    const clock = new VirtualClock(first === undefined ? 0 : first.recvTs);
    const feed = replayFeed(path, { clock, pacing: 'virtual' });
    const replayedVenue = feed.venue(venue.id);
    const replayed = await lastValueFrom(merge(replayedVenue.orderBook$(symbol), replayedVenue.trades$(symbol)).pipe(toArray()));
    console.log(`\nreplayed ${replayed.length} events; virtual clock now ${utc(clock.now())} (the last event's receive time)`);
    console.log(`markets() of the replayed venue: ${(await replayedVenue.markets()).map((m) => m.symbol).join(', ')}`);

    // Every replayed book view has the same levels as the one recorded live, in the same order.
    const liveBooks = recorded.filter(isBook);
    const replayedBooks = replayed.filter(isBook);
    const same =
      liveBooks.length === replayedBooks.length &&
      liveBooks.every((v, i) => {
        const r = replayedBooks[i];
        return r !== undefined && r.recvTs === v.recvTs && JSON.stringify([r.bids(), r.asks()]) === JSON.stringify([v.bids(), v.asks()]);
      });
    const lastBook = replayedBooks.at(-1);
    console.log(`last replayed book: bid ${fixed(lastBook?.bestBid, 2)} / ask ${fixed(lastBook?.bestAsk, 2)}`);
    console.log(same ? `all ${liveBooks.length} book views match the live ones` : 'MISMATCH between live and replayed books');
    if (!same) throw new Error('the replay did not rebuild the recorded books');
  } finally {
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  }
});

const isBook = (event: OrderBookView | Trade): event is OrderBookView => 'bids' in event && typeof event.bids === 'function';

/** --smoke: one fake exchange speaking Binance's protocol, read by the real ccxt binance class. */
function fakeExchange(symbol: string) {
  return openFakeVenues([
    {
      protocol: 'binance',
      books: {
        [symbol]: {
          bids: [
            [64_000, 1],
            [63_999, 2],
          ],
          asks: [
            [64_001, 1.5],
            [64_002, 3],
          ],
        },
      },
    },
  ]);
}

/** Moves the fake book and prints a trade every 100 ms once the venue has subscribed. */
function scriptFakeMarket(opened: ExampleVenues, venueId: string, symbol: string) {
  const fake = 'fakes' in opened ? (opened as Awaited<ReturnType<typeof fakeExchange>>).fakes.get(venueId) : undefined;
  return timer(300, 100).subscribe((i) => {
    if (i % 2 === 0) fake?.updateBook(symbol, { bids: [[64_000 - i, 0.5 + i / 10]] });
    else fake?.publishTrade(symbol, { price: 64_001, amount: 0.01 * i, side: 'buy' });
  });
}
