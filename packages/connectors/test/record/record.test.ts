import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { OrderBook, type OrderBookSnapshot, parseMarket, type Trade, ValidationError } from '@arbot/core';
import { concat, from, lastValueFrom, NEVER, Subject, throwError, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { RecordError, type RecordingSummary, record } from '../../src/record/index';
import { tempDir } from '../formats/temp-dir';

const tmp = tempDir('record');

const trade: Trade = {
  venue: 'binance',
  symbol: 'BTC/USDT',
  id: 't1',
  ts: 1_000,
  recvTs: 1_005,
  price: 30_000.5,
  amount: 0.25,
  side: 'buy',
};
const snapshot: OrderBookSnapshot = {
  type: 'snapshot',
  venue: 'binance',
  symbol: 'BTC/USDT',
  ts: 1_001,
  recvTs: 1_006,
  seq: 7,
  bids: [[30_000, 1.5]],
  asks: [[30_001, 0.1]],
};

const TRADE_LINE =
  '{"stream":"trade","ts":1000,"recvTs":1005,"data":{"venue":"binance","symbol":"BTC/USDT","id":"t1","price":30000.5,"amount":0.25,"side":"buy"}}';
const SNAPSHOT_LINE =
  '{"stream":"book","ts":1001,"recvTs":1006,"data":{"type":"snapshot","venue":"binance","symbol":"BTC/USDT","seq":7,"bids":[[30000,1.5]],"asks":[[30001,0.1]]}}';

describe('record', () => {
  it('writes one JSON line per event to plain NDJSON, passes the same events on, and closes before completing', async () => {
    const path = tmp.path('plain.ndjson');
    const out = await lastValueFrom(from([trade, snapshot]).pipe(record(path), toArray()));
    expect(out[0]).toBe(trade);
    expect(out[1]).toBe(snapshot);
    // Completion is forwarded after the file is closed, so it can be read at once.
    expect(readFileSync(path, 'utf8')).toBe(`${TRADE_LINE}\n${SNAPSHOT_LINE}\n`);
  });

  it('gzips .gz paths to the same text', async () => {
    const path = tmp.path('events.ndjson.gz');
    await lastValueFrom(from([trade, snapshot]).pipe(record(path, { level: 1 })));
    expect(gunzipSync(readFileSync(path)).toString('utf8')).toBe(`${TRADE_LINE}\n${SNAPSHOT_LINE}\n`);
  });

  it('writes the markets first, decimals as exact strings, and reports a summary on close', async () => {
    const market = parseMarket({
      venue: 'binance',
      symbol: 'BTC/USDT',
      id: 'BTCUSDT',
      base: 'BTC',
      quote: 'USDT',
      precision: { amount: '0.00001', price: '0.01' },
      limits: { cost: { min: '5' } },
      fees: { maker: '0.001', taker: '0.001' },
    });
    const path = tmp.path('markets.ndjson');
    let summary: RecordingSummary | undefined;
    await lastValueFrom(from([trade, trade, snapshot]).pipe(record(path, { markets: [market], onClose: (s) => (summary = s) })));
    const [first] = readFileSync(path, 'utf8').split('\n');
    const parsed = JSON.parse(first ?? '') as { stream: string; data: { precision: unknown; fees: unknown; limits: { cost: unknown } } };
    expect(parsed.stream).toBe('market');
    expect(parsed.data.precision).toEqual({ amount: '0.00001', price: '0.01' });
    expect(parsed.data.fees).toEqual({ maker: '0.001', taker: '0.001' });
    expect(parsed.data.limits.cost).toEqual({ min: '5' });
    expect(summary).toMatchObject({ path, events: 3, markets: 1, byStream: { trade: 2, book: 1, ticker: 0, candle: 0 } });
    expect(summary?.error).toBeUndefined();
  });

  it('writes an order book view as the snapshot of its levels', async () => {
    const live = new OrderBook({ venue: 'okx', symbol: 'ETH/USDT' });
    live.applySnapshot({
      type: 'snapshot',
      venue: 'okx',
      symbol: 'ETH/USDT',
      ts: 5,
      recvTs: 6,
      seq: 3,
      bids: [
        [10, 1],
        [9, 2],
      ],
      asks: [[11, 3]],
    });
    const path = tmp.path('view.ndjson');
    await lastValueFrom(from([live.view()]).pipe(record(path)));
    expect(readFileSync(path, 'utf8')).toBe(
      '{"stream":"book","ts":5,"recvTs":6,"data":{"type":"snapshot","venue":"okx","symbol":"ETH/USDT","seq":3,"bids":[[10,1],[9,2]],"asks":[[11,3]]}}\n',
    );
  });

  it('flushes what it got and forwards the source error after closing', async () => {
    const path = tmp.path('error.ndjson');
    const boom = new Error('feed died');
    const error = await lastValueFrom(
      concat(
        from([trade]),
        throwError(() => boom),
      ).pipe(record(path)),
    ).catch((e: unknown) => e);
    expect(error).toBe(boom);
    expect(readFileSync(path, 'utf8')).toBe(`${TRADE_LINE}\n`);
  });

  it('closes the file on unsubscribe and reports it', async () => {
    const path = tmp.path('unsubscribe.ndjson.gz');
    const source = new Subject<Trade>();
    const closed = new Promise<RecordingSummary>((resolve) => {
      const sub = concat(source, NEVER)
        .pipe(record(path, { onClose: resolve }))
        .subscribe();
      source.next(trade);
      sub.unsubscribe();
    });
    expect((await closed).events).toBe(1);
    expect(gunzipSync(readFileSync(path)).toString('utf8')).toBe(`${TRADE_LINE}\n`);
  });

  it('fails with RECORD_WRITE when the directory does not exist', async () => {
    const path = tmp.path('no/such/dir/x.ndjson.gz');
    const error = await lastValueFrom(concat(from([trade]), NEVER).pipe(record(path))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecordError);
    expect(error).toMatchObject({ code: 'RECORD_WRITE', context: { path, reason: 'no such directory' } });
  });

  it('refuses events that are not market data', async () => {
    const path = tmp.path('unsupported.ndjson');
    const notMarketData = { venue: 'binance', symbol: 'BTC/USDT', type: 'fill' } as unknown as Trade;
    await expect(lastValueFrom(from([trade, notMarketData]).pipe(record(path)))).rejects.toMatchObject({
      code: 'RECORD_UNSUPPORTED_EVENT',
    });
    expect(readFileSync(path, 'utf8')).toBe(`${TRADE_LINE}\n`);
  });

  it('fails with RECORD_BACKLOG instead of buffering without bound', async () => {
    const path = tmp.path('backlog.ndjson');
    // One trade line is 143 characters (TRADE_LINE + newline), more than the 100 allowed to wait.
    await expect(lastValueFrom(from([trade]).pipe(record(path, { maxBufferedBytes: 100 })))).rejects.toMatchObject({
      code: 'RECORD_BACKLOG',
      context: { maxBufferedBytes: 100 },
    });
  });

  it('validates its options', () => {
    expect(() => record(tmp.path('x'), { level: 0 })).toThrow(ValidationError);
    expect(() => record('', {})).toThrow(/path/);
    expect(() => record(tmp.path('x'), { maxBufferedBytes: -1 })).toThrow(/maxBufferedBytes/);
  });
});
