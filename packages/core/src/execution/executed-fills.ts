import type { Market } from '../model/market';
import type { Fill, Order } from '../model/order';
import { Decimal } from '../money/decimal';

const ZERO = new Decimal(0);

/**
 * The fills that make up an order's executed amount. Fills seen on
 * `orders$` come first; when the order's state shows more executed than
 * those fills (fills missed, or the order was only polled), one remainder
 * fill with id `<orderId>:rest` stands for the difference: its price is the
 * order's unexplained cost over the unexplained amount, its fee the
 * unexplained part of the order's fees or, when the venue reports none, an
 * estimate: the market's taker rate, charged in the asset received (the
 * base on a buy, the quote on a sell — the default of Binance-style spot
 * venues). Reconciliation reports any difference as drift.
 *
 * @example
 * ```ts
 * const fills = executedFills(finalOrder, trackedFills, market);
 * fills.reduce((s, f) => s.plus(f.amount), new Decimal(0)).eq(finalOrder.filled); // true
 * ```
 */
export function executedFills(order: Order, known: readonly Fill[], market: Market): Fill[] {
  const fills = [...known];
  const seen = fills.reduce((s, f) => s.plus(f.amount), ZERO);
  const missing = order.filled.minus(seen);
  if (missing.lte(0)) return fills;
  const seenCost = fills.reduce((s, f) => s.plus(f.amount.times(f.price)), ZERO);
  const missingCost = order.cost.minus(seenCost);
  const price = missingCost.gt(0) ? missingCost.div(missing) : (order.average ?? order.price);
  if (price === undefined || price.lte(0)) return fills;
  const fee = remainderFee(order, fills, market, missing, missing.times(price));
  fills.push({
    id: `${order.id}:rest`,
    orderId: order.id,
    ...(order.clientOrderId === undefined ? {} : { clientOrderId: order.clientOrderId }),
    venue: order.venue,
    symbol: order.symbol,
    side: order.side,
    price,
    amount: missing,
    fee,
    liquidity: 'taker',
    ts: order.updatedTs,
  });
  return fills;
}

function remainderFee(order: Order, fills: readonly Fill[], market: Market, amount: Decimal, notional: Decimal): Fill['fee'] {
  if (order.fees.length === 0) {
    // No fee reported (e.g. Binance's order query has none): the taker fee, charged like most spot venues do
    // by default, in the asset received — the base on a buy, the quote on a sell.
    const rate = Decimal.max(market.fees.taker, 0);
    return order.side === 'buy'
      ? { asset: market.base, amount: amount.times(rate) }
      : { asset: market.quote, amount: notional.times(rate) };
  }
  let best: Fill['fee'] | undefined;
  for (const fee of order.fees) {
    const charged = fills.filter((f) => f.fee.asset === fee.asset).reduce((s, f) => s.plus(f.fee.amount), ZERO);
    const rest = fee.amount.minus(charged);
    if (rest.gt(0) && (best === undefined || rest.gt(best.amount))) best = { asset: fee.asset, amount: rest };
  }
  return best ?? { asset: order.fees[0]?.asset ?? market.quote, amount: ZERO };
}
