import { Writable } from 'node:stream';
import { systemClock } from '@arbot/core';
import { lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { CliEnvironment } from '../../src/cli/cli-environment';
import { runCli } from '../../src/cli/run-cli';
import { readKlineCsv, readL2SnapshotCsv, readTardisBookCsv } from '../../src/formats/index';
import { replay } from '../../src/replay/index';
import { fixture, tempDir } from '../formats/temp-dir';

const tmp = tempDir('cli-commands');

function run(args: string[]) {
  const chunks = { out: [] as string[], err: [] as string[] };
  const sink = (into: string[]) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        into.push(String(chunk));
        callback();
      },
    });
  const env: CliEnvironment = {
    out: sink(chunks.out),
    err: sink(chunks.err),
    clock: systemClock,
    openVenue: async () => {
      throw new Error('no venue in these tests');
    },
  };
  return runCli(args, env).then((code) => ({ code, stdout: chunks.out.join(''), stderr: chunks.err.join('') }));
}

describe('arbot convert', () => {
  it('converts every supported format into a recording holding what the readers make of the file', async () => {
    const cases = [
      {
        format: 'linkusdt-l2',
        file: 'linkusdt_l2_10lvl_huobi_2021-08-20_head200.csv.gz',
        read: readL2SnapshotCsv,
        line: 'converted 200 events (book: 200)',
      },
      {
        format: 'tardis-book',
        file: 'tardis_binance_BTCUSDT_incremental_book_L2_2019-12-01_rows_1_2050.csv',
        read: readTardisBookCsv,
        line: 'converted 8 events (book: 8)',
      },
      {
        format: 'binance-klines',
        file: 'binance_spot_BTCUSDT-1m-2025-07-13_head60.csv',
        read: readKlineCsv,
        line: 'converted 60 events (candle: 60)',
      },
    ] as const;
    for (const c of cases) {
      const input = fixture(c.file);
      const out = tmp.path(`${c.format}.ndjson.gz`);
      const result = await run(['convert', '--format', c.format, '--in', input, '--out', out]);
      expect(result).toEqual({ code: 0, stdout: `${c.line} from ${input} to ${out}\n`, stderr: '' });
      const [expected, actual] = await Promise.all([
        lastValueFrom((c.read as (path: string) => ReturnType<typeof readKlineCsv>)(input).pipe(toArray())),
        lastValueFrom(replay(out, { pacing: 'asap' }).pipe(toArray())),
      ]);
      expect(actual).toEqual(expected);
    }
  });

  it('passes venue, symbol and timeframe through, and counts skipped rows', async () => {
    const input = tmp.write(
      'klines.csv',
      'time,open,high,low,close,volume\n2024-01-01 00:00:00,1,2,1,1,1\n2024-01-01 00:01:00,1,0.5,1,1,1\n2024-01-01 00:02:00,1,2,1,1,1\n',
    );
    const out = tmp.path('klines.ndjson');
    const result = await run([
      'convert',
      '--format',
      'binance-klines',
      '--in',
      input,
      '--out',
      out,
      '--venue',
      'kraken',
      '--symbol',
      'BTC/USD',
      '--timeframe',
      '1m',
      '--invalid',
      'skip',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`converted 2 events (candle: 2) from ${input} to ${out}; skipped 1 invalid rows\n`);
    expect(result.stderr).toBe(`skipped ${input}:3: high = 0.5: high must be >= open, close and low\n`);
    const candles = await lastValueFrom(replay(out, { pacing: 'asap' }).pipe(toArray()));
    expect(candles.map((c) => [c.venue, c.symbol, c.ts])).toEqual([
      ['kraken', 'BTC/USD', 1_704_067_200_000],
      ['kraken', 'BTC/USD', 1_704_067_320_000],
    ]);
  });

  it('reports usage errors with exit code 2 and data errors with exit code 1', async () => {
    const trades = fixture('tardis_binance_BTCUSDT_trades_2019-12-01_rows_1_100.csv');
    expect(await run(['convert', '--format', 'tardis-book', '--in', trades])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'arbot convert: --out is required\nRun "arbot convert --help" for usage.\n',
    });
    expect((await run(['convert', '--format', 'csv', '--in', trades, '--out', 'x'])).stderr.split('\n')[0]).toBe(
      'arbot convert: --format must be one of linkusdt-l2, tardis-book, tardis-trades, binance-klines (got "csv")',
    );
    // A trades file is not a book file: the first data row fails on its is_snapshot column.
    expect(await run(['convert', '--format', 'tardis-book', '--in', trades, '--out', tmp.path('x.ndjson')])).toEqual({
      code: 1,
      stdout: '',
      stderr: `arbot convert: ${trades}:2: is_snapshot = "211646077": must be true or false [INVALID_LINE]\n`,
    });
  });
});

describe('arbot replay and help', () => {
  it('prints events as recording lines in time order across files', async () => {
    const a = tmp.write(
      'a.ndjson',
      '{"stream":"trade","ts":1,"recvTs":1,"data":{"venue":"x","symbol":"A/B","price":1,"amount":1,"side":"buy"}}\n',
    );
    const b = tmp.write(
      'b.ndjson',
      '{"stream":"trade","ts":0,"recvTs":0,"data":{"venue":"y","symbol":"A/B","price":2,"amount":1,"side":"sell"}}\n',
    );
    const result = await run(['replay', '--file', a, '--file', b]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      '{"stream":"trade","ts":0,"recvTs":0,"data":{"venue":"y","symbol":"A/B","price":2,"amount":1,"side":"sell"}}\n' +
        '{"stream":"trade","ts":1,"recvTs":1,"data":{"venue":"x","symbol":"A/B","price":1,"amount":1,"side":"buy"}}\n',
    );
  });

  it('summarises bad lines instead of failing, unless --invalid error', async () => {
    const path = tmp.write(
      'bad.ndjson',
      '{"stream":"trade","ts":1,"recvTs":1,"data":{"venue":"x","symbol":"A/B","price":1,"amount":1,"side":"buy"}}\nnope\n',
    );
    const summary = await run(['replay', '--file', path, '--summary']);
    expect(summary.code).toBe(0);
    expect(summary.stdout).toContain(`invalid lines: 1\n  ${path}:2: not valid JSON\n`);
    const strict = await run(['replay', '--file', path, '--summary', '--invalid', 'error']);
    expect(strict).toMatchObject({ code: 1, stderr: `arbot replay: ${path}:2: not valid JSON [INVALID_LINE]\n` });
  });

  it('prints usage for --help and for no command', async () => {
    expect((await run(['--help'])).stdout).toMatch(/^Usage: arbot <command>/);
    expect(await run([])).toMatchObject({ code: 2, stdout: '' });
    expect((await run(['convert', '--help'])).stdout).toMatch(/^Usage: arbot convert/);
    expect(await run(['frobnicate'])).toMatchObject({ code: 2 });
  });
});
