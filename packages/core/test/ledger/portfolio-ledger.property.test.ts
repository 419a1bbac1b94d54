import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, type Fill, InsufficientBalanceError, PortfolioLedger, VirtualClock } from '../../src/index';
import { fill } from './fills';

const MARKET = { base: 'BTC', quote: 'USDT' };
const VENUES = ['A', 'B'] as const;
const ASSETS = ['USDT', 'BTC', 'BNB'] as const;
const BNB_MARK = '300';

/** A decimal n / 10^scale with n in [1, max]: short, exact values. */
const decimal = (max: number, scale: number) => fc.integer({ min: 1, max }).map((n) => new Decimal(n).div(10 ** scale).toString());

const fillOp = fc.record({
  kind: fc.constant('fill' as const),
  venue: fc.constantFrom(...VENUES),
  side: fc.constantFrom('buy' as const, 'sell' as const),
  price: decimal(5_000_000, 2), // 0.01 … 50,000
  amount: decimal(20_000, 4), // 0.0001 … 2
  feeAsset: fc.constantFrom(...ASSETS),
  feeBps: fc.integer({ min: 0, max: 50 }),
  fromLocked: fc.boolean(),
  /** With `fromLocked`: how much of what the fill takes is reserved under its order id first (0.5 = too little). */
  reserveFactor: fc.constantFrom(0, 0.5, 1, 1.5),
});
const otherOp = fc.oneof(
  fc.record({
    kind: fc.constant('deposit' as const),
    venue: fc.constantFrom(...VENUES),
    asset: fc.constantFrom(...ASSETS),
    amount: decimal(1_000_000, 2),
  }),
  fc.record({
    kind: fc.constant('withdraw' as const),
    venue: fc.constantFrom(...VENUES),
    asset: fc.constantFrom(...ASSETS),
    amount: decimal(1_000_000, 3),
  }),
  fc.record({
    kind: fc.constant('reserve' as const),
    venue: fc.constantFrom(...VENUES),
    asset: fc.constantFrom(...ASSETS),
    amount: decimal(100_000, 4),
  }),
  fc.record({
    kind: fc.constant('release' as const),
    venue: fc.constantFrom(...VENUES),
    asset: fc.constantFrom(...ASSETS),
    amount: decimal(10_000, 4),
  }),
  fc.record({ kind: fc.constant('mark' as const), asset: fc.constantFrom('BTC' as const, 'BNB' as const), price: decimal(5_000_000, 2) }),
);
type FillOp = typeof fillOp extends fc.Arbitrary<infer T> ? T : never;
type Op = FillOp | (typeof otherOp extends fc.Arbitrary<infer T> ? T : never);

function toFill(op: FillOp, id: number): Fill {
  const cost = new Decimal(op.price).times(op.amount);
  const rate = new Decimal(op.feeBps).div(10_000);
  // fee amount: a rate of what the fill moves, in the fee's asset (BNB converted at its mark through the quote)
  const feeAmount =
    op.feeAsset === 'BTC'
      ? rate.times(op.amount)
      : op.feeAsset === 'USDT'
        ? rate.times(cost)
        : rate.times(cost).div(BNB_MARK).toDecimalPlaces(8);
  return fill({
    venue: op.venue,
    side: op.side,
    price: op.price,
    amount: op.amount,
    orderId: `o-${id}`,
    fee: { asset: op.feeAsset, amount: feeAmount.toString() },
  });
}

function newLedger(): PortfolioLedger {
  const ledger = new PortfolioLedger({ valuationCurrency: 'USDT', clock: new VirtualClock() });
  ledger.setPrice('BTC', '20000');
  ledger.setPrice('BNB', BNB_MARK);
  for (const venue of VENUES) {
    ledger.deposit(venue, 'USDT', '50000');
    ledger.deposit(venue, 'BTC', '1');
    ledger.deposit(venue, 'BNB', '10');
  }
  return ledger;
}

function state(ledger: PortfolioLedger): string {
  return JSON.stringify({
    balances: ledger.balances(),
    reserved: VENUES.flatMap((v) => ASSETS.map((a) => ledger.reserved(v, a).toString())),
    positions: ledger.positions(),
    realized: ledger.realizedPnl(),
    fees: ledger.feesPaid(),
    netDeposits: ledger.netDeposits(),
    equity: ledger.equity(),
  });
}

/** The ledger calls one operation makes; each must be atomic on its own. */
function steps(ledger: PortfolioLedger, op: Op, id: number): Array<() => void> {
  switch (op.kind) {
    case 'fill': {
      const f = toFill(op, id);
      const run = () => void ledger.applyFill(f, MARKET, { fromLocked: op.fromLocked });
      if (!op.fromLocked || op.reserveFactor === 0) return [run];
      // reserve what the fill will take from the spent asset (fee included when charged in it), scaled
      const [spent, taken] = op.side === 'buy' ? ['USDT', f.price.times(f.amount)] : ['BTC', f.amount];
      const need = f.fee.asset === spent ? taken.plus(f.fee.amount) : taken;
      const release = () => {
        const left = ledger.reserved(op.venue, spent, f.orderId);
        if (!left.isZero()) ledger.release(op.venue, spent, left, f.orderId);
      };
      return [() => ledger.reserve(op.venue, spent, need.times(op.reserveFactor), f.orderId), run, release];
    }
    case 'deposit':
      return [() => ledger.deposit(op.venue, op.asset, op.amount)];
    case 'withdraw':
      return [() => ledger.withdraw(op.venue, op.asset, op.amount)];
    case 'reserve':
      return [() => ledger.reserve(op.venue, op.asset, op.amount)];
    case 'release':
      return [() => ledger.release(op.venue, op.asset, op.amount)];
    case 'mark':
      return [() => ledger.setPrice(op.asset, op.price)];
  }
}

describe('PortfolioLedger invariants', () => {
  it('(a) never lets a balance go negative: it throws InsufficientBalanceError and changes nothing instead', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fillOp, otherOp), { minLength: 1, maxLength: 40 }), (ops) => {
        const ledger = newLedger();
        for (const step of ops.flatMap((op, i) => steps(ledger, op, i))) {
          const before = state(ledger);
          try {
            step();
          } catch (err) {
            expect(err).toBeInstanceOf(InsufficientBalanceError);
            expect(state(ledger)).toBe(before);
          }
          for (const b of ledger.balances()) {
            expect(b.free.gte(0)).toBe(true);
            expect(b.locked.gte(0)).toBe(true);
          }
          // positions mirror the balances summed over venues
          for (const p of ledger.positions()) {
            const total = VENUES.reduce((sum, v) => sum.plus(ledger.balance(v, p.asset).total), new Decimal(0));
            expect(p.amount.toString()).toBe(total.toString());
          }
        }
      }),
    );
  });

  it('(b) with the mark at the fill price, a fill changes equity by exactly minus the fee value', () => {
    fc.assert(
      fc.property(fc.array(fillOp, { minLength: 1, maxLength: 30 }), (ops) => {
        const ledger = newLedger();
        ops.forEach((op, i) => {
          ledger.setPrice('BTC', op.price);
          const equityBefore = ledger.equity();
          const feesBefore = ledger.feesPaid();
          const f = toFill(op, i);
          let feeValue = new Decimal(0);
          try {
            feeValue = ledger.applyFill(f, MARKET).feeValue;
            // the fee valued independently: BTC at the fill price, USDT at 1, BNB at its fixed mark
            const unit = op.feeAsset === 'BTC' ? op.price : op.feeAsset === 'USDT' ? 1 : BNB_MARK;
            expect(feeValue.toString()).toBe(f.fee.amount.times(unit).toString());
          } catch (err) {
            expect(err).toBeInstanceOf(InsufficientBalanceError);
          }
          expect(ledger.equity().toString()).toBe(equityBefore.minus(feeValue).toString());
          expect(ledger.feesPaid().toString()).toBe(feesBefore.plus(feeValue).toString());
        });
      }),
    );
  });

  it('(c) realized + unrealized PnL = equity − net deposits after every operation', () => {
    // Average cost divides, so the two sides can differ in the last of Decimal's 40 significant digits.
    const tolerance = new Decimal('1e-25');
    fc.assert(
      fc.property(fc.array(fc.oneof(fillOp, otherOp), { minLength: 1, maxLength: 40 }), (ops) => {
        const ledger = newLedger();
        for (const step of ops.flatMap((op, i) => steps(ledger, op, i))) {
          try {
            step();
          } catch (err) {
            expect(err).toBeInstanceOf(InsufficientBalanceError);
          }
          const pnl = ledger.realizedPnl().plus(ledger.unrealizedPnl());
          const gap = pnl.minus(ledger.equity().minus(ledger.netDeposits())).abs();
          expect(gap.lte(tolerance), `gap ${gap.toString()}`).toBe(true);
        }
      }),
    );
  });
});
