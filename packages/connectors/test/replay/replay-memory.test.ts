import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createGzip } from 'node:zlib';
import { VirtualClock } from '@arbot/core';
import { describe, expect, it } from 'vitest';
import { encodeEvent } from '../../src/record/index';
import { replay } from '../../src/replay/index';
import { tempDir } from '../formats/temp-dir';

const tmp = tempDir('replay-memory');
const LINES = 200_000;
const MB = 1024 * 1024;

/** Writes LINES deltas of 4 + 4 levels (~330 characters a line, ~66 MB uncompressed). */
async function writeLargeRecording(path: string): Promise<void> {
  const gzip = createGzip({ level: 1 });
  const done = once(gzip.pipe(createWriteStream(path)), 'finish');
  let chunk = '';
  for (let i = 0; i < LINES; i++) {
    const p = 1000 + (i % 97);
    chunk += `${encodeEvent({
      type: 'delta',
      venue: 'binance',
      symbol: 'BTC/USDT',
      ts: 1_600_000_000_000 + i,
      recvTs: 1_600_000_000_000 + i,
      seq: i + 1,
      bids: [
        [p - 0.5, 1.25],
        [p - 1, 2.5],
        [p - 1.5, 0],
        [p - 2, 3.75],
      ],
      asks: [
        [p + 0.5, 1.25],
        [p + 1, 2.5],
        [p + 1.5, 0],
        [p + 2, 3.75],
      ],
    })}\n`;
    if (chunk.length > 1 << 20) {
      if (!gzip.write(chunk)) await once(gzip, 'drain');
      chunk = '';
    }
  }
  gzip.end(chunk);
  await done;
}

describe('replay memory', () => {
  it(`streams a ${LINES}-line recording with bounded heap growth`, async () => {
    const path = tmp.path('large.ndjson.gz');
    await writeLargeRecording(path);
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    let retained = baseline;
    let count = 0;
    let lastSeq = 0;
    const clock = new VirtualClock(0);
    await new Promise<void>((resolve, reject) =>
      replay(path, { clock, streams: ['book'] }).subscribe({
        next: (event) => {
          count++;
          if (event.type === 'delta') lastSeq = event.seq;
          if (count % 50_000 === 0) {
            gc();
            retained = Math.max(retained, process.memoryUsage().heapUsed);
          }
          if (count % 5_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
        },
        error: reject,
        complete: resolve,
      }),
    );
    expect(count).toBe(LINES);
    expect(lastSeq).toBe(LINES);
    expect(clock.now()).toBe(1_600_000_000_000 + LINES - 1);
    // Measured on this file: a consumer that keeps every event grows the heap by ~340 MB (retained after gc)
    // and ~365 MB at peak; replay itself retains < 1 MB, and its garbage peaks at 35–60 MB before collection.
    expect((retained - baseline) / MB).toBeLessThan(16);
    expect((peak - baseline) / MB).toBeLessThan(128);
  }, 60_000);
});
