import { MarketCatalog, parseMarket, ValidationError } from '@arbot/core';
import { describe, expect, it } from 'vitest';
import { findTriangles } from '../../src/index';
import { marketOf } from './arbitrage-helpers';

const btcUsdt = marketOf('x', 'BTC/USDT');
const ethUsdt = marketOf('x', 'ETH/USDT');
const ethBtc = marketOf('x', 'ETH/BTC');

describe('findTriangles', () => {
  it('finds both directions of the BTC/ETH/USDT triangle, with the right side per hop', () => {
    const triangles = findTriangles([btcUsdt, ethUsdt, ethBtc], { start: 'USDT' });
    expect(triangles).toEqual([
      {
        id: 'x:USDT>BTC>ETH>USDT',
        venue: 'x',
        start: 'USDT',
        legs: [
          { symbol: 'BTC/USDT', side: 'buy', from: 'USDT', to: 'BTC' },
          { symbol: 'ETH/BTC', side: 'buy', from: 'BTC', to: 'ETH' },
          { symbol: 'ETH/USDT', side: 'sell', from: 'ETH', to: 'USDT' },
        ],
      },
      {
        id: 'x:USDT>ETH>BTC>USDT',
        venue: 'x',
        start: 'USDT',
        legs: [
          { symbol: 'ETH/USDT', side: 'buy', from: 'USDT', to: 'ETH' },
          { symbol: 'ETH/BTC', side: 'sell', from: 'ETH', to: 'BTC' },
          { symbol: 'BTC/USDT', side: 'sell', from: 'BTC', to: 'USDT' },
        ],
      },
    ]);
  });

  it('starts from any asset, including one that is only a quote', () => {
    const fromBtc = findTriangles([btcUsdt, ethUsdt, ethBtc], { start: 'BTC' });
    expect(fromBtc.map((t) => `${t.id} ${t.legs.map((l) => `${l.side}:${l.symbol}`).join(' ')}`)).toEqual([
      'x:BTC>ETH>USDT>BTC buy:ETH/BTC sell:ETH/USDT buy:BTC/USDT',
      'x:BTC>USDT>ETH>BTC sell:BTC/USDT buy:ETH/USDT sell:ETH/BTC',
    ]);
    expect(findTriangles([btcUsdt, ethUsdt, ethBtc], { start: 'SOL' })).toEqual([]);
  });

  it('handles a market quoted the other way (the start asset as base)', () => {
    // USDT/TRY lists USDT as the base: USDT → TRY sells it, TRY → USDT buys it.
    const triangles = findTriangles([btcUsdt, marketOf('x', 'USDT/TRY'), marketOf('x', 'BTC/TRY')], { start: 'USDT' });
    expect(triangles.map((t) => `${t.id} ${t.legs.map((l) => `${l.side}:${l.symbol}`).join(' ')}`)).toEqual([
      'x:USDT>BTC>TRY>USDT buy:BTC/USDT sell:BTC/TRY buy:USDT/TRY',
      'x:USDT>TRY>BTC>USDT sell:USDT/TRY buy:BTC/TRY sell:BTC/USDT',
    ]);
  });

  it('keeps venues apart, skips inactive and non-spot markets, and disambiguates parallel markets', () => {
    const swap = parseMarket({ ...marketOf('x', 'ETH/USDT'), symbol: 'ETH/USDT:USDT', type: 'swap' });
    const markets = new MarketCatalog([
      btcUsdt,
      ethUsdt,
      ethBtc,
      swap,
      marketOf('x', 'SOL/USDT'),
      marketOf('x', 'SOL/BTC', { active: false }),
      marketOf('y', 'BTC/USDT'),
      marketOf('y', 'ETH/USDT'),
    ]);
    expect(findTriangles(markets, { start: 'USDT' }).map((t) => t.id)).toEqual(['x:USDT>BTC>ETH>USDT', 'x:USDT>ETH>BTC>USDT']);
    // BTC/ETH next to ETH/BTC gives two market paths for each asset cycle
    const parallel = findTriangles([btcUsdt, ethUsdt, ethBtc, marketOf('x', 'BTC/ETH')], { start: 'USDT' });
    expect(parallel.map((t) => t.id)).toEqual([
      'x:USDT>BTC>ETH>USDT:BTC/USDT,BTC/ETH,ETH/USDT',
      'x:USDT>BTC>ETH>USDT:BTC/USDT,ETH/BTC,ETH/USDT',
      'x:USDT>ETH>BTC>USDT:ETH/USDT,BTC/ETH,BTC/USDT',
      'x:USDT>ETH>BTC>USDT:ETH/USDT,ETH/BTC,BTC/USDT',
    ]);
    expect(parallel[0]?.legs[1]).toEqual({ symbol: 'BTC/ETH', side: 'sell', from: 'BTC', to: 'ETH' });
  });

  it('finds every cycle of a small complete graph exactly once', () => {
    // 4 assets, a market for each pair: from USDT, X and Y are any ordered pair of the other 3 → 6 triangles
    const assets = ['USDT', 'BTC', 'ETH', 'BNB'];
    const markets = assets.flatMap((base, i) => assets.slice(i + 1).map((quote) => marketOf('x', `${base}/${quote}`)));
    const ids = findTriangles(markets, { start: 'USDT' }).map((t) => t.id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
  });

  it('rejects bad input with a ValidationError', () => {
    expect(() => findTriangles([btcUsdt], { start: '' })).toThrow(ValidationError);
    expect(() => findTriangles([{ symbol: 'BTC/USDT' }] as never, { start: 'USDT' })).toThrow(ValidationError);
  });
});
