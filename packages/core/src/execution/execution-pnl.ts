import type { Fill } from '../model/order';
import { Decimal } from '../money/decimal';

const ZERO = new Decimal(0);

/**
 * Base and quote asset of a fill's market.
 *
 * @example
 * ```ts
 * const assetsOf: AssetsOf = (fill) => catalog.get(fill.venue, fill.symbol);
 * ```
 */
export type AssetsOf = (fill: Fill) => { readonly base: string; readonly quote: string };

/**
 * The price of one unit of an asset in the report currency, when known.
 *
 * @example
 * ```ts
 * const unitPrice: UnitPrice = (asset) => (asset === 'BNB' ? new Decimal(300) : undefined);
 * ```
 */
export type UnitPrice = (asset: string) => Decimal | undefined;

/**
 * Realized PnL and fees of a set of fills, in `currency`.
 *
 * Trades move assets (a buy: +amount base, −amount × price quote; a sell the
 * reverse). PnL is the net currency flow of the trades plus every other
 * asset's net trade flow valued at this execution's own prices — a net long
 * at the average price it was bought at against the currency, a net short at
 * the average price it was sold at (falling back to the other side, then to
 * `unitPrice`) — minus the fees. A position left open therefore counts at
 * cost, and a flat execution's PnL is exactly its currency flow minus fees.
 * A fee is valued at 1 in the currency, at the fill's own price when charged
 * in the fill's base against the currency (Binance-style buy fees), else at
 * the asset's price as above. Assets that cannot be valued count as 0 and
 * are listed in `unvalued`. `flows` is every asset's net change, fees included.
 *
 * @example
 * ```ts
 * // buy 1 @ 100 (fee 0.001 BTC = 0.1), sell 1 @ 101 (fee 0.101 USDT): 101 − 100 − 0.201 = 0.799
 * realizedPnlOf(fills, 'USDT', assetsOf, () => undefined).pnl.toString(); // '0.799'
 * ```
 */
export function realizedPnlOf(
  fills: readonly Fill[],
  currency: string,
  assetsOf: AssetsOf,
  unitPrice: UnitPrice,
): { pnl: Decimal; fees: Decimal; flows: Map<string, Decimal>; unvalued: string[] } {
  const flows = new Map<string, Decimal>();
  const trades = new Map<string, Decimal>();
  const add = (asset: string, amount: Decimal, fee = false): void => {
    flows.set(asset, (flows.get(asset) ?? ZERO).plus(amount));
    if (!fee) trades.set(asset, (trades.get(asset) ?? ZERO).plus(amount));
  };
  const buys = new Map<string, { amount: Decimal; cost: Decimal }>();
  const sells = new Map<string, { amount: Decimal; cost: Decimal }>();
  for (const fill of fills) {
    const { base, quote } = assetsOf(fill);
    const cost = fill.amount.times(fill.price);
    const sign = fill.side === 'buy' ? 1 : -1;
    add(base, fill.amount.times(sign));
    add(quote, cost.times(-sign));
    add(fill.fee.asset, fill.fee.amount.negated(), true);
    if (quote === currency) {
      const book = fill.side === 'buy' ? buys : sells;
      const acc = book.get(base) ?? { amount: ZERO, cost: ZERO };
      book.set(base, { amount: acc.amount.plus(fill.amount), cost: acc.cost.plus(cost) });
    }
  }
  const average = (m: Map<string, { amount: Decimal; cost: Decimal }>, asset: string): Decimal | undefined => {
    const acc = m.get(asset);
    return acc === undefined || acc.amount.isZero() ? undefined : acc.cost.div(acc.amount);
  };
  const priceOf = (asset: string, long: boolean): Decimal | undefined =>
    (long ? (average(buys, asset) ?? average(sells, asset)) : (average(sells, asset) ?? average(buys, asset))) ?? unitPrice(asset);

  let pnl = trades.get(currency) ?? ZERO;
  const unvalued: string[] = [];
  for (const [asset, flow] of trades) {
    if (asset === currency || flow.isZero()) continue;
    const price = priceOf(asset, flow.gt(0));
    if (price === undefined) unvalued.push(asset);
    else pnl = pnl.plus(flow.times(price));
  }

  let fees = ZERO;
  for (const fill of fills) {
    if (fill.fee.amount.isZero()) continue;
    const { base, quote } = assetsOf(fill);
    const asset = fill.fee.asset;
    let unit: Decimal | undefined;
    if (asset === currency) unit = new Decimal(1);
    else if (asset === base && quote === currency) unit = fill.price;
    else unit = priceOf(asset, true);
    if (unit === undefined) {
      if (!unvalued.includes(asset)) unvalued.push(asset);
    } else fees = fees.plus(fill.fee.amount.times(unit));
  }
  return { pnl: pnl.minus(fees), fees, flows, unvalued };
}
