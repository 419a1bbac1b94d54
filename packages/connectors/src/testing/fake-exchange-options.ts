import type { Decimal, DecimalLike } from '@arbot/core';
import { OptionsReader } from '../ccxt/options-reader';
import type { FakeMarket } from './fake-events';

/** One market the fake exchange lists. Decimals may be strings or numbers. */
export interface FakeMarketSpec {
  /** Unified symbol `BASE/QUOTE` in capitals; the Binance id is `BASEQUOTE`, the OKX id `BASE-QUOTE`. */
  readonly symbol: string;
  /** Price step (default `0.01`). */
  readonly tickSize?: DecimalLike;
  /** Amount step (default `0.00001`). */
  readonly stepSize?: DecimalLike;
  /** Smallest order amount (default `0.00001`). */
  readonly minQty?: DecimalLike;
  /** Smallest limit order notional in quote (default `5`). */
  readonly minNotional?: DecimalLike;
}

/** Options of `startFakeExchange`. */
export interface FakeExchangeOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** Listed markets (default `BTC/USDT` and `ETH/USDT`). */
  readonly markets?: readonly FakeMarketSpec[];
  /** The local time the exchange clock is based on, ms (default `Date.now`). */
  readonly now?: () => number;
  /** How far the exchange clock runs ahead of `now()` (negative: behind), ms; every exchange timestamp includes it. */
  readonly serverTimeOffsetMs?: number;
  /** Starting free balances of the single trading account, by asset (e.g. `{ USDT: '10000' }`). */
  readonly balances?: Readonly<Record<string, DecimalLike>>;
  /** Maker fee rate as a fraction (default `0.001`). */
  readonly makerFee?: DecimalLike;
  /** Taker fee rate as a fraction (default `0.001`). */
  readonly takerFee?: DecimalLike;
  /** Update id every book starts at (Binance `lastUpdateId`, OKX `seqId`; default 1000). */
  readonly firstUpdateId?: number;
}

/** Validated fake exchange options. */
export interface ResolvedFakeExchangeOptions {
  readonly port: number;
  readonly markets: readonly FakeMarket[];
  /** The exchange clock: `now() + serverTimeOffsetMs`. */
  readonly exchangeNow: () => number;
  readonly balances: Readonly<Record<string, Decimal>>;
  readonly makerFee: Decimal;
  readonly takerFee: Decimal;
  readonly firstUpdateId: number;
}

const SYMBOL = /^([A-Z0-9]+)\/([A-Z0-9]+)$/;

/**
 * Validates `startFakeExchange` options; throws a `ValidationError` naming
 * every bad field (e.g. `markets.0.symbol`).
 */
export function parseFakeExchangeOptions(input: unknown): ResolvedFakeExchangeOptions {
  const read = new OptionsReader('fake exchange options', input);
  const port = read.number('port', 0, { integer: true, min: 0, max: 65_535 });
  const now = read.optionalFunction<() => number>('now') ?? Date.now;
  const offset = read.number('serverTimeOffsetMs', 0, { integer: true });
  const makerFee = read.decimal('makerFee', '0.001');
  const takerFee = read.decimal('takerFee', '0.001');
  const firstUpdateId = read.number('firstUpdateId', 1_000, { integer: true, min: 1 });
  const balances: Record<string, Decimal> = {};
  const rawBalances = read.raw('balances');
  if (rawBalances !== undefined) {
    const nested = read.nested('balances', rawBalances);
    for (const asset of nested.keys()) balances[asset] = nested.decimal(asset, 0);
  }
  const markets = readMarkets(read);
  read.done();
  return { port, markets, exchangeNow: () => Math.round(now() + offset), balances, makerFee, takerFee, firstUpdateId };
}

function readMarkets(read: OptionsReader): FakeMarket[] {
  const raw = read.raw('markets') ?? [{ symbol: 'BTC/USDT' }, { symbol: 'ETH/USDT' }];
  if (!Array.isArray(raw) || raw.length === 0) {
    read.fail('markets', raw, 'must be a non-empty array of { symbol, tickSize?, stepSize?, minQty?, minNotional? }');
    return [];
  }
  const markets: FakeMarket[] = [];
  raw.forEach((spec: unknown, i) => {
    const nested = read.nested(`markets.${i}`, spec);
    const symbol = nested.optionalString('symbol');
    const match = symbol === undefined ? null : SYMBOL.exec(symbol);
    if (symbol === undefined || match === null) nested.fail('symbol', symbol, 'must look like BASE/QUOTE in capitals');
    const tickSize = nested.decimal('tickSize', '0.01', '1e-30');
    const stepSize = nested.decimal('stepSize', '0.00001', '1e-30');
    const minQty = nested.decimal('minQty', '0.00001');
    const minNotional = nested.decimal('minNotional', 5);
    if (match === null || symbol === undefined) return;
    const base = match[1] ?? '';
    const quote = match[2] ?? '';
    markets.push({ symbol, base, quote, binanceId: `${base}${quote}`, okxId: `${base}-${quote}`, tickSize, stepSize, minQty, minNotional });
  });
  return markets;
}
