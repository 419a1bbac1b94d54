import { PortfolioLedger, systemClock, VirtualClock } from '@arbot/core';
import { describe, expect, it } from 'vitest';
import { PAPER_LATENCY, paperVenue } from '../../src/sim/index';
import { btcUsdt, HandFedMarketData } from './hand-fed-market-data';

describe('paperVenue', () => {
  it('defaults: the market-data venue id and markets, 10,000 USDT, paper latency', async () => {
    const clock = new VirtualClock();
    const data = new HandFedMarketData('binance', [btcUsdt({ venue: 'binance' })]);
    const paper = paperVenue(data, { clock, symbols: ['BTC/USDT'] });
    expect(paper.id).toBe('binance');
    expect(paper.ledger.balances('binance').map((b) => `${b.asset} ${b.free}`)).toEqual(['USDT 10000']);
    await paper.markets(); // loaded from the market data, asynchronously: before the clock moves
    data.show('BTC/USDT', [[100, 1]], [[101, 1]]);
    const placed = paper.placeOrder({ venue: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '0.5' });
    clock.advanceBy(PAPER_LATENCY.placement?.fixedMs ?? 0);
    clock.advanceBy(PAPER_LATENCY.placement?.jitterMs ?? 0);
    const order = await placed;
    // 0.5 @ 101 = 50.5; fee 0.5 × 0.002 = 0.001 BTC; arrival 40–60 ms after placement
    expect(order.status).toBe('filled');
    expect(order.cost.toString()).toBe('50.5');
    expect(order.updatedTs >= 40 && order.updatedTs <= 60).toBe(true);
    expect(paper.ledger.balance('binance', 'BTC').free.toString()).toBe('0.499');
    await paper.close();
  });

  it('runs on the system clock by default and keeps a given ledger as it is', async () => {
    const ledger = new PortfolioLedger({ valuationCurrency: 'EUR', clock: systemClock });
    ledger.deposit('kraken', 'EUR', '250');
    const data = new HandFedMarketData('kraken', []);
    const paper = paperVenue(data, { ledger });
    expect(paper.clock).toBe(systemClock);
    expect(paper.ledger.balances('kraken').map((b) => `${b.asset} ${b.free}`)).toEqual(['EUR 250']);
    await paper.close();
  });
});
