import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32Signed, okxBookChecksum } from '../../src/testing/index';

describe('okxBookChecksum', () => {
  it("reproduces OKX's documented examples", () => {
    // OKX docs: bids 3366.1×7, 3366×6; asks 3366.8×9, 3368×8 → "3366.1:7:3366.8:9:3366:6:3368:8".
    expect(
      okxBookChecksum(
        [
          ['3366.1', '7'],
          ['3366', '6'],
        ],
        [
          ['3366.8', '9'],
          ['3368', '8'],
        ],
      ),
    ).toBe(-1881014294);
    // Uneven sides: one bid, three asks → "3366.1:7:3366.8:9:3368:8:3372:8".
    expect(
      okxBookChecksum(
        [['3366.1', '7']],
        [
          ['3366.8', '9'],
          ['3368', '8'],
          ['3372', '8'],
        ],
      ),
    ).toBe(831078360);
  });

  it('is the CRC-32 check value for "123456789" (0xCBF43926 as int32)', () => {
    expect(crc32Signed('123456789')).toBe(0xcbf43926 | 0);
  });

  it('only reads the best 25 levels of each side', () => {
    const level = (i: number): [string, string] => [String(100 + i), '1'];
    fc.assert(
      fc.property(fc.integer({ min: 25, max: 60 }), fc.integer({ min: 25, max: 60 }), (bids, asks) => {
        const full = okxBookChecksum(
          Array.from({ length: bids }, (_, i) => level(i)),
          Array.from({ length: asks }, (_, i) => level(i)),
        );
        const top = okxBookChecksum(
          Array.from({ length: 25 }, (_, i) => level(i)),
          Array.from({ length: 25 }, (_, i) => level(i)),
        );
        return full === top;
      }),
    );
  });
});
