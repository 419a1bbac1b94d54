import {
  type Market,
  type OrderBookView,
  parseCandle,
  parseMarket,
  parseOrderBookDelta,
  parseOrderBookSnapshot,
  parseTicker,
  parseTrade,
  ValidationError,
} from '@arbot/core';
import { InvalidLineError } from '../formats/invalid-line-error';
import { RecordError } from './record-error';
import { type EventStream, type EventStreamMap, type RecordableEvent, type RecordedStream, streamOf } from './recorded-event';

/**
 * One decoded line of a recording: a timed event with its stream, or a market
 * description.
 *
 * @example
 * ```ts
 * const line: RecordingLine = decodeLine(text, 'session.ndjson', 3);
 * if (line.stream === 'book') console.log(line.event.type);
 * ```
 */
export type RecordingLine =
  | { readonly [K in keyof EventStreamMap]: { readonly stream: K; readonly event: EventStreamMap[K] } }[keyof EventStreamMap]
  | { readonly stream: 'market'; readonly market: Market };

/**
 * Encodes one event as a recording line (without the newline):
 * `{"stream":"trade","ts":…,"recvTs":…,"data":{…the other fields…}}`. An
 * `OrderBookView` is written as the snapshot of all its levels. Numbers are
 * written in shortest round-trip form, so a replay reads back the same values.
 *
 * @throws {RecordError} `RECORD_UNSUPPORTED_EVENT` for anything that is not market data.
 * @example
 * ```ts
 * encodeEvent({ venue: 'binance', symbol: 'BTC/USDT', ts: 1, recvTs: 2, price: 100, amount: 1, side: 'buy' });
 * // '{"stream":"trade","ts":1,"recvTs":2,"data":{"venue":"binance","symbol":"BTC/USDT","price":100,"amount":1,"side":"buy"}}'
 * ```
 */
export function encodeEvent(event: RecordableEvent): string {
  const stream = streamOf(event);
  if (stream === undefined) throw unsupportedEvent(event);
  return encodeEventAs(stream, event);
}

/** {@link encodeEvent} for an event whose stream is already known. */
export function encodeEventAs(stream: EventStream, event: RecordableEvent): string {
  const plain = isView(event) ? snapshotOf(event) : event;
  const { ts, recvTs, ...data } = plain;
  return JSON.stringify({ stream, ts, recvTs, data });
}

/** The error for an event {@link streamOf} does not recognise. */
export function unsupportedEvent(event: unknown): RecordError {
  return new RecordError('RECORD_UNSUPPORTED_EVENT', 'Only market data (book events or views, trades, tickers, candles) can be recorded', {
    event: describe(event),
  });
}

/**
 * Encodes a market description as a recording line:
 * `{"stream":"market","data":{…}}`, decimals (precision, limits, fees) as strings.
 *
 * @example
 * ```ts
 * encodeMarket(parseMarket({ venue: 'binance', symbol: 'BTC/USDT', id: 'BTCUSDT', base: 'BTC', quote: 'USDT',
 *   precision: { amount: '0.00001', price: '0.01' }, limits: {}, fees: { maker: '0.001', taker: '0.001' } }));
 * ```
 */
export function encodeMarket(market: Market): string {
  // Decimal#toJSON yields its exact decimal string.
  return JSON.stringify({ stream: 'market', data: market });
}

/**
 * Decodes and revalidates one recording line with the core schemas.
 *
 * @throws {InvalidLineError} naming the line and the offending field (`ts`, `stream`, `data.price`…).
 * @example
 * ```ts
 * const line = decodeLine('{"stream":"trade","ts":1,"recvTs":2,"data":{"venue":"binance","symbol":"BTC/USDT",'
 *   + '"price":100,"amount":1,"side":"buy"}}', 'session.ndjson', 1);
 * if (line.stream === 'trade') console.log(line.event.price); // 100
 * ```
 */
export function decodeLine(text: string, path: string, line: number): RecordingLine {
  const fail = (field: string, value: unknown, reason: string): never => {
    throw new InvalidLineError({ path, line, field, value, reason });
  };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail('', text, 'not valid JSON');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('', text, 'must be a JSON object');
  const { stream, ts, recvTs, data } = raw as Record<string, unknown>;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return fail('data', data, 'must be an object');
  const validate = <T>(parse: (input: unknown) => T, input: unknown): T => {
    try {
      return parse(input);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const issue = error.issues[0];
      const field = issue?.field ?? '';
      const where = stream === 'market' || (field !== 'ts' && field !== 'recvTs') ? `data.${field}` : field;
      return fail(field === '' ? 'data' : where, issue?.value, issue?.message ?? error.message);
    }
  };
  if (stream === 'market') return { stream, market: validate(parseMarket, data) };
  const event = { ...data, ts, recvTs };
  switch (stream as RecordedStream) {
    case 'book': {
      const type = (data as Record<string, unknown>).type;
      if (type === 'snapshot') return { stream: 'book', event: validate(parseOrderBookSnapshot, event) };
      if (type === 'delta') return { stream: 'book', event: validate(parseOrderBookDelta, event) };
      return fail('data.type', type, 'must be snapshot or delta');
    }
    case 'trade':
      return { stream: 'trade', event: validate(parseTrade, event) };
    case 'ticker':
      return { stream: 'ticker', event: validate(parseTicker, event) };
    case 'candle':
      return { stream: 'candle', event: validate(parseCandle, event) };
    default:
      return fail('stream', stream, 'must be one of book, trade, ticker, candle, market');
  }
}

function isView(event: RecordableEvent): event is OrderBookView {
  return typeof (event as { bids: unknown }).bids === 'function';
}

function snapshotOf(view: OrderBookView) {
  const { venue, symbol, ts, recvTs, seq } = view;
  return {
    type: 'snapshot' as const,
    venue,
    symbol,
    ts,
    recvTs,
    ...(seq === undefined ? {} : { seq }),
    bids: view.bids(),
    asks: view.asks(),
  };
}

function describe(value: unknown): string {
  try {
    const json = JSON.stringify(value) ?? String(value);
    return json.length > 120 ? `${json.slice(0, 117)}...` : json;
  } catch {
    return Object.prototype.toString.call(value);
  }
}
