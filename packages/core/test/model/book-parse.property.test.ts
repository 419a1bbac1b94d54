import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ArbotError,
  OrderBookDeltaSchema,
  OrderBookSnapshotSchema,
  parseOrderBookDelta,
  parseOrderBookSnapshot,
  parseWith,
  ValidationError,
} from '../../src/index';

/** What the parsers did before their fast loop: the exported schemas through `parseWith`. */
const zodDelta = (input: unknown) => parseWith(OrderBookDeltaSchema, input, 'order book delta');
const zodSnapshot = (input: unknown) => parseWith(OrderBookSnapshotSchema, input, 'order book snapshot');

const positive = fc.oneof(
  fc.double({ min: Number.MIN_VALUE, max: 1e9, noNaN: true }),
  fc.integer({ min: 1, max: 100_000 }),
  fc.constantFrom(Number.MIN_VALUE, Number.MAX_VALUE, 0.1, 30_000.5),
);
const nonNegative = fc.oneof(positive, fc.constantFrom(0, -0));
const level = fc.tuple(positive, nonNegative);
const levels = fc.array(level, { maxLength: 12 });
const safeInt = fc.oneof(fc.integer(), fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, -0));
const timestamp = fc.oneof(fc.nat(), fc.constantFrom(0, -0, Number.MAX_SAFE_INTEGER, 1_700_000_000_000));
/** An optional field: absent, present but undefined, or a value (zod keeps a present key even when undefined). */
const optional = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof(
    fc.constant({ kind: 'absent' as const }),
    fc.constant({ kind: 'undefined' as const }),
    arb.map((value) => ({ kind: 'value' as const, value })),
  );

type Optional = { kind: 'absent' } | { kind: 'undefined' } | { kind: 'value'; value: unknown };

function put(target: Record<string, unknown>, key: string, field: Optional): void {
  if (field.kind === 'undefined') target[key] = undefined;
  if (field.kind === 'value') target[key] = field.value;
}

const header = fc.record({
  venue: fc.string({ minLength: 1, maxLength: 8 }),
  symbol: fc.string({ minLength: 1, maxLength: 12 }),
  ts: timestamp,
  recvTs: timestamp,
  extra: fc.boolean(),
});

const validDelta = fc
  .record({ header, seq: safeInt, firstSeq: optional(safeInt), prevSeq: optional(safeInt), bids: levels, asks: levels })
  .map(({ header: h, seq, firstSeq, prevSeq, bids, asks }) => {
    // keys in a shuffled-ish order, plus an unknown one: the output must still follow the schema
    const event: Record<string, unknown> = { asks, type: 'delta', symbol: h.symbol, venue: h.venue, bids, ts: h.ts, recvTs: h.recvTs, seq };
    put(event, 'prevSeq', prevSeq);
    put(event, 'firstSeq', firstSeq);
    if (h.extra) event.note = 'dropped';
    return event;
  });

const validSnapshot = fc.record({ header, seq: optional(safeInt), bids: levels, asks: levels }).map(({ header: h, seq, bids, asks }) => {
  const event: Record<string, unknown> = { type: 'snapshot', venue: h.venue, symbol: h.symbol, ts: h.ts, recvTs: h.recvTs, bids, asks };
  put(event, 'seq', seq);
  if (h.extra) event.depth = 20;
  return event;
});

const badNumber = fc.constantFrom<unknown>(
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  0,
  -1,
  -Number.MIN_VALUE,
  '1',
  null,
  undefined,
  1n,
);
const badLevel = fc.oneof(
  fc.tuple(badNumber, nonNegative),
  fc.tuple(positive, badNumber),
  fc.constantFrom<unknown>([1], [1, 2, 3], [], {}, '1,2', null, Object.assign([1, 2], { 2: 3 })),
);

type Corruption = (event: Record<string, unknown>) => void;

/** One way of breaking a valid event; several may apply, so zod reports several issues. */
const corruption: fc.Arbitrary<Corruption> = fc.oneof(
  fc.record({ side: fc.constantFrom('bids', 'asks'), at: fc.nat({ max: 15 }), bad: badLevel }).map(
    ({ side, at, bad }): Corruption =>
      (event) => {
        const current = event[side];
        const list: unknown[] = Array.isArray(current) ? [...current] : [];
        list[Math.min(at, list.length)] = bad;
        event[side] = list;
      },
  ),
  fc
    .record({
      key: fc.constantFrom('type', 'venue', 'symbol', 'ts', 'recvTs', 'seq', 'firstSeq', 'prevSeq', 'bids', 'asks'),
      value: fc.constantFrom<unknown>(undefined, null, '', 'x', -1, 1.5, 2 ** 53, Number.NaN, [], {}, 'snapshot', 'delta'),
    })
    .map(
      ({ key, value }): Corruption =>
        (event) => {
          event[key] = value;
        },
    ),
  fc.constantFrom<Corruption>(
    (event) => {
      delete event.venue;
    },
    (event) => {
      delete event.bids;
    },
    (event) => {
      // a hole: index 1 is missing
      const holey: unknown[] = [[1, 1]];
      holey[2] = [2, 2];
      event.asks = holey;
    },
  ),
);

/** Values compared by identity-free structure; errors by class, code, message, context and issues. */
function outcome(run: () => unknown): unknown {
  try {
    return { returned: run() };
  } catch (err) {
    if (!(err instanceof ArbotError)) throw err;
    return {
      threw: {
        class: err.constructor.name,
        code: err.code,
        message: err.message,
        context: err.context,
        issues: err instanceof ValidationError ? err.issues : undefined,
      },
    };
  }
}

/** Deep equality, key order and freezing as zod outputs them, levels copied (never the input's arrays). */
function expectSameEvent(fast: Record<string, unknown>, zod: Record<string, unknown>, input: Record<string, unknown>): void {
  expect(fast).toStrictEqual(zod);
  expect(Object.keys(fast)).toEqual(Object.keys(zod));
  expect(Object.isFrozen(fast)).toBe(Object.isFrozen(zod));
  for (const side of ['bids', 'asks'] as const) {
    const out = fast[side] as readonly (readonly number[])[];
    expect(Object.isFrozen(out)).toBe(Object.isFrozen(zod[side]));
    expect(out).not.toBe(input[side]);
    out.forEach((lvl, i) => {
      expect(Object.isFrozen(lvl)).toBe(Object.isFrozen((zod[side] as unknown[])[i]));
      expect(lvl).not.toBe((input[side] as unknown[])[i]);
      // -0 amounts stay -0, as zod keeps them
      expect(Object.is(lvl[1], (zod[side] as number[][])[i]?.[1])).toBe(true);
    });
  }
}

describe('parseOrderBookDelta / parseOrderBookSnapshot against the zod schemas', () => {
  it('valid deltas: the same output (fields, key order, frozen copies)', () => {
    fc.assert(
      fc.property(validDelta, (input) => {
        expectSameEvent(parseOrderBookDelta(input) as Record<string, unknown>, zodDelta(input) as Record<string, unknown>, input);
      }),
      { numRuns: 300 },
    );
  });

  it('valid snapshots: the same output', () => {
    fc.assert(
      fc.property(validSnapshot, (input) => {
        expectSameEvent(parseOrderBookSnapshot(input) as Record<string, unknown>, zodSnapshot(input) as Record<string, unknown>, input);
      }),
      { numRuns: 300 },
    );
  });

  it('broken deltas and snapshots: the same ValidationError (field paths, values, messages), or the same output', () => {
    fc.assert(
      fc.property(fc.oneof(validDelta, validSnapshot), fc.array(corruption, { minLength: 1, maxLength: 3 }), (input, breaks) => {
        for (const broken of breaks) broken(input);
        expect(outcome(() => parseOrderBookDelta(input))).toStrictEqual(outcome(() => zodDelta(input)));
        expect(outcome(() => parseOrderBookSnapshot(input))).toStrictEqual(outcome(() => zodSnapshot(input)));
      }),
      { numRuns: 500 },
    );
  });

  it('non-objects get the same error', () => {
    for (const input of [null, undefined, 42, 'delta', [], [['delta']]]) {
      expect(outcome(() => parseOrderBookDelta(input))).toStrictEqual(outcome(() => zodDelta(input)));
      expect(outcome(() => parseOrderBookSnapshot(input))).toStrictEqual(outcome(() => zodSnapshot(input)));
    }
  });

  it('names the offending level element, e.g. bids.3.0', () => {
    const input = {
      type: 'delta',
      venue: 'binance',
      symbol: 'BTC/USDT',
      ts: 1,
      recvTs: 2,
      seq: 11,
      bids: [
        [100, 1],
        [99, 2],
        [98, 0],
        [0, 5],
      ],
      asks: [[101, Number.NaN]],
    };
    const err = outcome(() => parseOrderBookDelta(input));
    expect(err).toStrictEqual(outcome(() => zodDelta(input)));
    const issues = [
      { field: 'bids.3.0', value: 0, message: 'Too small: expected number to be >0' },
      { field: 'asks.0.1', value: Number.NaN, message: 'Invalid input: expected number, received NaN' },
    ];
    expect(err).toStrictEqual({
      threw: {
        class: 'ValidationError',
        code: 'VALIDATION',
        message: 'Invalid order book delta: bids.3.0 = 0: Too small: expected number to be >0 (and 1 more)',
        context: { what: 'order book delta', issues },
        issues,
      },
    });
  });
});
