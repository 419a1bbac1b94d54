import { type Level, type OrderBookSnapshot, parseOrderBookSnapshot } from '@arbot/core';
import type { Observable } from 'rxjs';
import { CsvRow } from './csv-row';
import { InvalidLineError } from './invalid-line-error';
import { fromLineParser, type InvalidLineOptions, type LineParser } from './line-parser-observable';
import { unifiedSymbol } from './unified-symbol';

/**
 * Options of {@link readL2SnapshotCsv}.
 *
 * @example
 * ```ts
 * readL2SnapshotCsv('book.csv.gz', { venue: 'kraken', symbol: 'LINK/USD' });
 * ```
 */
export interface L2SnapshotCsvOptions extends InvalidLineOptions {
  /** Venue id of the events; default from the symbol's suffix (`.BNC` → `binance`, `.HB` → `huobi`). */
  readonly venue?: string;
  /** Unified symbol of the events; default from the symbol column (`LINKUSDT.BNC` → `LINK/USDT`). */
  readonly symbol?: string;
}

/** Venue ids behind the suffixes the DeFi-arbitrage recorder appends to symbols. */
const VENUE_SUFFIXES: Readonly<Record<string, string>> = { BNC: 'binance', HB: 'huobi' };

/**
 * Reads an L2 snapshot CSV with header `timestamp,symbol,b1..bN,bv1..bvN,a1..aN,av1..avN`
 * (bid prices, bid amounts, ask prices, ask amounts, best first; the layout
 * of the bundled `linkusdt_l2_10lvl_{binance,huobi}_2021-08-20.csv.gz` files)
 * as one `OrderBookSnapshot` per row, streaming. The timestamp is UTC
 * and has no separate receive time, so `recvTs = ts`. Snapshots carry no
 * `seq`: each one replaces the whole book.
 *
 * @example
 * ```ts
 * readL2SnapshotCsv('examples/data/linkusdt_l2_10lvl_binance_2021-08-20.csv.gz')
 *   .pipe(take(1))
 *   .subscribe((s) => console.log(s.venue, s.symbol, s.bids[0], s.asks[0]));
 * // binance LINK/USDT [27.095, 988.45] [27.101, 21.079]
 * ```
 */
export function readL2SnapshotCsv(path: string, options: L2SnapshotCsvOptions = {}): Observable<OrderBookSnapshot> {
  return fromLineParser(path, () => l2SnapshotParser(path, options), options);
}

interface Layout {
  readonly columns: readonly string[];
  readonly timestamp: number;
  readonly symbol: number;
  readonly bidPrices: readonly number[];
  readonly bidAmounts: readonly number[];
  readonly askPrices: readonly number[];
  readonly askAmounts: readonly number[];
}

function l2SnapshotParser(path: string, options: L2SnapshotCsvOptions): LineParser<OrderBookSnapshot> {
  let layout: Layout | undefined;
  return {
    line(text, lineNumber, emit) {
      if (layout === undefined) {
        layout = parseHeader(path, lineNumber, text);
        return;
      }
      const row = new CsvRow(path, lineNumber, text, layout.columns);
      const ts = row.utcTime(layout.timestamp);
      const { venue, symbol } = identify(row, layout.symbol, options);
      const snapshot = {
        type: 'snapshot' as const,
        venue,
        symbol,
        ts,
        recvTs: ts,
        bids: levels(row, layout.bidPrices, layout.bidAmounts, 'bid'),
        asks: levels(row, layout.askPrices, layout.askAmounts, 'ask'),
      };
      const bestBid = snapshot.bids[0]?.[0];
      const bestAsk = snapshot.asks[0]?.[0];
      if (bestBid !== undefined && bestAsk !== undefined && bestBid >= bestAsk) {
        row.fail(row.columns[layout.askPrices[0] ?? 0] ?? 'a1', bestAsk, `crossed book: best bid ${bestBid} >= best ask ${bestAsk}`);
      }
      emit(row.validate(parseOrderBookSnapshot, snapshot));
    },
  };
}

function parseHeader(path: string, line: number, text: string): Layout {
  const columns = text.split(',').map((c) => c.trim());
  const at = (name: string) => columns.indexOf(name);
  const fail = (field: string, reason: string): never => {
    throw new InvalidLineError({ path, line, field, value: text, reason });
  };
  const timestamp = at('timestamp');
  const symbol = at('symbol');
  if (timestamp < 0) fail('timestamp', 'header has no timestamp column');
  if (symbol < 0) fail('symbol', 'header has no symbol column');
  const series = (prefix: string) => {
    const indexes: number[] = [];
    for (let level = 1; at(`${prefix}${level}`) >= 0; level++) indexes.push(at(`${prefix}${level}`));
    return indexes;
  };
  const bidPrices = series('b');
  const bidAmounts = series('bv');
  const askPrices = series('a');
  const askAmounts = series('av');
  const depth = bidPrices.length;
  if (depth === 0) fail('b1', 'header has no b1..bN bid price columns');
  for (const [name, found] of [
    ['bv', bidAmounts.length],
    ['a', askPrices.length],
    ['av', askAmounts.length],
  ] as const) {
    if (found !== depth) fail(`${name}1`, `header has ${found} ${name}N columns but ${depth} bN columns`);
  }
  return { columns, timestamp, symbol, bidPrices, bidAmounts, askPrices, askAmounts };
}

function identify(row: CsvRow, index: number, options: L2SnapshotCsvOptions): { venue: string; symbol: string } {
  const raw = row.text(index).trim();
  const [market = '', suffix = ''] = raw.split('.');
  const venue = options.venue ?? VENUE_SUFFIXES[suffix.toUpperCase()];
  if (venue === undefined) row.fail('symbol', raw, `unknown venue suffix "${suffix}"; pass the venue option`);
  const symbol = options.symbol ?? unifiedSymbol(market);
  if (symbol === undefined) row.fail('symbol', raw, 'cannot split into base/quote; pass the symbol option');
  return { venue, symbol };
}

/** Reads one side's levels, best first, checking that prices move away from the touch (bids fall, asks rise). */
function levels(row: CsvRow, prices: readonly number[], amounts: readonly number[], side: 'bid' | 'ask'): Level[] {
  const out: Level[] = [];
  let previous: number | undefined;
  prices.forEach((priceColumn, i) => {
    const price = row.positive(priceColumn);
    const amount = row.nonNegative(amounts[i] ?? -1);
    const ordered = previous === undefined || (side === 'bid' ? price < previous : price > previous);
    if (!ordered)
      row.fail(
        row.columns[priceColumn] ?? '',
        price,
        side === 'bid' ? 'bid prices must fall from b1 down' : 'ask prices must rise from a1 up',
      );
    previous = price;
    out.push([price, amount]);
  });
  return out;
}
