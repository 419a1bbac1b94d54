import { describe, expect, it } from 'vitest';
import { type ArbotError, MarketCatalog, UnknownMarketError, ValidationError } from '../../src/index';
import { btcUsdt, btcUsdtWith } from './markets';

const ethUsdt = btcUsdtWith({ symbol: 'ETH/USDT', id: 'ETHUSDT', base: 'ETH', precision: { amount: '0.0001', price: '0.01' } });
const okxBtc = btcUsdtWith({ venue: 'okx', id: 'BTC-USDT', precision: { amount: '0.00000001', price: '0.1' } });

/** A unified market as ccxt would give it, in TICK_SIZE mode. */
function ccxtMarket(symbol: string, tick: number): Record<string, unknown> {
  const [base = '', quote = ''] = symbol.split('/');
  return {
    id: symbol.replace('/', ''),
    symbol,
    base,
    quote,
    type: 'spot',
    active: true,
    precision: { amount: 0.001, price: tick },
    limits: { amount: { min: 0.001 }, price: {}, cost: { min: 1 } },
    maker: 0.0002,
    taker: 0.0005,
  };
}

describe('MarketCatalog', () => {
  it('holds markets of many venues and finds them by venue and symbol', () => {
    const catalog = new MarketCatalog([btcUsdt, ethUsdt, okxBtc]);
    expect(catalog.size).toBe(3);
    expect(catalog.venues()).toEqual(['binance', 'okx']);
    expect(catalog.list().map((m) => `${m.venue} ${m.symbol}`)).toEqual(['binance BTC/USDT', 'binance ETH/USDT', 'okx BTC/USDT']);
    expect(catalog.list('binance').map((m) => m.symbol)).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(catalog.list('kraken')).toEqual([]);
    expect(catalog.get('okx', 'BTC/USDT').precision.price.toString()).toBe('0.1');
    expect(catalog.get('binance', 'BTC/USDT').precision.price.toString()).toBe('0.01');
    expect(catalog.find('binance', 'BTC/EUR')).toBeUndefined();
    expect(catalog.has('binance', 'ETH/USDT')).toBe(true);
    expect(catalog.has('okx', 'ETH/USDT')).toBe(false);
  });

  it('get throws UnknownMarketError with venue and symbol in context', () => {
    const catalog = new MarketCatalog([btcUsdt]);
    let err: unknown;
    try {
      catalog.get('binance', 'BTC/EUR');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UnknownMarketError);
    expect((err as UnknownMarketError).code).toBe('UNKNOWN_MARKET');
    expect((err as UnknownMarketError).context).toEqual({ venue: 'binance', symbol: 'BTC/EUR', knownVenue: true });
    expect(() => catalog.get('kraken', 'BTC/USDT')).toThrow('Unknown market kraken BTC/USDT: no markets are loaded for venue kraken');
  });

  it('add validates, replaces a market with the same venue and symbol, and chains', () => {
    const catalog = new MarketCatalog().add(btcUsdt).add(btcUsdtWith({ active: false }));
    expect(catalog.size).toBe(1);
    expect(catalog.get('binance', 'BTC/USDT').active).toBe(false);
    expect(() => catalog.add({ ...btcUsdt, precision: { amount: '0', price: '0.01' } })).toThrow(ValidationError);
    expect(() => catalog.add({ ...btcUsdt, precision: { amount: '0', price: '0.01' } })).toThrow(/precision\.amount/);
  });

  it('addFromCcxt takes an array (fetchMarkets) or a record (exchange.markets)', () => {
    const catalog = MarketCatalog.fromCcxt('bybit', [ccxtMarket('BTC/USDT', 0.1), ccxtMarket('SOL/USDT', 0.01)], 4).addFromCcxt(
      'gate',
      { 'BTC/USDT': ccxtMarket('BTC/USDT', 0.1) },
      'TICK_SIZE',
    );
    expect(catalog.venues()).toEqual(['bybit', 'gate']);
    expect(catalog.list('bybit').map((m) => m.symbol)).toEqual(['BTC/USDT', 'SOL/USDT']);
    expect(catalog.get('gate', 'BTC/USDT').fees.taker.toString()).toBe('0.0005');
  });

  it('addFromCcxt is all or nothing unless onInvalid is given', () => {
    const bad = { ...ccxtMarket('ETH/USDT', 0.01), precision: { amount: 0.001 } };
    const catalog = new MarketCatalog([btcUsdt]);
    expect(() => catalog.addFromCcxt('binance', [ccxtMarket('SOL/USDT', 0.01), bad], 4)).toThrow(/precision\.price = undefined/);
    expect(catalog.list().map((m) => m.symbol)).toEqual(['BTC/USDT']);

    const skipped: [string, string][] = [];
    catalog.addFromCcxt('binance', [ccxtMarket('SOL/USDT', 0.01), bad], 4, {
      onInvalid: (symbol: string, err: ArbotError) => skipped.push([symbol, err.code]),
    });
    expect(skipped).toEqual([['ETH/USDT', 'VALIDATION']]);
    expect(catalog.list().map((m) => m.symbol)).toEqual(['BTC/USDT', 'SOL/USDT']);
  });

  it('addFromCcxt passes defaultFees and reports a significant-digits venue per market', () => {
    const { maker: _m, taker: _t, ...noFees } = ccxtMarket('BTC/USD', 1);
    const withDefaults = MarketCatalog.fromCcxt('kraken', [noFees], 4, { defaultFees: { maker: '0.0016', taker: '0.0026' } });
    expect(withDefaults.get('kraken', 'BTC/USD').fees.maker.toString()).toBe('0.0016');

    const codes: string[] = [];
    const sig = MarketCatalog.fromCcxt('bitfinex', [ccxtMarket('BTC/USD', 5)], 3, { onInvalid: (s, e) => codes.push(`${s} ${e.code}`) });
    expect(codes).toEqual(['BTC/USD UNSUPPORTED_PRECISION_MODE']);
    expect(sig.size).toBe(0);
  });
});
