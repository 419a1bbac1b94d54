import { readFileSync } from 'node:fs';
import { lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { readKlineCsv } from '../../src/formats/index';
import { fixture, tempDir } from './temp-dir';

const BINANCE = fixture('binance_spot_BTCUSDT-1m-2025-07-13_head60.csv');
const BINANCE_US = fixture('binanceus_spot_BTCUSDC_1m_20230301_head60.csv.gz');
const PERP = fixture('btc-perp-20211231_1m_head60.csv.gz');
const tmp = tempDir('klines');

// 2025-07-13 00:00 UTC = 1752364800 s (the file's first open_time, 1752364800000000 µs).
const JUL_13 = 1_752_364_800_000;

describe('readKlineCsv', () => {
  it('reads a data.binance.vision file (µs times) with symbol and timeframe from its name', async () => {
    const candles = await lastValueFrom(readKlineCsv(BINANCE).pipe(toArray()));
    expect(candles).toHaveLength(60);
    expect(candles[0]).toEqual({
      venue: 'binance',
      symbol: 'BTC/USDT',
      timeframe: '1m',
      ts: JUL_13,
      recvTs: JUL_13 + 60_000,
      open: 117_420,
      high: 117_458.48,
      low: 117_420,
      close: 117_458.48,
      volume: 0.78612,
      closed: true,
    });
    expect(candles.at(-1)?.ts).toBe(JUL_13 + 59 * 60_000);
  });

  it('reads the same candles from millisecond times (pre-2025 Binance files)', async () => {
    const ms = readFileSync(BINANCE, 'utf8')
      .trim()
      .split('\n')
      .map((line) => {
        const f = line.split(',');
        return [String(Math.floor(Number(f[0]) / 1000)), ...f.slice(1, 6), String(Math.floor(Number(f[6]) / 1000)), ...f.slice(7)].join(
          ',',
        );
      });
    const path = tmp.write('BTCUSDT-1m-2024-01-01.csv', `${ms.join('\n')}\n`);
    const [fromMs, fromMicros] = await Promise.all([
      lastValueFrom(readKlineCsv(path).pipe(toArray())),
      lastValueFrom(readKlineCsv(BINANCE).pipe(toArray())),
    ]);
    expect(fromMs).toEqual(fromMicros);
  });

  it('reads an ISO-time header CSV (Binance.US) given its venue; zero-volume minutes are kept', async () => {
    await expect(lastValueFrom(readKlineCsv(BINANCE_US))).rejects.toMatchObject({ line: 2, field: 'venue' });
    const candles = await lastValueFrom(readKlineCsv(BINANCE_US, { venue: 'binanceus' }).pipe(toArray()));
    expect(candles).toHaveLength(60);
    // 2023-03-01 00:00:00+00:00 = 1677628800 s.
    expect(candles[0]).toEqual({
      venue: 'binanceus',
      symbol: 'BTC/USDC',
      timeframe: '1m',
      ts: 1_677_628_800_000,
      recvTs: 1_677_628_860_000,
      open: 23_143.82,
      high: 23_152.65,
      low: 23_140.02,
      close: 23_152.65,
      volume: 0.26395,
      closed: true,
    });
    expect(candles[1]?.volume).toBe(0);
  });

  it('reads a timestamp,… CSV with microsecond fractions and no offset as UTC', async () => {
    await expect(lastValueFrom(readKlineCsv(PERP, { venue: 'ftx' }))).rejects.toMatchObject({ field: 'symbol' });
    const candles = await lastValueFrom(readKlineCsv(PERP, { venue: 'ftx', symbol: 'BTC/USD:USD' }).pipe(toArray()));
    // 2021-12-31 23:01:00 UTC = 1640991660 s; 59 minutes later the file reaches 2022-01-01 00:00.
    expect(candles[0]).toMatchObject({
      ts: 1_640_991_660_000,
      open: 46_319,
      high: 46_385,
      low: 46_319,
      close: 46_377,
      volume: 2_300_413.7295,
    });
    expect(candles.at(-1)?.ts).toBe(1_640_995_200_000);
  });

  it('infers the timeframe from the first two rows when neither option nor file name gives it', async () => {
    const csv =
      'time,open,high,low,close,volume\n2024-01-01T00:00:00Z,1,2,0.5,1.5,10\n2024-01-01T00:05:00Z,1.5,2,1,1,3\n2024-01-01T00:15:00Z,1,1,1,1,0\n';
    const candles = await lastValueFrom(readKlineCsv(tmp.write('nameless.csv', csv), { venue: 'x', symbol: 'A/B' }).pipe(toArray()));
    expect(candles.map((c) => [c.timeframe, c.ts, c.recvTs])).toEqual([
      ['5m', 1_704_067_200_000, 1_704_067_500_000],
      ['5m', 1_704_067_500_000, 1_704_067_800_000],
      ['5m', 1_704_068_100_000, 1_704_068_400_000],
    ]);
  });

  it('rejects candles out of order or off the timeframe grid, and impossible highs', async () => {
    const header = 'open_time,open,high,low,close,volume\n';
    const disorder = tmp.write('disorder.csv', `${header}2024-01-01 00:01:00,1,2,1,1,1\n2024-01-01 00:00:00,1,2,1,1,1\n`);
    await expect(lastValueFrom(readKlineCsv(disorder, { venue: 'x', symbol: 'A/B', timeframe: '1m' }))).rejects.toMatchObject({
      line: 3,
      field: 'open_time',
    });
    const offGrid = tmp.write('offgrid.csv', `${header}2024-01-01 00:00:00,1,2,1,1,1\n2024-01-01 00:01:30,1,2,1,1,1\n`);
    await expect(lastValueFrom(readKlineCsv(offGrid, { venue: 'x', symbol: 'A/B', timeframe: '1m' }))).rejects.toMatchObject({ line: 3 });
    const high = tmp.write('high.csv', `${header}2024-01-01 00:00:00,1,0.9,0.8,1,1\n`);
    await expect(lastValueFrom(readKlineCsv(high, { venue: 'x', symbol: 'A/B', timeframe: '1m' }))).rejects.toMatchObject({
      line: 2,
      field: 'high',
    });
    const date = tmp.write('date.csv', `${header}2024-02-30 00:00:00,1,2,1,1,1\n`);
    await expect(lastValueFrom(readKlineCsv(date, { venue: 'x', symbol: 'A/B', timeframe: '1m' }))).rejects.toMatchObject({
      line: 2,
      field: 'open_time',
    });
  });
});
