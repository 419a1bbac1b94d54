import type { Market } from '@arbot/core';
import { readLineBatches } from '../formats/line-reader';
import { decodeLine } from '../record/recording-line';

/**
 * Reads the markets written at the head of recordings (by `record(path, { markets })`):
 * the `market` lines before the first event of each file, validated with the
 * core market schema (decimals back to `Decimal`). Only the head of each file
 * is read. Files without market lines contribute nothing.
 *
 * @throws {InvalidLineError} for a malformed market line; {@link FileReadError} for an unreadable file.
 * @example
 * ```ts
 * const markets = await readRecordedMarkets('btc-usdt.ndjson.gz');
 * console.log(markets[0]?.precision.price.toString()); // '0.01'
 * ```
 */
export async function readRecordedMarkets(paths: string | readonly string[]): Promise<Market[]> {
  const markets: Market[] = [];
  for (const path of typeof paths === 'string' ? [paths] : paths) {
    markets.push(...(await marketsAtHead(path)));
  }
  return markets;
}

async function marketsAtHead(path: string): Promise<Market[]> {
  const markets: Market[] = [];
  for await (const batch of readLineBatches(path)) {
    for (let i = 0; i < batch.lines.length; i++) {
      const text = batch.lines[i] ?? '';
      if (text === '') continue;
      if (!isMarketLine(text)) return markets;
      const line = decodeLine(text, path, batch.firstLine + i);
      if (line.stream === 'market') markets.push(line.market);
    }
  }
  return markets;
}

function isMarketLine(text: string): boolean {
  try {
    const raw: unknown = JSON.parse(text);
    return typeof raw === 'object' && raw !== null && (raw as { stream?: unknown }).stream === 'market';
  } catch {
    // A malformed line ends the head; replay reports it where it belongs.
    return false;
  }
}
