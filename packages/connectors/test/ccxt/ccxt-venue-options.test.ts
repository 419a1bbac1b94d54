import { systemClock, ValidationError } from '@arbot/core';
import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { ccxtVenue, classifyCcxtError, parseCcxtVenueOptions, StaleStreamError, UnknownExchangeError } from '../../src/ccxt/index';

describe('ccxtVenue options and construction', () => {
  it('names every bad or unknown option in one ValidationError', () => {
    const error = (() => {
      try {
        parseCcxtVenueOptions({ staleAfterMs: -1, backoff: { jitter: 2 }, transport: 'ws', params: { ticker: 3 }, staleAfter: 5 });
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ValidationError);
    const issues = (error as ValidationError).issues;
    expect(issues.slice(0, 4).map((i) => [i.field, i.value])).toEqual([
      ['staleAfterMs', -1],
      ['backoff.jitter', 2],
      ['transport', 'ws'],
      ['params.ticker', 3],
    ]);
    // A typo is refused, never silently ignored.
    expect(issues[4]?.message).toMatch(/staleAfter\b/);
  });

  it('applies defaults', () => {
    const options = parseCcxtVenueOptions({});
    expect(options.backoff).toEqual({ initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0.5 });
    expect([options.staleAfterMs, options.downAfterAttempts, options.transport, [...options.heartbeatFrames]]).toEqual([
      30_000,
      5,
      'auto',
      ['ping', 'pong'],
    ]);
    expect([options.clock, options.random]).toEqual([systemClock, Math.random]);
  });

  it('builds the ccxt pro class from an id and refuses unknown ids', async () => {
    const venue = ccxtVenue('okx', { id: 'okx-main' });
    expect([venue.id, venue.exchange.id, venue.exchange.has.watchOrderBook]).toEqual(['okx-main', 'okx', true]);
    await venue.close();
    expect(() => ccxtVenue('binanse')).toThrow(UnknownExchangeError);
    expect(() => ccxtVenue(42 as never)).toThrow(ValidationError);
  });

  it('classifies ccxt errors into stream reactions', () => {
    expect(classifyCcxtError(new StaleStreamError('v', 's', 10))).toBe('stale');
    expect(classifyCcxtError(new ccxt.ChecksumError('x'))).toBe('gap');
    expect(classifyCcxtError(new ccxt.InvalidNonce('x'))).toBe('gap');
    expect(classifyCcxtError(new ccxt.RequestTimeout('x'))).toBe('network');
    expect(classifyCcxtError(new ccxt.ExchangeNotAvailable('x'))).toBe('network');
    expect(classifyCcxtError(new ccxt.BadSymbol('x'))).toBe('fatal');
    expect(classifyCcxtError(new ccxt.AuthenticationError('x'))).toBe('fatal');
    expect(classifyCcxtError(new ccxt.NotSupported('x'))).toBe('fatal');
    expect(classifyCcxtError(new ccxt.BadResponse('x'))).toBe('malformed');
    expect(classifyCcxtError(new TypeError('x'))).toBe('malformed');
    expect(classifyCcxtError(new ccxt.ExchangeError('maintenance'))).toBe('network');
  });
});
