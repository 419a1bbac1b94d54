import { lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { readTardisTradesCsv } from '../../src/formats/index';
import { replay } from '../../src/replay/index';
import { fixture, tempDir } from '../formats/temp-dir';
import { spawnCli } from './spawn-cli';

const tmp = tempDir('cli-spawn');
const TRADES = fixture('tardis_binance_BTCUSDT_trades_2019-12-01_rows_1_100.csv');

describe('arbot (spawned binary)', () => {
  it('converts a tardis trades CSV, then summarises the recording', async () => {
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

    const summary = await spawnCli(['replay', '--file', out, '--summary']);
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
  }, 30_000);

  it('answers a bad flag and a missing file with one clear line and a non-zero exit code, no stack trace', async () => {
    const [unknownFlag, missingFile] = await Promise.all([
      spawnCli(['replay', '--fil', 'x']),
      spawnCli(['replay', '--file', tmp.path('nope.ndjson.gz'), '--summary']),
    ]);
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toMatch(/^arbot replay: Unknown option '--fil'.*\nRun "arbot replay --help" for usage\.\n$/);
    expect(missingFile.code).toBe(1);
    expect(missingFile.stderr).toBe(`arbot replay: Cannot read ${tmp.path('nope.ndjson.gz')}: no such file [FILE_READ]\n`);
  }, 30_000);
});
