import { basename } from 'node:path';
import { type Candle, parseCandle, type Timeframe, TimeframeSchema, timeframeMs } from '@arbot/core';
import type { Observable } from 'rxjs';
import { CsvRow } from './csv-row';
import { InvalidLineError } from './invalid-line-error';
import { fromLineParser, type InvalidLineOptions, type LineParser } from './line-parser-observable';
import { unifiedSymbol } from './unified-symbol';

/**
 * Options of {@link readKlineCsv}.
 *
 * @example
 * ```ts
 * readKlineCsv('btc-perp_1m.csv.gz', { venue: 'ftx', symbol: 'BTC/USD:USD', timeframe: '1m' });
 * ```
 */
export interface KlineCsvOptions extends InvalidLineOptions {
  /** Venue id of the candles; default `binance` for headerless Binance klines, required for header CSVs. */
  readonly venue?: string;
  /** Unified symbol; default from the file name (`BTCUSDT-1m-2025-07-13.csv` → `BTC/USDT`). */
  readonly symbol?: string;
  /** Candle timeframe; default from `close_time` (Binance klines), else from the file name, else from the first two rows. */
  readonly timeframe?: Timeframe;
}

/** Column layout of a data.binance.vision kline file (it has no header). */
const BINANCE_COLUMNS = [
  'open_time',
  'open',
  'high',
  'low',
  'close',
  'volume',
  'close_time',
  'quote_volume',
  'trades',
  'taker_buy_base',
  'taker_buy_quote',
  'ignore',
] as const;

/** Names a header CSV may give its time column. */
const TIME_COLUMNS = ['open_time', 'timestamp', 'time', 'date', 'datetime'];

/**
 * Reads OHLCV candles from either of two CSV layouts, streaming:
 *
 * - a data.binance.vision kline file (no header; `open_time,open,high,low,close,volume,close_time,…`,
 *   times in ms, or in µs as Binance spot files are since 2025);
 * - a header CSV `open_time,open,high,low,close,volume` (or `timestamp,…`) with ISO date-times,
 *   read as UTC when they carry no offset.
 *
 * Each row becomes a closed {@link Candle} with `ts` = open time and
 * `recvTs` = close time (`ts` + timeframe): a candle is only known once it
 * closes, so a replay paced on `recvTs` never shows it early. Open times must
 * advance by a whole number of timeframes (gaps allowed, disorder not).
 *
 * @example
 * ```ts
 * readKlineCsv('binance_spot_BTCUSDT-1m-2025-07-13.csv')
 *   .pipe(take(1))
 *   .subscribe((c) => console.log(c.symbol, c.timeframe, c.open, c.close));
 * // BTC/USDT 1m 117420 117458.48
 * ```
 */
export function readKlineCsv(path: string, options: KlineCsvOptions = {}): Observable<Candle> {
  return fromLineParser(path, () => klineParser(path, options), options);
}

interface Layout {
  readonly columns: readonly string[];
  readonly binance: boolean;
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

interface PendingRow {
  readonly row: CsvRow;
  readonly ts: number;
}

function klineParser(path: string, options: KlineCsvOptions): LineParser<Candle> {
  const fromName = namedInFile(path);
  let layout: Layout | undefined;
  let timeframe: Timeframe | undefined = options.timeframe ?? fromName.timeframe;
  let first: PendingRow | undefined;
  let previousTs: number | undefined;
  let binanceTf: Timeframe | undefined;

  const toCandle = (pending: PendingRow, tf: Timeframe, l: Layout): Candle => {
    const { row, ts } = pending;
    const step = timeframeMs(tf);
    if (previousTs !== undefined && (ts <= previousTs || (ts - previousTs) % step !== 0)) {
      row.fail(l.columns[l.time] ?? 'open_time', row.text(l.time), `must follow the previous candle by a whole number of ${tf} candles`);
    }
    previousTs = ts;
    const venue = options.venue ?? (l.binance ? 'binance' : undefined);
    if (venue === undefined) row.fail('venue', undefined, 'a header CSV does not name its venue; pass the venue option');
    const symbol = options.symbol ?? fromName.symbol;
    if (symbol === undefined) row.fail('symbol', basename(path), 'the file name does not name the symbol; pass the symbol option');
    const candle = {
      venue,
      symbol,
      timeframe: tf,
      ts,
      recvTs: ts + step,
      open: row.positive(l.open),
      high: row.positive(l.high),
      low: row.positive(l.low),
      close: row.positive(l.close),
      volume: row.nonNegative(l.volume),
      closed: true,
    };
    return row.validate(parseCandle, candle);
  };

  return {
    line(text, lineNumber, emit) {
      if (layout === undefined) {
        layout = /^\d/.test(text) ? binanceLayout() : headerLayout(path, lineNumber, text);
        if (!layout.binance) return;
      }
      const row = new CsvRow(path, lineNumber, text, layout.columns);
      const ts = layout.binance ? epochMs(row, layout.time) : row.utcTime(layout.time);
      if (layout.binance && options.timeframe === undefined) {
        const own = binanceTimeframe(row, ts);
        if (binanceTf !== undefined && own !== binanceTf)
          row.fail('close_time', row.text(6), `candle is ${own}, earlier candles are ${binanceTf}`);
        binanceTf = own;
        timeframe = own;
      }
      if (timeframe !== undefined) {
        emit(toCandle({ row, ts }, timeframe, layout));
        return;
      }
      if (first === undefined) {
        first = { row, ts };
        return;
      }
      timeframe = timeframeOfGap(row, layout, ts - first.ts);
      emit(toCandle(first, timeframe, layout));
      emit(toCandle({ row, ts }, timeframe, layout));
    },
    end() {
      if (first !== undefined && timeframe === undefined) {
        first.row.fail('timeframe', undefined, 'cannot infer the timeframe from a single row; pass the timeframe option');
      }
    },
  };
}

function binanceLayout(): Layout {
  return { columns: BINANCE_COLUMNS, binance: true, time: 0, open: 1, high: 2, low: 3, close: 4, volume: 5 };
}

function headerLayout(path: string, line: number, text: string): Layout {
  const columns = text.split(',').map((c) => c.trim().toLowerCase());
  const at = (name: string): number => {
    const index = columns.indexOf(name);
    if (index < 0) throw new InvalidLineError({ path, line, field: name, value: text, reason: `header has no ${name} column` });
    return index;
  };
  const time = columns.findIndex((c) => TIME_COLUMNS.includes(c));
  if (time < 0)
    throw new InvalidLineError({
      path,
      line,
      field: 'open_time',
      value: text,
      reason: `header has no time column (${TIME_COLUMNS.join('|')})`,
    });
  return { columns, binance: false, time, open: at('open'), high: at('high'), low: at('low'), close: at('close'), volume: at('volume') };
}

/** Binance open/close times are ms, or µs in spot files since 2025; µs values are 1000× larger (> 1e14 for any date after 1973). */
function epochMs(row: CsvRow, index: number): number {
  const value = row.number(index);
  if (!Number.isInteger(value) || value < 0)
    row.fail(row.columns[index] ?? '', row.text(index), 'must be a non-negative integer epoch time');
  return value >= 1e14 ? Math.floor(value / 1000) : value;
}

/** A Binance kline's close time is the last ms (or µs) of the candle, so the timeframe is close − open + 1 unit. */
function binanceTimeframe(row: CsvRow, openMs: number): Timeframe {
  const rawClose = row.number(6);
  const closeMs = rawClose >= 1e14 ? (rawClose + 1) / 1000 : rawClose + 1;
  const tf = timeframeOfMs(closeMs - openMs);
  if (tf === undefined) row.fail('close_time', row.text(6), `close_time - open_time is not a known timeframe (${closeMs - openMs} ms)`);
  return tf;
}

function timeframeOfGap(row: CsvRow, layout: Layout, gapMs: number): Timeframe {
  const tf = timeframeOfMs(gapMs);
  if (tf === undefined) {
    row.fail(
      layout.columns[layout.time] ?? '',
      row.text(layout.time),
      `first two rows are ${gapMs} ms apart, not a known timeframe; pass the timeframe option`,
    );
  }
  return tf;
}

function timeframeOfMs(ms: number): Timeframe | undefined {
  return TimeframeSchema.options.find((tf) => timeframeMs(tf) === ms);
}

/** Symbol and timeframe named in a file name such as `BTCUSDT-1m-2025-07-13.csv` or `binanceus_spot_BTCUSDT_1m_….csv.gz`. */
function namedInFile(path: string): { symbol?: string; timeframe?: Timeframe } {
  const m = /(?:^|[_-])([A-Z0-9]{5,})[_-](\d+[smhdw])(?:[_.-]|$)/.exec(basename(path));
  if (!m) return {};
  const symbol = unifiedSymbol(m[1] ?? '');
  const parsed = TimeframeSchema.safeParse(m[2]);
  return { ...(symbol === undefined ? {} : { symbol }), ...(parsed.success ? { timeframe: parsed.data } : {}) };
}
