import { type Level, type OrderBookEvent, parseOrderBookDelta, parseOrderBookSnapshot } from '@arbot/core';
import type { Observable } from 'rxjs';
import { CsvRow } from './csv-row';
import { fromLineParser, type InvalidLineOptions, type LineParser } from './line-parser-observable';
import { unifiedSymbol } from './unified-symbol';

/**
 * Options of {@link readTardisBookCsv}.
 *
 * @example
 * ```ts
 * readTardisBookCsv('bitmex_XBTUSD_book.csv.gz', { symbol: 'BTC/USD' });
 * ```
 */
export interface TardisBookCsvOptions extends InvalidLineOptions {
  /** Venue id of the events; default: the `exchange` column. */
  readonly venue?: string;
  /** Unified symbol of the events; default from the `symbol` column (`BTCUSDT` → `BTC/USDT`). */
  readonly symbol?: string;
}

const COLUMNS = ['exchange', 'symbol', 'timestamp', 'local_timestamp', 'is_snapshot', 'side', 'price', 'amount'] as const;

/**
 * Reads a tardis.dev `incremental_book_L2` CSV
 * (`exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount`,
 * times in µs) as order book events, streaming. Consecutive rows of one
 * message (same `local_timestamp` and `is_snapshot`) become one event: the
 * rows of a snapshot one `OrderBookSnapshot` (bids best first, asks
 * best first, zero amounts dropped), the rows of an update one
 * `OrderBookDelta` whose amounts are absolute (0 removes the level).
 * `ts` is the exchange time and `recvTs` the local time, both in ms.
 *
 * tardis rows carry no exchange update ids, and the files are already
 * gap-free, so events are numbered in file order: a snapshot gets `seq` n and
 * the deltas after it `seq` n+1, n+2… with `firstSeq = seq` and `prevSeq = seq - 1`.
 *
 * @example
 * ```ts
 * readTardisBookCsv('test/fixtures/tardis_binance_BTCUSDT_incremental_book_L2_2019-12-01_rows_1_2050.csv')
 *   .pipe(book())
 *   .subscribe((view) => console.log(view.bestBid, view.bestAsk));
 * ```
 */
export function readTardisBookCsv(path: string, options: TardisBookCsvOptions = {}): Observable<OrderBookEvent> {
  return fromLineParser(path, () => tardisBookParser(path, options), options);
}

interface Group {
  readonly row: CsvRow;
  readonly snapshot: boolean;
  readonly localTimestamp: string;
  readonly venue: string;
  readonly symbol: string;
  ts: number;
  readonly recvTs: number;
  readonly bids: Level[];
  readonly asks: Level[];
}

function tardisBookParser(path: string, options: TardisBookCsvOptions): LineParser<OrderBookEvent> {
  let headerSeen = false;
  let group: Group | undefined;
  let seq = 0;

  const flush = (emit: (event: OrderBookEvent) => void) => {
    if (group === undefined) return;
    const { row, snapshot, venue, symbol, ts, recvTs } = group;
    seq += 1;
    if (snapshot) {
      const bids = bestFirst(group.bids, 'bid');
      const asks = bestFirst(group.asks, 'ask');
      emit(row.validate(parseOrderBookSnapshot, { type: 'snapshot', venue, symbol, ts, recvTs, seq, bids, asks }));
    } else {
      const delta = { type: 'delta', venue, symbol, ts, recvTs, seq, firstSeq: seq, prevSeq: seq - 1, bids: group.bids, asks: group.asks };
      emit(row.validate(parseOrderBookDelta, delta));
    }
    group = undefined;
  };

  return {
    line(text, lineNumber, emit) {
      if (!headerSeen) {
        headerSeen = true;
        if (text.startsWith('exchange,')) return;
      }
      const row = new CsvRow(path, lineNumber, text, COLUMNS);
      const snapshotFlag = row.text(4).trim();
      if (snapshotFlag !== 'true' && snapshotFlag !== 'false') row.fail('is_snapshot', snapshotFlag, 'must be true or false');
      const side = row.text(5).trim();
      if (side !== 'bid' && side !== 'ask') row.fail('side', side, 'must be bid or ask');
      const ts = row.microsAsMs(2);
      const recvTs = row.microsAsMs(3);
      const level: Level = [row.positive(6), row.nonNegative(7)];
      const snapshot = snapshotFlag === 'true';
      const localTimestamp = row.text(3).trim();
      let current = group;
      if (current === undefined || current.snapshot !== snapshot || current.localTimestamp !== localTimestamp) {
        flush(emit);
        current = startGroup(row, snapshot, localTimestamp, ts, recvTs, options);
        group = current;
      }
      current.ts = Math.max(current.ts, ts);
      (side === 'bid' ? current.bids : current.asks).push(level);
    },
    end(emit) {
      flush(emit);
    },
  };
}

function startGroup(
  row: CsvRow,
  snapshot: boolean,
  localTimestamp: string,
  ts: number,
  recvTs: number,
  options: TardisBookCsvOptions,
): Group {
  const venue = options.venue ?? row.text(0).trim();
  if (venue === '') row.fail('exchange', '', 'must not be empty');
  const symbol = options.symbol ?? unifiedSymbol(row.text(1).trim());
  if (symbol === undefined) row.fail('symbol', row.text(1), 'cannot split into base/quote; pass the symbol option');
  return { row, snapshot, localTimestamp, venue, symbol, ts, recvTs, bids: [], asks: [] };
}

/** A snapshot's levels deduplicated by price (last row wins), zero amounts dropped, best first. */
function bestFirst(levels: readonly Level[], side: 'bid' | 'ask'): Level[] {
  const byPrice = new Map<number, number>();
  for (const [price, amount] of levels) byPrice.set(price, amount);
  const out: Level[] = [];
  for (const [price, amount] of byPrice) if (amount > 0) out.push([price, amount]);
  return out.sort((a, b) => (side === 'bid' ? b[0] - a[0] : a[0] - b[0]));
}
