import { lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { FileReadError, InvalidLineError, readL2SnapshotCsv } from '../../src/formats/index';
import { fixture, tempDir } from './temp-dir';

const BINANCE = fixture('linkusdt_l2_10lvl_binance_2021-08-20_head200.csv.gz');
const HUOBI = fixture('linkusdt_l2_10lvl_huobi_2021-08-20_head200.csv.gz');
const HEADER = 'timestamp,symbol,b1,b2,bv1,bv2,a1,a2,av1,av2';
const tmp = tempDir('l2');

// 2021-08-20 00:00:00 UTC: 18859 days after the epoch (51 years incl. 13 leap days = 18628 days to 2021-01-01,
// plus 231 days to Aug 20) × 86 400 000 ms = 1 629 417 600 000.
const AUG_20 = 1_629_417_600_000;

describe('readL2SnapshotCsv', () => {
  it('reads the real Binance file row by row into snapshots, best levels first', async () => {
    const snapshots = await lastValueFrom(readL2SnapshotCsv(BINANCE).pipe(toArray()));
    expect(snapshots).toHaveLength(200);
    const first = snapshots[0];
    // Row 2 of the file, column by column.
    expect(first).toEqual({
      type: 'snapshot',
      venue: 'binance',
      symbol: 'LINK/USDT',
      ts: AUG_20,
      recvTs: AUG_20,
      bids: [
        [27.095, 988.45],
        [27.088, 215.284],
        [27.085, 195],
        [27.083, 40],
        [27.082, 34.442],
        [27.081, 73.42],
        [27.079, 108.254],
        [27.078, 480.74],
        [27.077, 218.218],
        [27.076, 354.909],
      ],
      asks: [
        [27.101, 21.079],
        [27.105, 163.422],
        [27.106, 25.909],
        [27.107, 190],
        [27.108, 19.252],
        [27.109, 107.023],
        [27.11, 5.962],
        [27.111, 93.62],
        [27.112, 14.277],
        [27.113, 180.377],
      ],
    });
    // The 200th row is 00:03:19, 199 s after the first.
    expect(snapshots[199]?.ts).toBe(AUG_20 + 199_000);
    expect(snapshots[199]?.bids[0]).toEqual([27.085, 1.471]);
  });

  it('names the venue from the symbol suffix (HB → huobi) and keeps four-decimal prices exact', async () => {
    const [first] = await lastValueFrom(readL2SnapshotCsv(HUOBI).pipe(toArray()));
    expect(first?.venue).toBe('huobi');
    expect(first?.symbol).toBe('LINK/USDT');
    expect(first?.bids[0]).toEqual([27.0999, 10.67]);
    expect(first?.asks[0]).toEqual([27.1, 83.08]);
    expect(first?.asks[9]).toEqual([27.1105, 240]);
  });

  it('takes venue and symbol from options when given', async () => {
    const path = tmp.write('opts.csv', `${HEADER}\n2021-08-20 00:00:01,FOOBAR.XYZ,10,9,1,2,11,12,3,4\n`);
    const [s] = await lastValueFrom(readL2SnapshotCsv(path, { venue: 'kraken', symbol: 'FOO/BAR' }).pipe(toArray()));
    expect(s).toMatchObject({
      venue: 'kraken',
      symbol: 'FOO/BAR',
      ts: AUG_20 + 1000,
      bids: [
        [10, 1],
        [9, 2],
      ],
      asks: [
        [11, 3],
        [12, 4],
      ],
    });
  });

  it('fails with the line and column of a bad value', async () => {
    const path = tmp.write(
      'bad.csv',
      `${HEADER}\n2021-08-20 00:00:00,LINKUSDT.BNC,10,9,1,2,11,12,3,4\n2021-08-20 00:00:01,LINKUSDT.BNC,10,9,1,,11,12,3,4\n`,
    );
    const error = await lastValueFrom(readL2SnapshotCsv(path)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidLineError);
    expect(error).toMatchObject({ code: 'INVALID_LINE', line: 3, field: 'bv2', context: { value: '', reason: 'must be a finite number' } });
  });

  it('rejects unsorted levels, crossed books and unknown venue suffixes', async () => {
    const unsorted = tmp.write('unsorted.csv', `${HEADER}\n2021-08-20 00:00:00,LINKUSDT.BNC,9,10,1,2,11,12,3,4\n`);
    await expect(lastValueFrom(readL2SnapshotCsv(unsorted))).rejects.toMatchObject({ line: 2, field: 'b2' });
    const crossed = tmp.write('crossed.csv', `${HEADER}\n2021-08-20 00:00:00,LINKUSDT.BNC,11,10,1,2,11,12,3,4\n`);
    await expect(lastValueFrom(readL2SnapshotCsv(crossed))).rejects.toMatchObject({ line: 2, field: 'a1' });
    const unknown = tmp.write('unknown.csv', `${HEADER}\n2021-08-20 00:00:00,LINKUSDT.XX,10,9,1,2,11,12,3,4\n`);
    await expect(lastValueFrom(readL2SnapshotCsv(unknown))).rejects.toMatchObject({ line: 2, field: 'symbol' });
  });

  it('skips and reports bad rows with invalidLines: skip', async () => {
    const path = tmp.write(
      'skip.csv.gz',
      `${HEADER}\n2021-08-20 00:00:00,LINKUSDT.BNC,10,9,1,2,11,12,3,4\nnot a row\n2021-08-20 00:00:02,LINKUSDT.BNC,10,9,1,2,11,12,3,-4\n2021-08-20 00:00:03,LINKUSDT.BNC,10,9,1,2,11,12,3,4\n`,
    );
    const skipped: InvalidLineError[] = [];
    const rows = await lastValueFrom(
      readL2SnapshotCsv(path, { invalidLines: 'skip', onSkippedLine: (e) => skipped.push(e) }).pipe(toArray()),
    );
    expect(rows.map((r) => r.ts)).toEqual([AUG_20, AUG_20 + 3000]);
    expect(skipped.map((e) => [e.line, e.field])).toEqual([
      [3, ''],
      [4, 'av2'],
    ]);
  });

  it('rejects a header without level columns and reports missing files as FileReadError', async () => {
    const noLevels = tmp.write('nolevels.csv', 'timestamp,symbol,price\n');
    await expect(lastValueFrom(readL2SnapshotCsv(noLevels))).rejects.toMatchObject({ line: 1, field: 'b1' });
    const missing = await lastValueFrom(readL2SnapshotCsv(tmp.path('missing.csv.gz'))).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(FileReadError);
    expect(missing).toMatchObject({ code: 'FILE_READ', context: { reason: 'no such file' } });
  });

  it('reports a file named .gz that is not gzip', async () => {
    const path = tmp.path('plain.csv.gz');
    tmp.write('plain.csv', `${HEADER}\n`);
    const { renameSync } = await import('node:fs');
    renameSync(tmp.path('plain.csv'), path);
    await expect(lastValueFrom(readL2SnapshotCsv(path))).rejects.toMatchObject({
      code: 'FILE_READ',
      context: { reason: 'not valid gzip data' },
    });
  });
});
