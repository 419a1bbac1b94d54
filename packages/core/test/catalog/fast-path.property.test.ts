import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ArbotError,
  checkOrder,
  Decimal,
  type FitOrderInput,
  fitOrder,
  isMultipleOfStep,
  type Liquidity,
  type Market,
  type OrderCheckInput,
  orderViolations,
  roundAmount,
  roundPrice,
  tradeFee,
  ValidationError,
} from '../../src/index';
import { btcUsdt, btcUsdtWith } from './markets';
import { referenceCheckOrder, referenceFitOrder, referenceOrderViolations, referenceTradeFee } from './zod-path-reference';

/** Another decimal.js clone: its instances pass `isDecimal` but are re-wrapped by `toDecimal`. */
const OtherDecimal = Decimal.clone({ precision: 12 });

/** Markets with power-of-ten and other steps, limits below, at and above one step, and an inactive one. */
const markets: readonly Market[] = [
  btcUsdt,
  btcUsdtWith({
    precision: { amount: '0.5', price: '0.25' },
    limits: { amount: { min: '0.5', max: '100' }, price: { min: '0.1' }, cost: { min: '5', max: '1000' } },
  }),
  btcUsdtWith({ precision: { amount: '5', price: '10' }, limits: { amount: {}, price: {}, cost: {} } }),
  btcUsdtWith({ precision: { amount: '0.0002', price: '0.01' }, limits: { amount: { min: '0.0001' }, price: { min: '0.01' }, cost: {} } }),
  btcUsdtWith({ active: false }),
];

/** An exact decimal n × 10^-scale as text. */
const decimalText = fc
  .record({ n: fc.integer({ min: -2, max: 3_000_000 }), scale: fc.integer({ min: 0, max: 7 }) })
  .map(({ n, scale }) => new Decimal(n).div(10 ** scale).toString());

/** Everything a caller might pass where a decimal is expected, valid or not. */
const decimalInput: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: decimalText.map((t) => new Decimal(t)) },
  { weight: 2, arbitrary: decimalText },
  { weight: 2, arbitrary: decimalText.map(Number) },
  { weight: 1, arbitrary: decimalText.map((t) => new OtherDecimal(t)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      new Decimal('-0'),
      new Decimal(Number.NaN),
      new Decimal(Number.POSITIVE_INFINITY),
      new Decimal('-1'),
      -0,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      'abc',
      '',
      null,
      undefined,
      {},
    ),
  },
);

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined, freq: 3 });

const orderInput = fc.record(
  {
    side: fc.constantFrom<unknown>('buy', 'sell', 'buy', 'sell', 'hold', null, undefined),
    type: fc.constantFrom<unknown>(undefined, 'limit', 'market', 'stop', null),
    amount: decimalInput,
    price: maybe(decimalInput),
    referencePrice: maybe(decimalInput),
    venue: fc.constantFrom<unknown>(undefined, 'binance', 'okx', '', 7),
    symbol: fc.constantFrom<unknown>(undefined, 'BTC/USDT', 'ETH/USDT', ''),
  },
  { requiredKeys: ['side', 'amount'] },
);

/** Decimals as `D(text)` so results and errors compare by value, whatever instance holds them. */
function plain(value: unknown): unknown {
  if (Decimal.isDecimal(value)) return `D(${value.toString()})`;
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Error) {
    const fields: Record<string, unknown> = { class: value.constructor.name, message: value.message };
    if (value instanceof ArbotError) fields.code = value.code;
    if (value instanceof ArbotError) fields.context = plain(value.context);
    if (value instanceof ValidationError) fields.issues = plain(value.issues);
    return fields;
  }
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

function outcome(run: () => unknown): unknown {
  try {
    return { returned: plain(run()) };
  } catch (err) {
    return { threw: plain(err) };
  }
}

describe('catalog fast paths give exactly the zod path’s results and errors', () => {
  it('orderViolations and checkOrder, for valid and invalid orders on several markets', () => {
    fc.assert(
      fc.property(fc.constantFrom(...markets), orderInput, (market, input) => {
        const order = input as unknown as OrderCheckInput;
        expect(outcome(() => orderViolations(market, order))).toEqual(outcome(() => referenceOrderViolations(market, order)));
        expect(outcome(() => checkOrder(market, order))).toEqual(outcome(() => referenceCheckOrder(market, order)));
      }),
      { numRuns: 600 },
    );
  });

  it('fitOrder', () => {
    const legInput = fc.record({ side: fc.constantFrom<unknown>('buy', 'sell', 'hold'), amount: decimalInput, priceLimit: decimalInput });
    fc.assert(
      fc.property(fc.constantFrom(...markets), legInput, (market, input) => {
        const leg = input as unknown as FitOrderInput;
        expect(outcome(() => fitOrder(market, leg))).toEqual(outcome(() => referenceFitOrder(market, leg)));
      }),
      { numRuns: 400 },
    );
  });

  it('tradeFee', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...markets),
        decimalInput,
        fc.constantFrom<unknown>('maker', 'taker', 'both'),
        maybe(decimalInput),
        (market, notional, liquidity, rate) => {
          const run = () => tradeFee(market, notional as Decimal, liquidity as Liquidity, rate as Decimal | undefined);
          expect(outcome(run)).toEqual(outcome(() => referenceTradeFee(market, notional, liquidity as Liquidity, rate)));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('roundAmount / roundPrice / isMultipleOfStep agree with the mod-based rule', () => {
    fc.assert(
      fc.property(fc.constantFrom(...markets), decimalText, (market, text) => {
        const value = new Decimal(text);
        if (value.isNeg()) return;
        const { amount: step, price: tick } = market.precision;
        const onAmountGrid = value.mod(step).isZero();
        expect(isMultipleOfStep(value, step)).toBe(onAmountGrid);
        expect(isMultipleOfStep(value, tick)).toBe(value.mod(tick).isZero());
        // down: the largest multiple ≤ value; sell prices round up to the smallest multiple ≥ value
        expect(roundAmount(market, value).toString()).toBe(value.minus(value.mod(step)).toString());
        const up = value.mod(tick).isZero() ? value : value.minus(value.mod(tick)).plus(tick);
        expect(roundPrice(market, value, 'sell').toString()).toBe(up.toString());
      }),
      { numRuns: 400 },
    );
  });
});

describe('catalog fast paths: examples', () => {
  it('a Decimal leg and the same leg as strings give equal checks', () => {
    const leg = { side: 'buy' as const, amount: new Decimal('0.12345'), price: new Decimal('30000.01') };
    const asText = { side: 'buy' as const, amount: '0.12345', price: '30000.01' };
    // 0.12345 × 30000.01 = 3703.5 + 0.0012345 = 3703.5012345
    expect(checkOrder(btcUsdt, leg).notional.toString()).toBe('3703.5012345');
    expect(plain(checkOrder(btcUsdt, asText))).toEqual(plain(checkOrder(btcUsdt, leg)));
    // the Decimal given is the one returned: no copy is made on the fast path
    expect(checkOrder(btcUsdt, leg).amount).toBe(leg.amount);
  });

  it('bad Decimals still get the zod ValidationError', () => {
    const err = outcome(() => checkOrder(btcUsdt, { side: 'buy', amount: new Decimal(-1), price: new Decimal(1) }));
    expect(err).toEqual({
      threw: {
        class: 'ValidationError',
        code: 'VALIDATION',
        message: 'Invalid order for binance BTC/USDT: amount = -1: must be >= 0',
        context: { what: 'order for binance BTC/USDT', issues: [{ field: 'amount', value: 'D(-1)', message: 'must be >= 0' }] },
        issues: [{ field: 'amount', value: 'D(-1)', message: 'must be >= 0' }],
      },
    });
  });

  it('a Decimal of another clone is re-wrapped as core’s, as the schema does', () => {
    const checked = checkOrder(btcUsdt, { side: 'sell', amount: new OtherDecimal('0.001'), price: new OtherDecimal('30000') });
    expect(checked.amount).toBeInstanceOf(Decimal);
    expect(checked.amount.constructor).toBe(new Decimal(1).constructor);
    // 0.001 × 30000 = 30
    expect(checked.notional.toString()).toBe('30');
  });
});
