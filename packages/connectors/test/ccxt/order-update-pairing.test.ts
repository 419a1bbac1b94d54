import { canTransition, Decimal, type Fill, type Order, type OrderStatus, type OrderUpdate, parseFill, parseOrder } from '@arbot/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderUpdatePairing } from '../../src/ccxt/order-update-pairing';

const order = (status: OrderStatus, filled: string, id = '7'): Order =>
  parseOrder({
    id,
    venue: 'binance',
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'limit',
    timeInForce: 'GTC',
    price: '100',
    amount: '2',
    filled,
    cost: new Decimal(filled).times(100),
    status,
    ts: 1,
    updatedTs: 1,
  });

const fill = (id: string, amount: string, orderId = '7'): Fill =>
  parseFill({
    id,
    orderId,
    venue: 'binance',
    symbol: 'BTC/USDT',
    side: 'buy',
    price: '100',
    amount,
    fee: { asset: 'BTC', amount: '0' },
    liquidity: 'maker',
    ts: 1,
  });

/** A pairing whose end of turn the test calls by hand. */
function pairing(separateFills = true): { updates: OrderUpdate[]; pairing: OrderUpdatePairing; endTurn: () => void } {
  const updates: OrderUpdate[] = [];
  const due: (() => void)[] = [];
  const p = new OrderUpdatePairing((u) => updates.push(u), { separateFills, endOfTurn: (callback) => due.push(callback) });
  const endTurn = () => {
    for (const callback of due.splice(0)) callback();
  };
  return { updates, pairing: p, endTurn };
}

const summary = (updates: readonly OrderUpdate[]) => updates.map((u) => [u.order.status, u.order.filled.toString(), u.fill?.id]);

describe('OrderUpdatePairing', () => {
  it('a fill that comes before its order state waits for it and comes out with it', () => {
    const { updates, pairing: p } = pairing();
    p.onOrder(order('open', '0'));
    p.onFill(fill('f1', '0.5'));
    expect(summary(updates)).toEqual([['open', '0', undefined]]);
    p.onOrder(order('partially_filled', '0.5'));
    expect(summary(updates)).toEqual([
      ['open', '0', undefined],
      ['partially_filled', '0.5', 'f1'],
    ]);
  });

  it('a state that comes before its fills waits for them (within the turn), so no filled order goes out without its fills', () => {
    const { updates, pairing: p, endTurn } = pairing();
    p.onOrder(order('filled', '2'));
    expect(updates).toEqual([]);
    p.onFill(fill('f1', '1.5'));
    p.onFill(fill('f2', '0.5'));
    endTurn();
    expect(summary(updates)).toEqual([
      ['filled', '2', 'f1'],
      ['filled', '2', 'f2'],
    ]);
  });

  it('a state whose fills do not come within the turn goes out alone at its end; the fills follow with it', () => {
    const { updates, pairing: p, endTurn } = pairing();
    p.onOrder(order('partially_filled', '1'));
    endTurn();
    expect(summary(updates)).toEqual([['partially_filled', '1', undefined]]);
    p.onFill(fill('f1', '1'));
    expect(summary(updates)).toEqual([
      ['partially_filled', '1', undefined],
      ['partially_filled', '1', 'f1'],
    ]);
  });

  it('drops repeated fills, repeated states and states older than the last', () => {
    const { updates, pairing: p, endTurn } = pairing();
    p.onFill(fill('f1', '2'));
    p.onOrder(order('filled', '2'));
    // The same order again from another source (a placement answer after the stream, or the other way round).
    p.onFill(fill('f1', '2'));
    p.onOrder(order('open', '0'));
    p.onOrder(order('filled', '2'));
    endTurn();
    expect(summary(updates)).toEqual([['filled', '2', 'f1']]);
  });

  it('without a separate fill stream, states go out at once', () => {
    const { updates, pairing: p } = pairing(false);
    p.onOrder(order('partially_filled', '1'));
    expect(summary(updates)).toEqual([['partially_filled', '1', undefined]]);
  });

  it('property: any interleaving, with repeats and turn ends anywhere, reports each fill once with a state that includes it, and states never go back', () => {
    // One order of amount 2 filled in up to 4 parts: states open → partially_filled… → filled (or partially_filled).
    const scenario = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }).chain((parts) => {
      const total = parts.reduce((a, b) => a + b, 0);
      // Shares of 2 rounded down to 8 places: positive, adding up to at most 2.
      const amounts = parts.map((p) => new Decimal(p).times(2).div(total).toDecimalPlaces(8, Decimal.ROUND_DOWN));
      const fills = amounts.map((a, i) => fill(`f${i}`, a.toString()));
      let cumulative = new Decimal(0);
      const states = [
        order('open', '0'),
        ...amounts.map((a, i) => {
          cumulative = cumulative.plus(a);
          return order(i === amounts.length - 1 ? 'filled' : 'partially_filled', cumulative.toString());
        }),
      ];
      const events = [...states.map((s) => ({ kind: 'order' as const, s })), ...fills.map((f) => ({ kind: 'fill' as const, f }))];
      return fc.record({
        events: fc.constant(events),
        order: fc.array(fc.nat(), { minLength: events.length, maxLength: events.length }),
        repeats: fc.array(fc.boolean(), { minLength: events.length, maxLength: events.length }),
        turnEnds: fc.array(fc.boolean(), { minLength: events.length * 2, maxLength: events.length * 2 }),
        final: fc.constant(states.at(-1) as Order),
        fills: fc.constant(fills),
      });
    });
    fc.assert(
      fc.property(scenario, ({ events, order: keys, repeats, turnEnds, final, fills }) => {
        const sequence = events
          .map((e, i) => ({ e, key: keys[i] ?? 0 }))
          .sort((a, b) => a.key - b.key)
          .flatMap(({ e }, i) => (repeats[i] === true ? [e, e] : [e]));
        const { updates, pairing: p, endTurn } = pairing();
        sequence.forEach((e, i) => {
          if (e.kind === 'order') p.onOrder(e.s);
          else p.onFill(e.f);
          if (turnEnds[i] === true) endTurn();
        });
        endTurn();

        const reportedIds = updates.flatMap((u) => (u.fill === undefined ? [] : [u.fill.id]));
        expect([...reportedIds].sort()).toEqual(fills.map((f) => f.id).sort());
        let reported = new Decimal(0);
        for (const [i, u] of updates.entries()) {
          if (u.fill !== undefined) reported = reported.plus(u.fill.amount);
          expect(u.order.filled.gte(reported)).toBe(true);
          const previous = updates[i - 1]?.order;
          if (previous !== undefined) {
            expect(canTransition(previous.status, u.order.status)).toBe(true);
            expect(u.order.filled.gte(previous.filled)).toBe(true);
          }
        }
        expect(updates.at(-1)?.order).toBe(final);
      }),
      { numRuns: 150 },
    );
  });
});
