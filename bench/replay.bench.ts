/**
 * Replay throughput: recordings (gzip NDJSON) read back as validated, typed
 * events, and on through core's `book()`. Two recordings: the bundled real
 * LINK/USDT 10-level snapshots (examples/data, 7200 rows per venue) and a
 * synthetic diff stream of 100k deltas with 4 + 4 levels, the shape of a live
 * Binance depth recording. Each case reads its whole file per run; figures
 * are the median of 5 runs after a warm-up. Run: `pnpm bench replay`.
 */
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import { encodeEvent, readL2SnapshotCsv, readLineBatches, record, replay } from '@arbot/connectors';
import { book, type OrderBookEvent, VirtualClock } from '@arbot/core';
import { count, lastValueFrom, type Observable } from 'rxjs';

const RUNS = 5;
const DELTAS = 100_000;
const DATA = fileURLToPath(new URL('../examples/data/', import.meta.url));

interface Case {
  readonly name: string;
  readonly events: number;
  readonly run: () => Promise<number>;
}

async function writeDeltas(path: string): Promise<void> {
  const gzip = createGzip();
  const done = once(gzip.pipe(createWriteStream(path)), 'finish');
  let seq = 1_000;
  let t = 1_700_000_000_000;
  const snapshot: OrderBookEvent = {
    type: 'snapshot',
    venue: 'binance',
    symbol: 'BTC/USDT',
    ts: t,
    recvTs: t,
    seq,
    bids: Array.from({ length: 100 }, (_, i) => [30_000 - i * 0.5, 1 + (i % 7)] as [number, number]),
    asks: Array.from({ length: 100 }, (_, i) => [30_000.5 + i * 0.5, 1 + (i % 5)] as [number, number]),
  };
  let chunk = `${encodeEvent(snapshot)}\n`;
  for (let i = 0; i < DELTAS; i++) {
    t += 3;
    const p = (i * 7919) % 80;
    const delta: OrderBookEvent = {
      type: 'delta',
      venue: 'binance',
      symbol: 'BTC/USDT',
      ts: t,
      recvTs: t + 1,
      seq: seq + 4,
      firstSeq: seq + 1,
      bids: [
        [30_000 - p * 0.5, (i % 4) * 0.75],
        [29_990 - p * 0.5, 2.5],
        [29_980 - (p % 9), 0.25],
        [29_970 - (p % 13), 1.5],
      ],
      asks: [
        [30_000.5 + p * 0.5, (i % 3) * 0.5],
        [30_010.5 + p * 0.5, 1.25],
        [30_020.5 + (p % 9), 0.75],
        [30_030.5 + (p % 13), 2],
      ],
    };
    seq += 4;
    chunk += `${encodeEvent(delta)}\n`;
    if (chunk.length > 1 << 20) {
      if (!gzip.write(chunk)) await once(gzip, 'drain');
      chunk = '';
    }
  }
  gzip.end(chunk);
  await done;
}

async function countOf(source: Observable<unknown>): Promise<number> {
  return lastValueFrom(source.pipe(count()));
}

/** gunzip + split + JSON.parse only: the floor under any replay of the file. */
async function parseOnly(path: string): Promise<number> {
  let n = 0;
  for await (const batch of readLineBatches(path)) {
    for (const line of batch.lines) if (line !== '' && JSON.parse(line) !== null) n++;
  }
  return n;
}

async function measure(c: Case): Promise<{ ms: number; rate: number }> {
  const got = await c.run();
  if (got !== c.events) throw new Error(`${c.name}: expected ${c.events} events, got ${got}`);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await c.run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(RUNS / 2)] ?? Number.NaN;
  return { ms, rate: (c.events * 1000) / ms };
}

export default async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'arbot-replay-bench-'));
  try {
    const bnc = join(dir, 'binance-link.ndjson.gz');
    const hb = join(dir, 'huobi-link.ndjson.gz');
    const deltas = join(dir, 'deltas.ndjson.gz');
    const bncCsv = join(DATA, 'linkusdt_l2_10lvl_binance_2021-08-20.csv.gz');
    await lastValueFrom(readL2SnapshotCsv(bncCsv).pipe(record(bnc)));
    await lastValueFrom(readL2SnapshotCsv(join(DATA, 'linkusdt_l2_10lvl_huobi_2021-08-20.csv.gz')).pipe(record(hb)));
    await writeDeltas(deltas);

    const cases: Case[] = [
      { name: 'L2 snapshot CSV.gz → snapshots (readL2SnapshotCsv)', events: 7_200, run: () => countOf(readL2SnapshotCsv(bncCsv)) },
      { name: 'LINK snapshots: gunzip + JSON.parse only (floor)', events: 7_200, run: () => parseOnly(bnc) },
      { name: 'LINK snapshots: replay → typed events', events: 7_200, run: () => countOf(replay(bnc, { pacing: 'asap' })) },
      {
        name: 'LINK snapshots: replay → book()',
        events: 7_200,
        run: () => countOf(replay(bnc, { pacing: 'asap', streams: ['book'] }).pipe(book())),
      },
      {
        name: 'LINK 2 venues merged: replay (virtual clock)',
        events: 14_400,
        run: () => countOf(replay([bnc, hb], { clock: new VirtualClock(0) })),
      },
      { name: 'deltas 4+4: gunzip + JSON.parse only (floor)', events: DELTAS + 1, run: () => parseOnly(deltas) },
      { name: 'deltas 4+4: replay → typed events', events: DELTAS + 1, run: () => countOf(replay(deltas, { pacing: 'asap' })) },
      {
        name: 'deltas 4+4: replay → book()',
        events: DELTAS + 1,
        run: () => countOf(replay(deltas, { pacing: 'asap', streams: ['book'] }).pipe(book({ depth: 20 }))),
      },
      {
        name: 'deltas 4+4: replay (virtual clock) → book()',
        events: DELTAS + 1,
        run: () => countOf(replay(deltas, { clock: new VirtualClock(0), streams: ['book'] }).pipe(book({ depth: 20 }))),
      },
    ];
    const rows: string[][] = [];
    for (const c of cases) {
      const { ms, rate } = await measure(c);
      rows.push([c.name, String(c.events), ms.toFixed(1), rate >= 1e6 ? `${(rate / 1e6).toFixed(2)}M` : `${(rate / 1e3).toFixed(1)}k`]);
    }
    print(`replay (median of ${RUNS} runs per case)`, ['case', 'events', 'ms per run', 'events/s'], rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function print(title: string, header: readonly string[], rows: readonly string[][]): void {
  console.log(`\n## ${title}`);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(fmt(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(fmt(r));
}
