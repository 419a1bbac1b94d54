import { readFileSync, writeFileSync } from 'node:fs';
import { parseMarket, systemClock, type Trade, ValidationError, VirtualClock } from '@arbot/core';
import fc from 'fast-check';
import { from, lastValueFrom, take, timer, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { FileReadError, InvalidLineError } from '../../src/formats/index';
import { encodeEvent, type MarketDataEvent, record } from '../../src/record/index';
import { readRecordedMarkets, readRecording, replay, replayTagged } from '../../src/replay/index';
import { tempDir } from '../formats/temp-dir';
import { marketDataEvent } from './market-data-arbitraries';

const tmp = tempDir('replay');

function trade(recvTs: number, price = 100, ts = recvTs): Trade {
  return { venue: 'binance', symbol: 'BTC/USDT', ts, recvTs, price, amount: 1, side: 'buy' };
}

/** Writes events as a plain recording (what `record` would write). */
function recording(name: string, events: readonly MarketDataEvent[]): string {
  return tmp.write(name, events.map((e) => `${encodeEvent(e)}\n`).join(''));
}

/** Lets pending I/O callbacks and promise continuations run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Settles until `condition` holds (file reads take a few event-loop turns); fails after 200 turns. */
async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 200 && !condition(); turn++) await settle();
  expect(condition()).toBe(true);
}

describe('replay', () => {
  it('reads back exactly the events that were recorded, of every stream (property)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(marketDataEvent, { maxLength: 40 }), async (events) => {
        const path = tmp.path(`roundtrip-${run++}.ndjson.gz`);
        await lastValueFrom(from(events).pipe(record(path, { level: 1 })), { defaultValue: undefined });
        const replayed = await lastValueFrom(replay(path, { pacing: 'asap' }).pipe(toArray()));
        expect(replayed).toEqual(events);
      }),
      { numRuns: 40 },
    );
  });

  it('fails on a bad line with its number and field, after emitting the lines before it', async () => {
    const good = encodeEvent(trade(1));
    const path = tmp.write('bad.ndjson', `${good}\n${good.replace('"price":100', '"price":-3')}\n${good}\n`);
    const seen: number[] = [];
    const error = await new Promise<unknown>((resolve) =>
      replay(path, { pacing: 'asap' }).subscribe({ next: (e) => seen.push(e.recvTs), error: resolve, complete: () => resolve(undefined) }),
    );
    expect(error).toBeInstanceOf(InvalidLineError);
    expect(error).toMatchObject({ code: 'INVALID_LINE', path, line: 2, field: 'data.price', context: { value: -3 } });
    expect(seen).toEqual([1]);
  });

  it('skips and reports every kind of bad line with invalidLines: skip', async () => {
    const good = encodeEvent(trade(1));
    const lines = [
      good,
      '{"stream":"trade",', // 2: truncated JSON
      good.replace('"stream":"trade"', '"stream":"quote"'), // 3: unknown stream
      good.replace('"ts":1,', ''), // 4: no exchange time
      good.replace('"side":"buy"', '"side":"long"'), // 5: bad side
      '', // 6: blank, ignored
      '[1,2]', // 7: not an object
      encodeEvent(trade(2)),
    ];
    const path = tmp.write('skip.ndjson.gz', `${lines.join('\n')}\n`);
    const skipped: InvalidLineError[] = [];
    const events = await lastValueFrom(
      replay(path, { pacing: 'asap', invalidLines: 'skip', onSkippedLine: (e) => skipped.push(e) }).pipe(toArray()),
    );
    expect(events.map((e) => e.recvTs)).toEqual([1, 2]);
    expect(skipped.map((e) => [e.line, e.field])).toEqual([
      [2, ''],
      [3, 'stream'],
      [4, 'ts'],
      [5, 'data.side'],
      [7, ''],
    ]);
  });

  it('advances a virtual clock to each event before emitting it, so timers fire in between', async () => {
    const path = recording('virtual.ndjson', [trade(1_000), trade(1_500), trade(1_500), trade(1_200), trade(3_000)]);
    const clock = new VirtualClock(0);
    const log: string[] = [];
    timer(2_000, clock.scheduler).subscribe(() => log.push(`timer@${clock.now()}`));
    await new Promise<void>((resolve, reject) =>
      replay(path, { clock, pacing: 'virtual' }).subscribe({
        next: (e) => log.push(`${e.recvTs}@${clock.now()}`),
        error: reject,
        complete: resolve,
      }),
    );
    // 1200 arrives after 1500: the clock never goes back, the event still goes out.
    expect(log).toEqual(['1000@1000', '1500@1500', '1500@1500', '1200@1500', 'timer@2000', '3000@3000']);
  });

  it('paces on exchange time when asked', async () => {
    const path = recording('ts.ndjson', [trade(10, 100, 7), trade(20, 100, 9)]);
    const clock = new VirtualClock(0);
    const at: number[] = [];
    await lastValueFrom(replay(path, { clock, time: 'ts' }).pipe(toArray())).then((events) => at.push(...events.map((e) => e.ts)));
    expect(at).toEqual([7, 9]);
    expect(clock.now()).toBe(9);
  });

  it('spaces events as recorded (÷ speed) in realtime pacing, waiting on the clock scheduler', async () => {
    // Recorded at 10 000, 10 400 and 11 000 ms; at speed 2 they are due 0, 200 and 500 ms after the first.
    const path = recording('realtime.ndjson', [trade(10_000), trade(10_400), trade(11_000)]);
    const clock = new VirtualClock(500);
    const emitted: number[] = [];
    let done = false;
    replay(path, { clock, pacing: 'realtime', speed: 2 }).subscribe({ next: (e) => emitted.push(e.recvTs), complete: () => (done = true) });
    await until(() => emitted.length === 1);
    expect(emitted).toEqual([10_000]);
    expect(clock.nextTimerAt()).toBe(700);
    clock.advanceTo(699);
    await settle();
    expect(emitted).toEqual([10_000]);
    clock.advanceTo(700);
    await until(() => emitted.length === 2);
    expect(clock.nextTimerAt()).toBe(1_000);
    clock.advanceTo(1_000);
    await until(() => done);
    expect(emitted).toEqual([10_000, 10_400, 11_000]);
  });

  it('stops reading, and stops moving the clock, when unsubscribed', async () => {
    const path = recording('take.ndjson', [trade(1), trade(2), trade(3), trade(4)]);
    const clock = new VirtualClock(0);
    const events = await lastValueFrom(replay(path, { clock }).pipe(take(2), toArray()));
    expect(events.map((e) => e.recvTs)).toEqual([1, 2]);
    await settle();
    expect(clock.now()).toBe(2);
  });

  it('merges several files in time order, ties in file order', async () => {
    const a = recording('a.ndjson', [trade(1, 1), trade(3, 1), trade(5, 1)]);
    const b = recording('b.ndjson.gz', [trade(2, 2), trade(3, 2), trade(4, 2)]);
    const events = await lastValueFrom(replay([a, b], { pacing: 'asap' }).pipe(toArray()));
    expect(events.map((e) => `${e.recvTs}:${(e as Trade).price}`)).toEqual(['1:1', '2:2', '3:1', '3:2', '4:2', '5:1']);
  });

  it('emits only the requested streams, tagged when asked', async () => {
    const snapshot = { type: 'snapshot' as const, venue: 'binance', symbol: 'BTC/USDT', ts: 2, recvTs: 2, bids: [], asks: [] };
    const path = recording('streams.ndjson', [trade(1), snapshot, trade(3)]);
    const trades = await lastValueFrom(replay(path, { pacing: 'asap', streams: ['trade'] }).pipe(toArray()));
    expect(trades.map((t) => t.price)).toEqual([100, 100]);
    const tagged = await lastValueFrom(replayTagged(path, { pacing: 'asap' }).pipe(toArray()));
    expect(tagged.map((t) => t.stream)).toEqual(['trade', 'book', 'trade']);
  });

  it('reads recorded markets back as Decimals and does not replay them as events', async () => {
    const market = parseMarket({
      venue: 'binance',
      symbol: 'ETH/BTC',
      id: 'ETHBTC',
      base: 'ETH',
      quote: 'BTC',
      precision: { amount: '0.0001', price: '0.000001' },
      limits: { amount: { min: '0.0001', max: '100000' }, cost: { min: '0.0001' } },
      fees: { maker: '0.001', taker: '0.001' },
    });
    const path = tmp.path('markets.ndjson.gz');
    await lastValueFrom(from([trade(1)]).pipe(record(path, { markets: [market] })));
    const [back] = await readRecordedMarkets(path);
    expect(back?.precision.price.toString()).toBe('0.000001');
    expect(back?.limits.amount.max?.toString()).toBe('100000');
    expect(back?.fees.taker.eq('0.001')).toBe(true);
    expect(await lastValueFrom(replay(path, { pacing: 'asap' }).pipe(toArray()))).toEqual([trade(1)]);
    expect(await readRecordedMarkets(recording('nomarkets.ndjson', [trade(1)]))).toEqual([]);
  });

  it('can be pulled with for await, closing the files on break', async () => {
    const path = recording('pull.ndjson', [trade(1), trade(2), trade(3)]);
    const seen: number[] = [];
    for await (const { event } of readRecording(path)) {
      seen.push(event.recvTs);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual([1, 2]);
  });

  it('replays what a truncated recording holds (a killed recorder), then fails with FileReadError', async () => {
    const path = tmp.path('truncated.ndjson.gz');
    const events = Array.from({ length: 2_000 }, (_, i) => trade(i, 100 + (i % 50) / 8));
    await lastValueFrom(from(events).pipe(record(path, { level: 1 })));
    const whole = readFileSync(path);
    writeFileSync(path, whole.subarray(0, Math.floor(whole.length / 2)));
    const seen: number[] = [];
    const error = await new Promise<unknown>((resolve) =>
      replay(path, { pacing: 'asap' }).subscribe({ next: (e) => seen.push(e.recvTs), error: resolve, complete: () => resolve(undefined) }),
    );
    expect(error).toBeInstanceOf(FileReadError);
    expect(error).toMatchObject({ code: 'FILE_READ', context: { path, reason: 'gzip data is truncated (unexpected end of file)' } });
    // Everything before the cut came out, in order.
    expect(seen.length).toBeGreaterThan(0);
    expect(seen).toEqual(events.slice(0, seen.length).map((e) => e.recvTs));
  });

  it('validates its options', () => {
    const path = tmp.path('any.ndjson');
    expect(() => replay(path)).toThrow(ValidationError);
    expect(() => replay(path, { pacing: 'virtual', clock: systemClock })).toThrow(/advanceTo/);
    expect(() => replay(path, { pacing: 'realtime', clock: systemClock, speed: 0 })).toThrow(/speed/);
    expect(() => replay(path, { pacing: 'asap', streams: ['quotes' as 'trade'] })).toThrow(/streams\.0/);
    expect(() => replay([], { pacing: 'asap' })).toThrow(/paths/);
  });
});
