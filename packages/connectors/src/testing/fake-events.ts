import type { Decimal, Level, Side } from '@arbot/core';

/**
 * A market listed by the fake exchange, with its ids in both protocols.
 *
 * @example
 * ```ts
 * const btc: FakeMarket | undefined = fake.markets.find((m) => m.symbol === 'BTC/USDT'); // btc.okxId === 'BTC-USDT'
 * ```
 */
export interface FakeMarket {
  /** Unified symbol, e.g. `BTC/USDT`. */
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  /** Binance id, e.g. `BTCUSDT`. */
  readonly binanceId: string;
  /** OKX instrument id, e.g. `BTC-USDT`. */
  readonly okxId: string;
  readonly tickSize: Decimal;
  readonly stepSize: Decimal;
  readonly minQty: Decimal;
  readonly minNotional: Decimal;
}

/**
 * Status of an order on the fake exchange, in Binance's words.
 *
 * @example
 * ```ts
 * const open = fake.orders().filter((o) => (['NEW', 'PARTIALLY_FILLED'] as FakeOrderStatus[]).includes(o.status));
 * ```
 */
export type FakeOrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'EXPIRED' | 'REJECTED';

/**
 * One execution of an order of the fake account.
 *
 * @example
 * ```ts
 * const fills: readonly FakeFill[] = fake.fillOrder(orderId, '0.5').fills;
 * ```
 */
export interface FakeFill {
  readonly tradeId: number;
  readonly price: Decimal;
  readonly amount: Decimal;
  readonly fee: Decimal;
  readonly feeAsset: string;
  readonly maker: boolean;
  readonly ts: number;
}

/**
 * An order of the fake account (a snapshot: the account replaces it on every change).
 *
 * @example
 * ```ts
 * const [first]: readonly FakeOrder[] = fake.orders();
 * console.log(first?.status, first?.filled.toString());
 * ```
 */
export interface FakeOrder {
  readonly id: number;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly type: 'limit' | 'market';
  readonly timeInForce: 'GTC' | 'IOC' | 'FOK';
  readonly postOnly: boolean;
  readonly price: Decimal | undefined;
  readonly amount: Decimal;
  readonly filled: Decimal;
  /** Quote spent (buy) or received (sell), before fees. */
  readonly cost: Decimal;
  readonly status: FakeOrderStatus;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly fills: readonly FakeFill[];
}

/**
 * A balance of the fake account.
 *
 * @example
 * ```ts
 * const usdt: FakeBalance | undefined = fake.balances().get('USDT');
 * ```
 */
export interface FakeBalance {
  readonly free: Decimal;
  readonly locked: Decimal;
}

/** What changed on the fake exchange; protocol adapters turn these into their own frames. */
export type FakeMarketEvent =
  | {
      readonly kind: 'book';
      readonly symbol: string;
      readonly bids: readonly Level[];
      readonly asks: readonly Level[];
      /** First update id in this update (Binance `U`). */
      readonly firstId: number;
      /** Last update id in this update (Binance `u`, OKX `seqId`). */
      readonly lastId: number;
      /** Last id of the previous update (OKX `prevSeqId`); ≠ firstId - 1 after a scripted skip. */
      readonly prevId: number;
      readonly ts: number;
    }
  | {
      readonly kind: 'trade';
      readonly symbol: string;
      readonly id: number;
      readonly price: number;
      readonly amount: number;
      /** Taker side. */
      readonly side: Side;
      readonly ts: number;
    }
  | {
      readonly kind: 'order';
      readonly order: FakeOrder;
      /** Binance execution type of this change. */
      readonly execution: 'NEW' | 'TRADE' | 'CANCELED' | 'EXPIRED';
      /** The fill behind a `TRADE` change. */
      readonly fill?: FakeFill;
      readonly ts: number;
    }
  | { readonly kind: 'balances'; readonly assets: readonly string[]; readonly ts: number }
  /** The top of book or last price of `symbol` changed; adapters push their ticker frames. */
  | { readonly kind: 'ticker'; readonly symbol: string; readonly ts: number }
  | {
      readonly kind: 'candle';
      readonly symbol: string;
      readonly candle: FakeCandle;
      readonly ts: number;
    };

/**
 * A candle being built from the fake exchange's trades (for the kline / candle channels).
 *
 * @example
 * ```ts
 * const candle: FakeCandle = { timeframeMs: 60_000, openTime: 0, open: 1, high: 1, low: 1, close: 1, volume: 0, quoteVolume: 0, trades: 0 };
 * ```
 */
export interface FakeCandle {
  /** Candle length, ms. */
  readonly timeframeMs: number;
  /** Open time, ms. */
  readonly openTime: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** Base volume. */
  readonly volume: number;
  /** Quote volume. */
  readonly quoteVolume: number;
  readonly trades: number;
}
