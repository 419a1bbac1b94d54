import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkOrder,
  Decimal,
  fitOrder,
  isMultipleOfStep,
  type Market,
  OrderViolationError,
  orderViolations,
  parseMarket,
  roundPrice,
  roundToStep,
  type StepRounding,
} from '../../src/index';

/** A non-negative decimal as an integer and a scale: value = int × 10^-scale. */
interface Scaled {
  readonly int: bigint;
  readonly scale: number;
}

function toText({ int, scale }: Scaled): string {
  const digits = int.toString().padStart(scale + 1, '0');
  return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** Brute-force reference on integers: both values scaled to a common exponent, then BigInt floor division. */
function referenceRound(x: Scaled, step: Scaled, mode: StepRounding): string {
  const scale = Math.max(x.scale, step.scale);
  const X = x.int * 10n ** BigInt(scale - x.scale);
  const S = step.int * 10n ** BigInt(scale - step.scale);
  const floor = (X / S) * S;
  const rem = X - floor;
  let out = floor;
  if (rem !== 0n && (mode === 'up' || (mode === 'nearest' && 2n * rem >= S))) out = floor + S;
  return toText({ int: out, scale });
}

// steps: powers of ten and non-powers (0.5, 0.25, 5, 0.3 …) from 1e-8 to 500
const stepArb = fc
  .record({ mantissa: fc.constantFrom(1n, 2n, 25n, 5n, 3n), exp: fc.integer({ min: -8, max: 2 }) })
  .map(({ mantissa, exp }): Scaled => (exp >= 0 ? { int: mantissa * 10n ** BigInt(exp), scale: 0 } : { int: mantissa, scale: -exp }));
const valueArb = fc.record({ int: fc.bigInt({ min: 0n, max: 10n ** 13n }), scale: fc.integer({ min: 0, max: 12 }) });
const modeArb = fc.constantFrom<StepRounding>('down', 'up', 'nearest');

describe('roundToStep properties', () => {
  it('equals the BigInt brute-force reference', () => {
    fc.assert(
      fc.property(valueArb, stepArb, modeArb, (x, step, mode) => {
        expect(roundToStep(toText(x), toText(step), mode).eq(referenceRound(x, step, mode))).toBe(true);
      }),
    );
  });

  it('gives a multiple of the step within one step, with down ≤ x ≤ up', () => {
    fc.assert(
      fc.property(valueArb, stepArb, (xs, steps) => {
        const x = new Decimal(toText(xs));
        const step = new Decimal(toText(steps));
        const down = roundToStep(x, step, 'down');
        const up = roundToStep(x, step, 'up');
        const nearest = roundToStep(x, step, 'nearest');
        for (const r of [down, up, nearest]) {
          expect(isMultipleOfStep(r, step)).toBe(true);
          expect(r.minus(x).abs().lt(step)).toBe(true);
        }
        expect(down.lte(x) && x.lte(up)).toBe(true);
        expect(nearest.minus(x).abs().lte(step.div(2))).toBe(true);
        // on the grid nothing moves; off it, up is exactly one step above down
        expect(up.minus(down).eq(isMultipleOfStep(x, step) ? 0 : step)).toBe(true);
      }),
    );
  });

  it('is symmetric for negative values: down(-x) = -up(x)', () => {
    fc.assert(
      fc.property(valueArb, stepArb, (xs, steps) => {
        const x = toText(xs);
        const step = toText(steps);
        expect(roundToStep(`-${x}`, step, 'down').eq(roundToStep(x, step, 'up').neg())).toBe(true);
      }),
    );
  });
});

const marketArb = fc
  .record({
    amountStep: stepArb,
    priceStep: stepArb,
    minAmountSteps: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
    maxAmountSteps: fc.option(fc.integer({ min: 100, max: 10_000_000 }), { nil: undefined }),
    minCost: fc.option(fc.constantFrom('1', '5', '10', '0.0001'), { nil: undefined }),
    maxCost: fc.option(fc.constantFrom('100000', '1000000'), { nil: undefined }),
  })
  .map(({ amountStep, priceStep, minAmountSteps, maxAmountSteps, minCost, maxCost }): Market => {
    const step = new Decimal(toText(amountStep));
    return parseMarket({
      venue: 'prop',
      symbol: 'BASE/QUOTE',
      id: 'BASEQUOTE',
      base: 'BASE',
      quote: 'QUOTE',
      precision: { amount: step, price: toText(priceStep) },
      limits: {
        amount: {
          ...(minAmountSteps === undefined ? {} : { min: step.times(minAmountSteps) }),
          ...(maxAmountSteps === undefined ? {} : { max: step.times(maxAmountSteps) }),
        },
        cost: { ...(minCost === undefined ? {} : { min: minCost }), ...(maxCost === undefined ? {} : { max: maxCost }) },
      },
      fees: { maker: '0.001', taker: '0.001' },
    });
  });
const positiveDouble = (max: number) => fc.double({ min: 1e-9, max, noNaN: true, noDefaultInfinity: true });
const sideArb = fc.constantFrom<'buy' | 'sell'>('buy', 'sell');

describe('market rounding and fitting properties', () => {
  it('roundPrice keeps the limit: buy ≤ limit, sell ≥ limit, within one tick, on the tick', () => {
    fc.assert(
      fc.property(marketArb, positiveDouble(1e7), (market, limitNumber) => {
        const limit = new Decimal(limitNumber);
        const tick = market.precision.price;
        const buy = roundPrice(market, limitNumber, 'buy');
        const sell = roundPrice(market, limitNumber, 'sell');
        expect(buy.lte(limit) && limit.minus(buy).lt(tick)).toBe(true);
        expect(sell.gte(limit) && sell.minus(limit).lt(tick)).toBe(true);
        expect(isMultipleOfStep(buy, tick) && isMultipleOfStep(sell, tick)).toBe(true);
      }),
    );
  });

  it('whatever fitOrder returns passes checkOrder and never exceeds the request; otherwise it throws the first violation', () => {
    fc.assert(
      fc.property(marketArb, sideArb, positiveDouble(1e5), positiveDouble(1e7), (market, side, amountNumber, limitNumber) => {
        const requested = new Decimal(amountNumber);
        const limit = new Decimal(limitNumber);
        let fitted: ReturnType<typeof fitOrder> | undefined;
        try {
          fitted = fitOrder(market, { side, amount: amountNumber, priceLimit: limitNumber });
        } catch (err) {
          expect(err).toBeInstanceOf(OrderViolationError);
          // the same verdict orderViolations gives for the rounded order
          const amount = roundToStep(requested, market.precision.amount, 'down');
          const price = roundPrice(market, limit, side);
          expect(orderViolations(market, { side, amount, price })[0]?.code).toBe((err as OrderViolationError).code);
          return;
        }
        const checked = checkOrder(market, { side, amount: fitted.amount, price: fitted.price });
        expect(checked.notional.eq(fitted.notional)).toBe(true);
        expect(fitted.notional.eq(fitted.amount.times(fitted.price))).toBe(true);
        expect(fitted.amount.lte(requested)).toBe(true);
        expect(requested.minus(fitted.amount).lt(market.precision.amount)).toBe(true);
        if (side === 'buy') expect(fitted.price.lte(limit)).toBe(true);
        else expect(fitted.price.gte(limit)).toBe(true);
      }),
    );
  });

  it('checkOrder throws exactly the first of orderViolations, and passes when there are none', () => {
    fc.assert(
      fc.property(marketArb, sideArb, valueArb, valueArb, (market, side, amountScaled, priceScaled) => {
        const order = { side, amount: toText(amountScaled), price: toText(priceScaled) };
        const violations = orderViolations(market, order);
        let thrown: unknown;
        try {
          checkOrder(market, order);
        } catch (err) {
          thrown = err;
        }
        if (violations.length === 0) expect(thrown).toBeUndefined();
        else expect((thrown as OrderViolationError).code).toBe(violations[0]?.code);
      }),
    );
  });
});
