const CRC32_TABLE = buildCrc32Table();

function buildCrc32Table(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/**
 * CRC-32 (IEEE 802.3, the zlib one) of a string's UTF-8 bytes, as a signed
 * 32-bit integer: the form OKX prints its book checksums in.
 *
 * @example
 * ```ts
 * crc32Signed('123456789'); // -873187034 (0xCBF43926 read as int32)
 * ```
 */
export function crc32Signed(text: string): number {
  let crc = 0xffffffff;
  for (const byte of new TextEncoder().encode(text)) crc = (CRC32_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) | 0;
}

/**
 * OKX's order book checksum: the best 25 bids and asks interleaved as
 * `bidPx:bidSz:askPx:askSz:…` (when one side runs out, the other continues
 * alone), using the exact strings sent on the wire, then CRC-32 as int32.
 *
 * @example
 * ```ts
 * // OKX's documented example: bids 3366.1×7, 3366×6; asks 3366.8×9, 3368×8
 * okxBookChecksum([['3366.1', '7'], ['3366', '6']], [['3366.8', '9'], ['3368', '8']]); // -1881014294
 * ```
 */
export function okxBookChecksum(bids: readonly (readonly [string, string])[], asks: readonly (readonly [string, string])[]): number {
  const parts: string[] = [];
  for (let i = 0; i < 25; i++) {
    const bid = bids[i];
    const ask = asks[i];
    if (bid === undefined && ask === undefined) break;
    if (bid !== undefined) parts.push(bid[0], bid[1]);
    if (ask !== undefined) parts.push(ask[0], ask[1]);
  }
  return crc32Signed(parts.join(':'));
}
