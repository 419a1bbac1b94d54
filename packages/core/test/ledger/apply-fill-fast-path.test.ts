import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ArbotError,
  Decimal,
  type Fill,
  FillSchema,
  InsufficientBalanceError,
  PortfolioLedger,
  parseWith,
  ValidationError,
  VirtualClock,
} from '../../src/index';
import { fill } from './fills';

const MARKET = { base: 'BTC', quote: 'USDT' };
const KEYS = ['o-1', 'o-2', 'o-3', undefined] as const;

function funded(): PortfolioLedger {
  const ledger = new PortfolioLedger({ valuationCurrency: 'USDT', clock: new VirtualClock() });
  ledger.setPrice('BTC', '20000');
  ledger.deposit('A', 'USDT', '100000');
  ledger.deposit('A', 'BTC', '5');
  return ledger;
}

/** The fill as a JSON-ish object (decimal strings): not yet parsed, so the ledger must run the schema on it. */
function raw(f: Fill): Fill {
  const { price, amount, fee, ...rest } = f;
  return {
    ...rest,
    price: price.toString(),
    amount: amount.toString(),
    fee: { asset: fee.asset, amount: fee.amount.toString() },
  } as unknown as Fill;
}

function snapshot(ledger: PortfolioLedger): string {
  return JSON.stringify({
    balances: ledger.balances(),
    reserved: KEYS.map((k) => ['USDT', 'BTC'].map((a) => ledger.reserved('A', a, k).toString())),
    positions: ledger.positions(),
    realized: ledger.realizedPnl(),
    fees: ledger.feesPaid(),
    equity: ledger.equity(),
  });
}

function outcome(run: () => unknown): unknown {
  try {
    const value = run();
    return { returned: JSON.parse(JSON.stringify(value ?? null)) };
  } catch (err) {
    if (!(err instanceof ArbotError)) throw err;
    return { threw: { class: err.constructor.name, code: err.code, message: err.message } };
  }
}

const op = fc.oneof(
  fc.record({
    kind: fc.constant('reserve' as const),
    asset: fc.constantFrom('USDT', 'BTC'),
    units: fc.integer({ min: 1, max: 4_000 }),
    key: fc.constantFrom(...KEYS),
  }),
  fc.record({
    kind: fc.constant('release' as const),
    asset: fc.constantFrom('USDT', 'BTC'),
    units: fc.integer({ min: 1, max: 4_000 }),
    key: fc.constantFrom(...KEYS),
  }),
  fc.record({
    kind: fc.constant('fill' as const),
    side: fc.constantFrom('buy' as const, 'sell' as const),
    price: fc.integer({ min: 19_000, max: 21_000 }),
    milli: fc.integer({ min: 1, max: 300 }),
    feeAsset: fc.constantFrom('USDT', 'BTC'),
    fromLocked: fc.boolean(),
    key: fc.constantFrom(...KEYS),
  }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

/** Units of an asset: USDT in whole units, BTC in thousandths, so both reservations and fills stay exact. */
const unit = (asset: string, units: number) => new Decimal(units).div(asset === 'BTC' ? 1_000 : 1);

function fillOf(o: Extract<Op, { kind: 'fill' }>, i: number): Fill {
  const amount = new Decimal(o.milli).div(1_000);
  const fee = o.feeAsset === 'BTC' ? amount.div(1_000) : amount.times(o.price).div(1_000);
  return fill({
    venue: 'A',
    side: o.side,
    price: String(o.price),
    amount: amount.toString(),
    fee: { asset: o.feeAsset, amount: fee.toString() },
    orderId: `x-${i}`,
  });
}

describe('PortfolioLedger.applyFill fast path', () => {
  it('parsed fills and the same fills as raw input give the same ledger, results and errors, step by step', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
        const fast = funded();
        const slow = funded();
        ops.forEach((o, i) => {
          const on = (ledger: PortfolioLedger, parsed: boolean) => () => {
            if (o.kind === 'reserve') return ledger.reserve('A', o.asset, unit(o.asset, o.units), o.key);
            if (o.kind === 'release') return ledger.release('A', o.asset, unit(o.asset, o.units), o.key);
            const f = fillOf(o, i);
            const options = o.fromLocked ? (o.key === undefined ? { fromLocked: true } : { fromLocked: true, reservationKey: o.key }) : {};
            return parsed ? ledger.applyFill(f, MARKET, options) : ledger.applyFill(raw(f), { ...MARKET }, { ...options });
          };
          expect(outcome(on(fast, true))).toEqual(outcome(on(slow, false)));
          expect(snapshot(fast)).toBe(snapshot(slow));
        });
      }),
      { numRuns: 60 },
    );
  });

  it('keyed reservations match an independent per-key model through reserves, releases and fills from them', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 50 }), (ops) => {
        const ledger = funded();
        // (asset, key) → amount held, maintained by the test from what each successful operation must do
        const model = new Map<string, Decimal>();
        const at = (asset: string, key: string | undefined) => model.get(`${asset}|${key ?? ''}`) ?? new Decimal(0);
        const set = (asset: string, key: string | undefined, value: Decimal) => model.set(`${asset}|${key ?? ''}`, value);
        ops.forEach((o, i) => {
          let change: [string, string | undefined, Decimal] | undefined;
          let run: () => unknown;
          if (o.kind === 'fill') {
            const f = fillOf(o, i);
            const [spent, taken] = o.side === 'buy' ? ['USDT', f.price.times(f.amount)] : ['BTC', f.amount];
            const need = f.fee.asset === spent ? taken.plus(f.fee.amount) : taken;
            if (o.fromLocked) change = [spent, o.key, need.negated()];
            const options = o.key === undefined ? { fromLocked: o.fromLocked } : { fromLocked: o.fromLocked, reservationKey: o.key };
            run = () => ledger.applyFill(f, MARKET, options);
          } else {
            const amount = unit(o.asset, o.units);
            change = [o.asset, o.key, o.kind === 'reserve' ? amount : amount.negated()];
            run = () => (o.kind === 'reserve' ? ledger.reserve('A', o.asset, amount, o.key) : ledger.release('A', o.asset, amount, o.key));
          }
          const before = snapshot(ledger);
          const overdraws = change !== undefined && at(change[0], change[1]).plus(change[2]).isNeg();
          try {
            run();
            expect(overdraws, 'an overdraw of a reservation must throw').toBe(false);
            if (change !== undefined) set(change[0], change[1], at(change[0], change[1]).plus(change[2]));
          } catch (err) {
            expect(err).toBeInstanceOf(InsufficientBalanceError);
            expect(snapshot(ledger)).toBe(before);
          }
          for (const asset of ['USDT', 'BTC']) {
            let locked = new Decimal(0);
            for (const key of KEYS) {
              expect(ledger.reserved('A', asset, key).toString()).toBe(at(asset, key).toString());
              locked = locked.plus(at(asset, key));
            }
            expect(ledger.balance('A', asset).locked.toString()).toBe(locked.toString());
          }
        });
      }),
      { numRuns: 80 },
    );
  });

  it('bad fills, markets and options get zod’s ValidationError', () => {
    const ledger = funded();
    const good = fill({ venue: 'A', side: 'buy', price: '20000', amount: '0.1', fee: { asset: 'USDT', amount: '2' } });
    const badFills: unknown[] = [
      { ...good, ts: -1 },
      { ...good, ts: 1.5 },
      { ...good, side: 'hold' },
      { ...good, price: new Decimal(0) },
      { ...good, amount: new Decimal(Number.NaN) },
      { ...good, fee: { asset: 'USDT', amount: new Decimal(-1) } },
      { ...good, fee: { asset: '', amount: new Decimal(1) } },
      { ...good, fee: null },
      { ...good, orderId: '' },
      { ...good, clientOrderId: 7 },
      { ...good, liquidity: 'both' },
      null,
      [],
    ];
    for (const bad of badFills) {
      const err = outcome(() => ledger.applyFill(bad as Fill, MARKET));
      expect(err).toEqual(outcome(() => parseWith(FillSchema, bad, 'fill')));
      expect(err).toMatchObject({ threw: { class: 'ValidationError', code: 'VALIDATION' } });
    }
    expect(() => ledger.applyFill(good, { base: 'BTC', quote: 'BTC' })).toThrow(
      new ValidationError('fill market', [{ field: 'quote', value: 'BTC', message: 'base and quote must differ' }]),
    );
    expect(outcome(() => ledger.applyFill(good, MARKET, { fromLocked: 'yes' as unknown as boolean }))).toMatchObject({
      threw: {
        class: 'ValidationError',
        message: 'Invalid apply fill options: fromLocked = "yes": Invalid input: expected boolean, received string',
      },
    });
    expect(() => ledger.applyFill(good, MARKET, { reservationKey: '' })).toThrow(/Invalid apply fill options: reservationKey = ""/);
    // nothing above changed the ledger: still the funded balances
    expect(ledger.balance('A', 'USDT').total.toString()).toBe('100000');
  });

  it('a clientOrderId present but undefined is accepted, as the schema accepts it', () => {
    const ledger = funded();
    const f = {
      ...fill({ venue: 'A', side: 'sell', price: '20000', amount: '0.5', fee: { asset: 'USDT', amount: '10' } }),
      clientOrderId: undefined,
    };
    // 0.5 × 20,000 = 10,000 received, fee 10 USDT; BTC cost 20,000 a unit, so no gain: realized −10
    const applied = ledger.applyFill(f, MARKET);
    expect(applied.notional.toString()).toBe('10000');
    expect(applied.realizedPnl.toString()).toBe('-10');
    expect(ledger.balance('A', 'USDT').free.toString()).toBe('109990');
  });
});
