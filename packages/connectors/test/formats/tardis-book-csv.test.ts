import { readFileSync } from 'node:fs';
import { book, type OrderBookDelta, type OrderBookSnapshot } from '@arbot/core';
import { lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { readTardisBookCsv } from '../../src/formats/index';
import { fixture, tempDir } from './temp-dir';

const FILE = fixture('tardis_binance_BTCUSDT_incremental_book_L2_2019-12-01_rows_1_2050.csv');
const tmp = tempDir('tardis-book');

/** Brute-force reference: apply every row of the CSV to two price→amount maps, in file order. */
function referenceBook(): { bids: [number, number][]; asks: [number, number][] } {
  const sides = { bid: new Map<number, number>(), ask: new Map<number, number>() };
  for (const line of readFileSync(FILE, 'utf8').trim().split('\n').slice(1)) {
    const [, , , , , side, price, amount] = line.split(',');
    const map = side === 'bid' ? sides.bid : sides.ask;
    if (Number(amount) === 0) map.delete(Number(price));
    else map.set(Number(price), Number(amount));
  }
  return {
    bids: [...sides.bid].sort((a, b) => b[0] - a[0]),
    asks: [...sides.ask].sort((a, b) => a[0] - b[0]),
  };
}

describe('readTardisBookCsv', () => {
  it('groups the real sample into one snapshot and its deltas, numbered in file order', async () => {
    const events = await lastValueFrom(readTardisBookCsv(FILE).pipe(toArray()));
    // 2000 snapshot rows (1000 asks + 1000 bids), then 50 delta rows in 7 messages of 2, 4, 5, 8, 13, 14 and 4 rows.
    expect(events.map((e) => e.type)).toEqual(['snapshot', 'delta', 'delta', 'delta', 'delta', 'delta', 'delta', 'delta']);
    const snapshot = events[0] as OrderBookSnapshot;
    expect(snapshot).toMatchObject({ venue: 'binance', symbol: 'BTC/USDT', seq: 1, ts: 1_575_158_405_045, recvTs: 1_575_158_405_045 });
    expect(snapshot.bids).toHaveLength(1000);
    expect(snapshot.asks).toHaveLength(1000);
    expect(snapshot.bids[0]).toEqual([7539.41, 0.226735]);
    expect(snapshot.asks[0]).toEqual([7541.38, 0.085806]);
    const deltas = events.slice(1) as OrderBookDelta[];
    expect(deltas.map((d) => d.bids.length + d.asks.length)).toEqual([2, 4, 5, 8, 13, 14, 4]);
    expect(deltas.map((d) => [d.seq, d.firstSeq, d.prevSeq])).toEqual([2, 3, 4, 5, 6, 7, 8].map((s) => [s, s, s - 1]));
    // Row 2002: timestamp 1575158404999000 µs, local_timestamp 1575158405116597 µs → ms, floored.
    expect(deltas[0]).toMatchObject({
      ts: 1_575_158_404_999,
      recvTs: 1_575_158_405_116,
      bids: [
        [7537.42, 0.2],
        [7523.16, 0.056039],
      ],
      asks: [],
    });
  });

  it('rebuilds through book() exactly the book a brute-force replay of the rows gives', async () => {
    const views = await lastValueFrom(readTardisBookCsv(FILE).pipe(book(), toArray()));
    expect(views).toHaveLength(8);
    const last = views.at(-1);
    const reference = referenceBook();
    expect(last?.bids()).toEqual(reference.bids);
    expect(last?.asks()).toEqual(reference.asks);
    expect(last?.seq).toBe(8);
  });

  it('starts a new snapshot when snapshot rows follow deltas, and honours venue/symbol options', async () => {
    const rows = [
      'exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount',
      'bitmex,XBTUSD,1000,2000,true,bid,100,1',
      'bitmex,XBTUSD,1000,2000,true,ask,101,1',
      'bitmex,XBTUSD,3000,4000,false,bid,100,0',
      'bitmex,XBTUSD,5000,6000,true,bid,99,2',
      'bitmex,XBTUSD,5000,6000,true,ask,102,3',
    ];
    const path = tmp.write('resnap.csv', `${rows.join('\n')}\n`);
    const events = await lastValueFrom(readTardisBookCsv(path, { venue: 'bitmex', symbol: 'BTC/USD' }).pipe(toArray()));
    expect(events).toEqual([
      { type: 'snapshot', venue: 'bitmex', symbol: 'BTC/USD', ts: 1, recvTs: 2, seq: 1, bids: [[100, 1]], asks: [[101, 1]] },
      { type: 'delta', venue: 'bitmex', symbol: 'BTC/USD', ts: 3, recvTs: 4, seq: 2, firstSeq: 2, prevSeq: 1, bids: [[100, 0]], asks: [] },
      { type: 'snapshot', venue: 'bitmex', symbol: 'BTC/USD', ts: 5, recvTs: 6, seq: 3, bids: [[99, 2]], asks: [[102, 3]] },
    ]);
  });

  it('names line and column of a bad row', async () => {
    const path = tmp.write('bad.csv', 'binance,BTCUSDT,1000,2000,true,bid,100,1\nbinance,BTCUSDT,1000,2000,maybe,bid,100,1\n');
    await expect(lastValueFrom(readTardisBookCsv(path))).rejects.toMatchObject({ code: 'INVALID_LINE', line: 2, field: 'is_snapshot' });
    const side = tmp.write('side.csv', 'binance,BTCUSDT,1000,2000,true,buy,100,1\n');
    await expect(lastValueFrom(readTardisBookCsv(side))).rejects.toMatchObject({ line: 1, field: 'side' });
    const price = tmp.write('price.csv', 'binance,BTCUSDT,1000,2000,true,bid,-5,1\n');
    await expect(lastValueFrom(readTardisBookCsv(price))).rejects.toMatchObject({ line: 1, field: 'price' });
  });
});
