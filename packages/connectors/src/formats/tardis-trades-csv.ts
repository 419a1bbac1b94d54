import { parseTrade, type Trade } from '@arbot/core';
import type { Observable } from 'rxjs';
import { CsvRow } from './csv-row';
import { fromLineParser, type InvalidLineOptions, type LineParser } from './line-parser-observable';
import { unifiedSymbol } from './unified-symbol';

/**
 * Options of {@link readTardisTradesCsv}.
 *
 * @example
 * ```ts
 * readTardisTradesCsv('deribit_trades.csv.gz', { symbol: 'BTC/USD:BTC' });
 * ```
 */
export interface TardisTradesCsvOptions extends InvalidLineOptions {
  /** Venue id of the trades; default: the `exchange` column. */
  readonly venue?: string;
  /** Unified symbol of the trades; default from the `symbol` column (`BTCUSDT` → `BTC/USDT`). */
  readonly symbol?: string;
}

const COLUMNS = ['exchange', 'symbol', 'timestamp', 'local_timestamp', 'id', 'side', 'price', 'amount'] as const;

/**
 * Reads a tardis.dev `trades` CSV
 * (`exchange,symbol,timestamp,local_timestamp,id,side,price,amount`, times in
 * µs) as {@link Trade}s, streaming: `ts` is the exchange time and `recvTs`
 * the local time, in ms; `side` is the taker's side. A trade whose side
 * tardis reports as `unknown` is an invalid line (skip it with `invalidLines: 'skip'`).
 *
 * @example
 * ```ts
 * const trades = await lastValueFrom(readTardisTradesCsv('trades.csv').pipe(toArray()));
 * console.log(trades[0]); // { venue: 'binance', symbol: 'BTC/USDT', id: '211646077', side: 'sell', price: 7540.78, ... }
 * ```
 */
export function readTardisTradesCsv(path: string, options: TardisTradesCsvOptions = {}): Observable<Trade> {
  return fromLineParser(path, () => tardisTradesParser(path, options), options);
}

function tardisTradesParser(path: string, options: TardisTradesCsvOptions): LineParser<Trade> {
  let headerSeen = false;
  return {
    line(text, lineNumber, emit) {
      if (!headerSeen) {
        headerSeen = true;
        if (text.startsWith('exchange,')) return;
      }
      const row = new CsvRow(path, lineNumber, text, COLUMNS);
      const side = row.text(5).trim();
      if (side !== 'buy' && side !== 'sell') row.fail('side', side, 'must be buy or sell');
      const venue = options.venue ?? row.text(0).trim();
      const symbol = options.symbol ?? unifiedSymbol(row.text(1).trim());
      if (symbol === undefined) row.fail('symbol', row.text(1), 'cannot split into base/quote; pass the symbol option');
      const id = row.text(4).trim();
      const trade = {
        venue,
        symbol,
        ...(id === '' ? {} : { id }),
        ts: row.microsAsMs(2),
        recvTs: row.microsAsMs(3),
        price: row.positive(6),
        amount: row.positive(7),
        side,
      };
      emit(row.validate(parseTrade, trade));
    },
  };
}
