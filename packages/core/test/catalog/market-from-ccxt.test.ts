import { functions as ccxtFunctions } from 'ccxt';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CcxtPrecisionMode,
  type Market,
  MarketCatalog,
  MissingFeesError,
  marketFromCcxt,
  UnsupportedPrecisionModeError,
  ValidationError,
} from '../../src/index';
import { loadBinanceMarkets } from './binance-markets';

/** A market with every Decimal as its string, for exact deep comparison. */
function plain(m: Market): unknown {
  return JSON.parse(JSON.stringify(m));
}

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('CcxtPrecisionMode', () => {
  it('mirrors the numeric values of ccxt’s own constants', () => {
    expect(CcxtPrecisionMode).toEqual({
      DECIMAL_PLACES: ccxtFunctions.DECIMAL_PLACES,
      SIGNIFICANT_DIGITS: ccxtFunctions.SIGNIFICANT_DIGITS,
      TICK_SIZE: ccxtFunctions.TICK_SIZE,
    });
  });
});

describe('marketFromCcxt on binance markets parsed by real ccxt', () => {
  let loaded: Awaited<ReturnType<typeof loadBinanceMarkets>>;
  beforeAll(async () => {
    loaded = await loadBinanceMarkets('exchangeinfo-binance-spot-btcusdt-ethusdt.json');
  });

  it('went through ccxt’s fetchMarkets against the fixture server', () => {
    expect(loaded.requests).toEqual(['/api/v3/exchangeInfo']);
    expect(loaded.precisionMode).toBe(CcxtPrecisionMode.TICK_SIZE);
    expect(Object.keys(loaded.markets).sort()).toEqual(['BTC/USDT', 'ETH/USDT']);
  });

  it('BTC/USDT: steps and limits equal the filters in the exchangeInfo JSON', () => {
    const m = marketFromCcxt(loaded.markets['BTC/USDT'], { venue: 'binance', precisionMode: loaded.precisionMode });
    // Read off the fixture by hand:
    //   PRICE_FILTER  minPrice "0.01000000", maxPrice "1000000.00000000", tickSize "0.01000000"
    //   LOT_SIZE      minQty "0.00001000", maxQty "9000.00000000", stepSize "0.00001000"
    //   MIN_NOTIONAL  minNotional "10.00000000" (no max)
    // Fees are not in exchangeInfo; 0.001 is ccxt's default binance spot fee table.
    expect(plain(m)).toEqual({
      venue: 'binance',
      symbol: 'BTC/USDT',
      id: 'BTCUSDT',
      base: 'BTC',
      quote: 'USDT',
      type: 'spot',
      active: true,
      precision: { amount: '0.00001', price: '0.01' },
      limits: {
        amount: { min: '0.00001', max: '9000' },
        price: { min: '0.01', max: '1000000' },
        cost: { min: '10' },
      },
      fees: { maker: '0.001', taker: '0.001' },
    });
  });

  it('ETH/USDT: a different lot size (stepSize/minQty "0.00010000")', () => {
    const m = marketFromCcxt(loaded.markets['ETH/USDT'], { venue: 'binance', precisionMode: loaded.precisionMode });
    expect(m.precision.amount.toString()).toBe('0.0001');
    expect(m.precision.price.toString()).toBe('0.01');
    expect(m.limits.amount.min?.toString()).toBe('0.0001');
    expect(m.limits.amount.max?.toString()).toBe('9000');
    expect(m.limits.cost.min?.toString()).toBe('10');
    expect(m.limits.cost.max).toBeUndefined();
  });

  it('MarketCatalog.fromCcxt builds the same markets from exchange.markets', () => {
    const catalog = MarketCatalog.fromCcxt('binance', loaded.markets, loaded.precisionMode);
    expect(catalog.venues()).toEqual(['binance']);
    expect(catalog.list('binance').map((m) => m.symbol)).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(catalog.get('binance', 'ETH/USDT').precision.amount.toString()).toBe('0.0001');
  });

  it('survives a JSON round trip of the ccxt markets (undefined → missing, as in a saved catalog)', () => {
    const saved = JSON.parse(JSON.stringify(loaded.markets)) as Record<string, unknown>;
    const m = marketFromCcxt(saved['BTC/USDT'], { venue: 'binance', precisionMode: 'TICK_SIZE' });
    expect(m.precision.amount.toString()).toBe('0.00001');
    expect(m.limits.cost.max).toBeUndefined();
  });
});

describe('marketFromCcxt on a binance market without filters (real ccxt)', () => {
  it('ETH/BTC with "filters": [] has no lot size: ValidationError naming precision.amount', async () => {
    const { markets, precisionMode } = await loadBinanceMarkets('exchangeinfo-binance-spot-ethbtc.json');
    const err = caught(() => marketFromCcxt(markets['ETH/BTC'], { venue: 'binance', precisionMode }));
    expect(err).toBeInstanceOf(ValidationError);
    const v = err as ValidationError;
    expect(v.code).toBe('VALIDATION');
    expect(v.issues.map((i) => i.field)).toEqual(['precision.amount', 'precision.price']);
    expect(v.issues[0]?.value).toBeUndefined();
    expect(v.message).toMatch(/^Invalid ccxt market binance ETH\/BTC: precision\.amount = undefined/);

    const skipped: string[] = [];
    const catalog = MarketCatalog.fromCcxt('binance', markets, precisionMode, {
      onInvalid: (symbol, e) => skipped.push(`${symbol} ${e.code}`),
    });
    expect(skipped).toEqual(['ETH/BTC VALIDATION']);
    expect(catalog.size).toBe(0);
  });
});

/** A hand-made unified market, shaped like ccxt's output for an exchange in DECIMAL_PLACES mode (old kraken style). */
const krakenStyle = {
  id: 'XXBTZUSD',
  symbol: 'BTC/USD',
  base: 'BTC',
  quote: 'USD',
  type: 'spot',
  active: true,
  precision: { amount: 8, price: 1 },
  limits: { amount: { min: 0.0001, max: undefined }, price: { min: undefined, max: undefined }, cost: { min: 0.5, max: undefined } },
  maker: 0.0025,
  taker: 0.004,
  info: { pair_decimals: 1, lot_decimals: 8 },
};

describe('marketFromCcxt in DECIMAL_PLACES mode', () => {
  it('turns digit counts into steps: 8 → 10^-8, 1 → 10^-1', () => {
    const m = marketFromCcxt(krakenStyle, { venue: 'kraken', precisionMode: CcxtPrecisionMode.DECIMAL_PLACES });
    // core's Decimal prints plain notation down to 1e-30
    expect(m.precision.amount.toString()).toBe('0.00000001');
    expect(m.precision.price.toString()).toBe('0.1');
    expect(m.limits.amount.min?.toString()).toBe('0.0001');
    expect(m.limits.cost.min?.toString()).toBe('0.5');
    expect(m.fees.maker.toString()).toBe('0.0025');
    expect(m.fees.taker.toString()).toBe('0.004');
  });

  it('0 digits is a step of 1, negative digits are steps of tens (-2 → 100)', () => {
    const upbitStyle = { ...krakenStyle, id: 'KRW-BTC', symbol: 'BTC/KRW', quote: 'KRW', precision: { amount: 8, price: 0 } };
    expect(marketFromCcxt(upbitStyle, { venue: 'upbit', precisionMode: 'DECIMAL_PLACES' }).precision.price.toString()).toBe('1');
    const coarse = { ...krakenStyle, precision: { amount: '-2', price: -1 } };
    const m = marketFromCcxt(coarse, { venue: 'x', precisionMode: 2 });
    expect(m.precision.amount.toString()).toBe('100');
    expect(m.precision.price.toString()).toBe('10');
  });

  it('refuses a fractional digit count, naming the field', () => {
    const err = caught(() =>
      marketFromCcxt({ ...krakenStyle, precision: { amount: 2.5, price: 1 } }, { venue: 'kraken', precisionMode: 'DECIMAL_PLACES' }),
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues).toEqual([
      { field: 'precision.amount', value: '2.5', message: 'must be a whole number of digits in DECIMAL_PLACES mode' },
    ]);
  });
});

describe('marketFromCcxt errors and conversions', () => {
  it('SIGNIFICANT_DIGITS cannot be a fixed step: typed error naming the market', () => {
    const bitfinexStyle = { ...krakenStyle, id: 'tBTCUSD', precision: { amount: 8, price: 5 } };
    const err = caught(() => marketFromCcxt(bitfinexStyle, { venue: 'bitfinex', precisionMode: CcxtPrecisionMode.SIGNIFICANT_DIGITS }));
    expect(err).toBeInstanceOf(UnsupportedPrecisionModeError);
    const e = err as UnsupportedPrecisionModeError;
    expect(e.code).toBe('UNSUPPORTED_PRECISION_MODE');
    expect(e.context).toEqual({ venue: 'bitfinex', symbol: 'BTC/USD', precisionMode: 'SIGNIFICANT_DIGITS' });
    expect(e.message).toContain('bitfinex BTC/USD');
  });

  it('converts float ticks through their shortest string: 0.1 stays 0.1, 1e-8 stays 1e-8', () => {
    const m = marketFromCcxt({ ...krakenStyle, precision: { amount: 1e-8, price: 0.1 } }, { venue: 'x', precisionMode: 'TICK_SIZE' });
    expect(m.precision.price.toString()).toBe('0.1');
    expect(m.precision.amount.toString()).toBe('0.00000001');
    // 0.1 + 0.2 = 0.30000000000000004 in binary; the decimal step is still exactly 3 × 0.1
    expect(m.precision.price.times(3).toString()).toBe('0.3');
  });

  it('reads a missing `active` as active, keeps `false`, keeps the ccxt type', () => {
    const { active: _omit, ...noActive } = krakenStyle;
    expect(marketFromCcxt(noActive, { venue: 'x', precisionMode: 2 }).active).toBe(true);
    expect(marketFromCcxt({ ...krakenStyle, active: false }, { venue: 'x', precisionMode: 2 }).active).toBe(false);
    expect(marketFromCcxt({ ...krakenStyle, type: 'swap' }, { venue: 'x', precisionMode: 2 }).type).toBe('swap');
  });

  it('a maximum of 0 means "no maximum" (Binance reports maxPrice 0 for unbounded prices)', () => {
    const raw = { ...krakenStyle, limits: { amount: { min: 0.001, max: 0 }, price: { min: 0.1, max: 0 }, cost: { min: 5, max: null } } };
    const m = marketFromCcxt(raw, { venue: 'binanceusdm', precisionMode: 2 });
    expect(m.limits.amount.max).toBeUndefined();
    expect(m.limits.price.max).toBeUndefined();
    expect(m.limits.price.min?.toString()).toBe('0.1');
    expect(m.limits.cost.max).toBeUndefined();
  });

  it('missing fees come from defaultFees, one at a time; without defaults it is a MissingFeesError', () => {
    const { maker: _m, ...noMaker } = krakenStyle;
    const err = caught(() => marketFromCcxt(noMaker, { venue: 'kraken', precisionMode: 2 }));
    expect(err).toBeInstanceOf(MissingFeesError);
    expect((err as MissingFeesError).code).toBe('MISSING_FEES');
    expect((err as MissingFeesError).context).toEqual({ venue: 'kraken', symbol: 'BTC/USD', field: 'maker' });

    const m = marketFromCcxt(
      { ...noMaker, taker: null },
      { venue: 'kraken', precisionMode: 2, defaultFees: { maker: '-0.0001', taker: 0.0026 } },
    );
    expect(m.fees.maker.toString()).toBe('-0.0001');
    expect(m.fees.taker.toString()).toBe('0.0026');
    // the market's own rate wins over the default
    const own = marketFromCcxt(krakenStyle, { venue: 'kraken', precisionMode: 2, defaultFees: { maker: '0', taker: '0' } });
    expect(own.fees.taker.toString()).toBe('0.004');
  });

  it('bad input is a ValidationError naming the field and value', () => {
    const badTick = caught(() =>
      marketFromCcxt({ ...krakenStyle, precision: { amount: 8, price: 'abc' } }, { venue: 'x', precisionMode: 2 }),
    );
    expect((badTick as ValidationError).issues[0]).toMatchObject({ field: 'precision.price', value: 'abc' });

    const zeroTick = caught(() =>
      marketFromCcxt({ ...krakenStyle, precision: { amount: 0, price: 0.01 } }, { venue: 'x', precisionMode: 4 }),
    );
    expect((zeroTick as ValidationError).issues[0]).toMatchObject({ field: 'precision.amount', value: '0' });

    const negMin = caught(() => marketFromCcxt({ ...krakenStyle, limits: { cost: { min: -1 } } }, { venue: 'x', precisionMode: 2 }));
    expect(negMin).toBeInstanceOf(ValidationError);
    expect((negMin as ValidationError).issues[0]?.field).toBe('limits.cost.min');

    const badType = caught(() => marketFromCcxt({ ...krakenStyle, type: 'perp' }, { venue: 'x', precisionMode: 2 }));
    expect((badType as ValidationError).issues[0]).toMatchObject({ field: 'type', value: 'perp' });

    const notAMarket = caught(() => marketFromCcxt('BTC/USDT', { venue: 'x', precisionMode: 2 }));
    expect((notAMarket as ValidationError).message).toMatch(/^Invalid ccxt market x \(no symbol\): \(root\)/);
  });

  it('bad options are a ValidationError naming the option', () => {
    const mode = caught(() => marketFromCcxt(krakenStyle, { venue: 'x', precisionMode: 1 }));
    expect((mode as ValidationError).issues[0]).toMatchObject({ field: 'precisionMode', value: 1 });
    expect((mode as ValidationError).message).toContain('must be a ccxt precision mode');
    const undef = caught(() => marketFromCcxt(krakenStyle, { venue: 'x', precisionMode: undefined }));
    expect((undef as ValidationError).issues[0]?.field).toBe('precisionMode');
    const venue = caught(() => marketFromCcxt(krakenStyle, { venue: '', precisionMode: 2 }));
    expect((venue as ValidationError).issues[0]?.field).toBe('venue');
  });
});
