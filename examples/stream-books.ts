/**
 * Stream one symbol's order book from several venues at once.
 *
 *   ccxtVenue('binance'), ccxtVenue('okx'), …   (ccxt pro websockets, public data, no keys)
 *     → multiVenue([...]).books$(symbol)         (one BookSet per update: the latest book of every venue)
 *     → print best bid / ask per venue and the best cross-venue spread
 *
 * Venues that disconnect are reported on `health$` and dropped from the sets
 * until they recover, so nothing downstream compares against a dead book.
 *
 *   pnpm example stream-books                                   # live: binance + okx, BTC/USDT, 20 s
 *   pnpm example stream-books --exchanges kraken,bybit --symbol ETH/USDT --seconds 60
 *   pnpm example stream-books --smoke                           # offline: local fake exchanges
 */
import { multiVenue } from '@arbot/connectors';
import type { BookSet } from '@arbot/core';
import { lastValueFrom, take, takeUntil, tap, timer } from 'rxjs';
import { listFlag, parseFlags, runExample } from './lib/cli';
import { fixed, heading } from './lib/print';
import { type ExampleVenues, openFakeVenues, openLiveVenues } from './lib/venues';

const info = {
  name: 'stream-books',
  summary: 'Streams live order books of one symbol from several exchanges (ccxt pro) and prints the cross-venue spread.',
  flags: {
    exchanges: { type: 'string', default: 'binance,okx', help: 'comma-separated ccxt exchange ids' },
    symbol: { type: 'string', default: 'BTC/USDT', help: 'unified symbol' },
    seconds: { type: 'number', default: 20, min: 1, max: 86_400, help: 'how long to stream' },
    depth: { type: 'number', default: 5, min: 1, max: 100, help: 'levels per side kept in each view' },
  },
} as const;

runExample(info, async () => {
  const flags = parseFlags(info);
  const exchanges = listFlag('--exchanges', flags.exchanges);
  if (exchanges.length < 2) console.warn('note: one exchange has no cross-venue spread; give two or more with --exchanges');

  const opened: ExampleVenues = flags.smoke ? await fakeBinanceAndOkx(flags.symbol) : await openLiveVenues(exchanges, [flags.symbol]);
  const multi = multiVenue(opened.venues);
  console.log(
    `Streaming ${flags.symbol} from ${opened.venues.map((v) => v.id).join(', ')}${flags.smoke ? ' (local fake exchanges)' : ''}…`,
  );

  // Connection changes of any venue: connecting, connected, stale (silent too long), reconnecting, down.
  const health = multi.health$.subscribe((h) =>
    console.log(`health: ${h.venues.map((v) => `${v.venue}=${v.connection ?? v.state}${v.reason ? ` (${v.reason})` : ''}`).join('  ')}`),
  );

  // In --smoke, the fake books move on a timer; the run ends after a fixed number of updates.
  const scripted =
    flags.smoke && 'fakes' in opened ? moveFakeBooks(opened as Awaited<ReturnType<typeof fakeBinanceAndOkx>>, flags.symbol) : undefined;
  let updates = 0;
  await lastValueFrom(
    multi.books$(flags.symbol, { depth: flags.depth }).pipe(
      tap((set) => {
        updates++;
        console.log(describe(set, flags.symbol));
      }),
      flags.smoke ? take(8) : takeUntil(timer(flags.seconds * 1_000)),
    ),
    { defaultValue: undefined },
  );
  scripted?.unsubscribe();
  health.unsubscribe();
  await multi.close();
  heading(`${updates} book updates`);
});

/** One line per update: each venue's touch, and buying on the cheapest ask vs selling on the highest bid. */
function describe(set: BookSet, symbol: string): string {
  const views = [...set.forSymbol(symbol)].sort((a, b) => a.venue.localeCompare(b.venue));
  const touches = views.map((v) => `${v.venue} ${fixed(v.bestBid, 2)} / ${fixed(v.bestAsk, 2)}`).join('   ');
  let cross = '';
  if (views.length >= 2) {
    const cheapest = views.reduce((a, b) => ((b.bestAsk ?? Infinity) < (a.bestAsk ?? Infinity) ? b : a));
    const richest = views.reduce((a, b) => ((b.bestBid ?? -Infinity) > (a.bestBid ?? -Infinity) ? b : a));
    if (cheapest.bestAsk !== undefined && richest.bestBid !== undefined && cheapest.venue !== richest.venue) {
      const bps = ((richest.bestBid - cheapest.bestAsk) / cheapest.bestAsk) * 10_000;
      cross = `   buy ${cheapest.venue} → sell ${richest.venue}: ${fixed(bps, 2)} bps before fees`;
    }
  }
  return `${new Date(set.updated.recvTs).toISOString().slice(11, 23)}  [${set.updated.venue}]  ${touches}${cross}`;
}

/** --smoke: a Binance-protocol and an OKX-protocol fake exchange, each with its own book, read by the real ccxt classes. */
function fakeBinanceAndOkx(symbol: string) {
  return openFakeVenues([
    {
      protocol: 'binance',
      books: {
        [symbol]: {
          bids: [
            [30_000, 1.2],
            [29_999.5, 3],
          ],
          asks: [
            [30_000.5, 0.8],
            [30_001, 2],
          ],
        },
      },
    },
    {
      protocol: 'okx',
      books: {
        [symbol]: {
          bids: [
            [30_000.2, 0.5],
            [29_999, 4],
          ],
          asks: [
            [30_001.4, 1],
            [30_002, 2.5],
          ],
        },
      },
    },
  ]);
}

/** Moves the fake books every 150 ms: okx's bid climbs until it crosses binance's ask, binance's ask thins out. */
function moveFakeBooks(opened: Awaited<ReturnType<typeof fakeBinanceAndOkx>>, symbol: string) {
  const binance = opened.fakes.get('binance');
  const okx = opened.fakes.get('okx');
  return timer(300, 150).subscribe((i) => {
    if (i % 2 === 0) okx?.updateBook(symbol, { bids: [[30_000.3 + i * 0.5, 0.4]] });
    else binance?.updateBook(symbol, { asks: [[30_000.5, 0.8 - i * 0.05]] });
  });
}
