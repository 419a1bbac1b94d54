import { lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { readTardisTradesCsv, replay } from '../../src/index';
import { fixture, tempDir } from '../formats/temp-dir';
import { spawnCli } from './spawn-cli';

const tmp = tempDir('cli-spawn');
const TRADES = fixture('tardis_binance_BTCUSDT_trades_2019-12-01_rows_1_100.csv');

describe('arbot (spawned binary)', () => {
  it('converts a tardis trades CSV, then summarises and prints the recording', async () => {
    const out = tmp.path('trades.ndjson.gz');
    const convert = await spawnCli(['convert', '--format', 'tardis-trades', '--in', TRADES, '--out', out]);
    expect(convert).toMatchObject({ code: 0, stderr: '' });
    expect(convert.stdout).toBe(`converted 100 events (trade: 100) from ${TRADES} to ${out}\n`);
    // The recording holds exactly what the reader makes of the CSV.
    const [fromCsv, fromFile] = await Promise.all([
      lastValueFrom(readTardisTradesCsv(TRADES).pipe(toArray())),
      lastValueFrom(replay(out, { pacing: 'asap' }).pipe(toArray())),
    ]);
    expect(fromFile).toEqual(fromCsv);

    const [summary, print] = await Promise.all([spawnCli(['replay', '--file', out, '--summary']), spawnCli(['replay', '--file', out])]);
    expect(summary.code).toBe(0);
    // First trade 1575158403572 ms = 2019-12-01T00:00:03.572Z, last 1575158435763 ms = 00:00:35.763Z; 32.191 s apart.
    expect(summary.stdout).toBe(
      [
        `files: ${out}`,
        'markets: 0',
        'events: 100',
        'stream  venue    symbol    events  first ts (UTC)            last ts (UTC)             span',
        'trade   binance  BTC/USDT  100     2019-12-01T00:00:03.572Z  2019-12-01T00:00:35.763Z  32s',
        'invalid lines: 0',
        '',
      ].join('\n'),
    );
    const lines = print.stdout.trim().split('\n');
    expect(print.code).toBe(0);
    expect(lines).toHaveLength(100);
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      stream: 'trade',
      ts: 1_575_158_403_572,
      recvTs: 1_575_158_403_820,
      data: { venue: 'binance', symbol: 'BTC/USDT', id: '211646077', price: 7540.78, amount: 0.039741, side: 'sell' },
    });
  }, 30_000);

  it('answers bad flags and missing files with one clear line and a non-zero exit code, no stack trace', async () => {
    const [unknownFlag, missingFlag, missingFile, badFormat, noCommand] = await Promise.all([
      spawnCli(['replay', '--fil', 'x']),
      spawnCli(['convert', '--format', 'tardis-book', '--in', TRADES]),
      spawnCli(['replay', '--file', tmp.path('nope.ndjson.gz'), '--summary']),
      spawnCli(['convert', '--format', 'tardis-book', '--in', TRADES, '--out', tmp.path('x.ndjson')]),
      spawnCli([]),
    ]);
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toMatch(/^arbot replay: Unknown option '--fil'/);
    expect(missingFlag.code).toBe(2);
    expect(missingFlag.stderr).toBe('arbot convert: --out is required\nRun "arbot convert --help" for usage.\n');
    expect(missingFile.code).toBe(1);
    expect(missingFile.stderr).toBe(`arbot replay: Cannot read ${tmp.path('nope.ndjson.gz')}: no such file [FILE_READ]\n`);
    // A trades file is not a book file: the first data row fails on its is_snapshot column.
    expect(badFormat.code).toBe(1);
    expect(badFormat.stderr).toBe(`arbot convert: ${TRADES}:2: is_snapshot = "211646077": must be true or false [INVALID_LINE]\n`);
    expect(noCommand.code).toBe(2);
    expect(noCommand.stderr).toMatch(/^Usage: arbot <command>/);
    for (const run of [unknownFlag, missingFlag, missingFile, badFormat]) expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 30_000);
});
