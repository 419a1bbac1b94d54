import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, Executor, Journal, type Order, OrderTracker, parseOrderRequest, VirtualClock } from '../../src/index';
import { btcUsdt, catalogOf, drive, spatial, tempJournalPath } from './helpers';
import { ScriptedVenue } from './scripted-venue';

const ratio = fc.integer({ min: 0, max: 1000 }).map((n) => (n / 1000).toString());

async function run(buyRatio: string, sellRatio: string, repair: boolean) {
  const clock = new VirtualClock(0);
  const script = (r: string) => (cid: string) => (cid.includes('-L') ? { kind: 'partial' as const, ratio: r } : { kind: 'fill' as const });
  const alpha = new ScriptedVenue('alpha', clock, [btcUsdt('alpha')], { USDT: '10000', BTC: '5' }, script(buyRatio));
  const beta = new ScriptedVenue('beta', clock, [btcUsdt('beta')], { USDT: '10000', BTC: '5' }, script(sellRatio));
  // Two price levels each, so averages differ from the limits; deep enough for any repair within the cap.
  alpha.setBook(
    'BTC/USDT',
    [
      ['99.9', '0.5'],
      ['99.8', '10'],
    ],
    [
      ['99.5', '0.3'],
      ['100', '10'],
    ],
  );
  beta.setBook(
    'BTC/USDT',
    [
      ['101.3', '0.4'],
      ['101', '10'],
    ],
    [['101.5', '10']],
  );
  const journal = await Journal.open(await tempJournalPath(), { clock, durability: 'os-buffer' });
  const executor = new Executor([alpha, beta], {
    clock,
    catalog: catalogOf('alpha', 'beta'),
    journal,
    pollIntervalMs: 100,
    repair: { enabled: repair, maxSlippageBps: 50 },
  });
  const report = await drive(clock, executor.execute(spatial('p')), journal);
  await journal.close();
  return { report, alpha, beta };
}

describe('executor properties', () => {
  it('realized PnL equals min(bought, sold) × (avg sell − avg buy) − fees, recomputed from the fills', async () => {
    await fc.assert(
      fc.asyncProperty(ratio, ratio, async (b, s) => {
        const { report } = await run(b, s, false);
        const fills = report.legs.flatMap((l) => l.fills);
        const side = (x: 'buy' | 'sell') => fills.filter((f) => f.side === x);
        const qty = (fs: typeof fills) => fs.reduce((acc, f) => acc.plus(f.amount), new Decimal(0));
        const notional = (fs: typeof fills) => fs.reduce((acc, f) => acc.plus(f.amount.times(f.price)), new Decimal(0));
        const bought = qty(side('buy'));
        const sold = qty(side('sell'));
        const fees = fills.reduce((acc, f) => acc.plus(f.fee.amount), new Decimal(0));
        const avg = (fs: typeof fills, q: Decimal) => (q.isZero() ? new Decimal(0) : notional(fs).div(q));
        const expected = Decimal.min(bought, sold)
          .times(avg(side('sell'), sold).minus(avg(side('buy'), bought)))
          .minus(fees);
        expect(report.realizedPnl.minus(expected).abs().lte('1e-20')).toBe(true);
        expect(report.fees.eq(fees)).toBe(true);
        const residual = bought.minus(sold);
        expect(report.residual.BTC?.toString() ?? '0').toBe(residual.toString());
      }),
      { numRuns: 25 },
    );
  });

  it('after repair no tradable exposure is left and every repair fill is within the slippage cap', async () => {
    await fc.assert(
      fc.asyncProperty(ratio, ratio, async (b, s) => {
        const { report, alpha, beta } = await run(b, s, true);
        // Only an exposure too small to trade may remain: its notional (at ≤ 101.5) is under the 1 USDT minimum.
        for (const amount of Object.values(report.residual)) expect(amount.abs().times('101.5').lt(1)).toBe(true);
        for (const repair of report.repairs) {
          const leg = report.legs[repair.legIndex];
          if (leg === undefined) throw new Error('repair of an unknown leg');
          // Completing: within 0.5 % of the leg's expected price; unwinding: of the leg's own average.
          const reference = repair.side === leg.side ? new Decimal(repair.side === 'buy' ? '100' : '101') : (leg.average ?? new Decimal(0));
          for (const fill of repair.fills) {
            if (fill.side === 'buy') expect(fill.price.lte(reference.times('1.005'))).toBe(true);
            else expect(fill.price.gte(reference.times('0.995'))).toBe(true);
          }
        }
        // Nothing forgotten: every order on both venues is terminal and in the report.
        const reported = new Set([...report.legs, ...report.repairs].flatMap((l) => l.orders.map((o) => o.id)));
        for (const o of [...alpha.allOrders(), ...beta.allOrders()]) {
          expect(reported.has(o.id)).toBe(true);
          expect(['filled', 'expired', 'canceled']).toContain(o.status);
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('OrderTracker', () => {
  const request = parseOrderRequest({
    venue: 'v',
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'limit',
    amount: '1',
    price: '100',
    timeInForce: 'IOC',
    clientOrderId: 'c-1',
  });
  const state = (status: Order['status'], filled: string): Order => ({
    id: 'o-1',
    clientOrderId: 'c-1',
    venue: 'v',
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'limit',
    timeInForce: 'IOC',
    postOnly: false,
    price: new Decimal(100),
    amount: new Decimal(1),
    filled: new Decimal(filled),
    cost: new Decimal(filled).times(100),
    status,
    fees: [],
    ts: 0,
    updatedTs: 0,
  });
  // The venue's true history of one order.
  const history = [
    state('new', '0'),
    state('open', '0'),
    state('partially_filled', '0.3'),
    state('partially_filled', '0.7'),
    state('expired', '0.7'),
  ];

  it('property: whatever order updates arrive in, the tracker ends at the final state and never moves back', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(history.slice(0, -1)), fc.nat(), (earlier, at) => {
        const tracker = new OrderTracker(request, { opportunityId: 'op', role: 'leg', legIndex: 0 }, 0);
        const updates = [...earlier];
        updates.splice(at % (updates.length + 1), 0, history[4] as Order);
        let lastFilled = new Decimal(0);
        for (const u of updates) {
          tracker.apply(u);
          expect(tracker.filled.gte(lastFilled)).toBe(true);
          lastFilled = tracker.filled;
        }
        expect(tracker.status).toBe('expired');
        expect(tracker.filled.toString()).toBe('0.7');
        expect(tracker.done).toBe(true);
      }),
    );
  });

  it('refuses impossible transitions and keeps a fill once', () => {
    const tracker = new OrderTracker(request, { opportunityId: 'op', role: 'leg', legIndex: 0 }, 0);
    expect(tracker.status).toBe('pending');
    tracker.markUnknown(5);
    expect(tracker.status).toBe('unknown');
    expect(tracker.apply(state('open', '0'))).toBe('applied');
    expect(tracker.apply(state('new', '0'))).toBe('invalid');
    expect(tracker.apply(state('filled', '1'))).toBe('applied');
    expect(tracker.apply(state('canceled', '1'))).toBe('stale');
    const fill = {
      id: 'f-1',
      orderId: 'o-1',
      venue: 'v',
      symbol: 'BTC/USDT',
      side: 'buy' as const,
      price: new Decimal(100),
      amount: new Decimal(1),
      fee: { asset: 'USDT', amount: new Decimal('0.1') },
      liquidity: 'taker' as const,
      ts: 0,
    };
    expect(tracker.addFill(fill)).toBe(true);
    expect(tracker.addFill(fill)).toBe(false);
    expect(tracker.fills).toHaveLength(1);
  });
});
