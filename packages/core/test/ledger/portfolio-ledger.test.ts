import { describe, expect, it } from 'vitest';
import {
  Decimal,
  type EquityPoint,
  InsufficientBalanceError,
  MissingPriceError,
  PortfolioLedger,
  ValidationError,
  VirtualClock,
} from '../../src/index';
import { fill } from './fills';

const BTC_USDT = { base: 'BTC', quote: 'USDT' };

function newLedger(start = 1_000) {
  const clock = new VirtualClock(start);
  return { clock, ledger: new PortfolioLedger({ valuationCurrency: 'USDT', clock }) };
}

/** Every balance as strings, for exact comparisons. */
function dump(ledger: PortfolioLedger) {
  return {
    balances: ledger.balances().map((b) => `${b.venue}:${b.asset}:${b.free.toString()}/${b.locked.toString()}`),
    positions: ledger.positions().map((p) => `${p.asset}:${p.amount.toString()}@${p.costBasis.toString()}`),
    realized: ledger.realizedPnl().toString(),
    fees: ledger.feesPaid().toString(),
    netDeposits: ledger.netDeposits().toString(),
  };
}

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

describe('PortfolioLedger: buy on one venue, sell on another', () => {
  it('books every balance, realized PnL and fee to the last digit', () => {
    const { clock, ledger } = newLedger();
    const points: EquityPoint[] = [];
    ledger.equity$.subscribe((p) => points.push(p));

    ledger.deposit('A', 'USDT', '10000');
    ledger.setPrice('BTC', '20000');
    ledger.deposit('B', 'BTC', '1'); // cost basis 1 × 20,000 = 20,000
    expect(ledger.netDeposits().toString()).toBe('30000');

    // Buy 0.5 BTC @ 20,000 on A, fee 0.1% of 0.5 = 0.0005 BTC.
    clock.advanceTo(1_500);
    const buy = ledger.applyFill(
      fill({ venue: 'A', side: 'buy', price: '20000', amount: '0.5', fee: { asset: 'BTC', amount: '0.0005' } }),
      BTC_USDT,
    );
    // notional 0.5 × 20,000 = 10,000; fee value at the fill price 0.0005 × 20,000 = 10.
    // BTC position: 1 (cost 20,000) + 0.5 (cost 10,000) = 1.5 @ 20,000; the 0.0005 fee units leave at
    // cost 10 for value 10 (gain 0), then the fee is expensed: realized = −10.
    expect(buy.notional.toString()).toBe('10000');
    expect(buy.feeValue.toString()).toBe('10');
    expect(buy.realizedPnl.toString()).toBe('-10');
    expect(ledger.balance('A', 'USDT').total.toString()).toBe('0'); // 10,000 − 10,000
    expect(ledger.balance('A', 'BTC').free.toString()).toBe('0.4995'); // 0.5 − 0.0005

    // Sell 0.5 BTC @ 20,100 on B, fee 0.1% of 10,050 = 10.05 USDT.
    clock.advanceTo(2_000);
    const sell = ledger.applyFill(
      fill({ venue: 'B', side: 'sell', price: '20100', amount: '0.5', fee: { asset: 'USDT', amount: '10.05' } }),
      BTC_USDT,
    );
    // Average cost is 29,990 / 1.4995 = 20,000 → cost of 0.5 BTC = 10,000; proceeds 10,050 → +50; fee −10.05.
    expect(sell.notional.toString()).toBe('10050');
    expect(sell.feeValue.toString()).toBe('10.05');
    expect(sell.realizedPnl.toString()).toBe('39.95');

    expect(ledger.balances()).toEqual([
      { venue: 'A', asset: 'BTC', free: new Decimal('0.4995'), locked: new Decimal(0) },
      { venue: 'B', asset: 'BTC', free: new Decimal('0.5'), locked: new Decimal(0) }, // 1 − 0.5
      { venue: 'B', asset: 'USDT', free: new Decimal('10039.95'), locked: new Decimal(0) }, // 10,050 − 10.05
    ]);
    expect(ledger.balances('B').map((b) => b.asset)).toEqual(['BTC', 'USDT']);
    expect(ledger.realizedPnl().toString()).toBe('29.95'); // −10 + 50 − 10.05
    expect(ledger.feesPaid().toString()).toBe('20.05'); // 10 + 10.05
    expect(ledger.positions().map((p) => [p.asset, p.amount.toString(), p.costBasis.toString(), p.avgCost.toString()])).toEqual([
      ['BTC', '0.9995', '19990', '20000'], // 29,990 − 10,000
    ]);

    clock.advanceTo(3_000);
    ledger.setPrice('BTC', '20100');
    // equity = 0.9995 × 20,100 + 10,039.95 = 20,089.95 + 10,039.95 = 30,129.90
    expect(ledger.equity().toString()).toBe('30129.9');
    // unrealized = 20,089.95 − 19,990 = 99.95; 29.95 + 99.95 = 129.90 = 30,129.90 − 30,000
    expect(ledger.unrealizedPnl().toString()).toBe('99.95');
    expect(ledger.realizedPnl().plus(ledger.unrealizedPnl()).eq(ledger.equity().minus(ledger.netDeposits()))).toBe(true);

    expect(points.map((p) => [p.ts, p.equity.toString(), p.realizedPnl.toString(), p.feesPaid.toString()])).toEqual([
      [1_000, '0', '0', '0'],
      [1_000, '10000', '0', '0'],
      // setPrice('BTC') while no BTC is held changes nothing: no point
      [1_000, '30000', '0', '0'],
      [1_500, '29990', '-10', '10'], // A: 0.4995 × 20,000 = 9,990; B: 20,000
      [2_000, '30029.95', '29.95', '20.05'], // 9,990 + 0.5 × 20,000 + 10,039.95
      [3_000, '30129.9', '29.95', '20.05'],
    ]);
  });

  it('withdrawing an asset takes it out at average cost without realizing PnL', () => {
    const { ledger } = newLedger();
    ledger.setPrice('BTC', '20000');
    ledger.deposit('A', 'USDT', '10000');
    ledger.applyFill(fill({ venue: 'A', side: 'buy', price: '20000', amount: '0.5', fee: { asset: 'USDT', amount: '0' } }), BTC_USDT);
    ledger.setPrice('BTC', '22000');
    ledger.withdraw('A', 'BTC', '0.2');
    // cost removed 0.2 × 20,000 = 4,000: net deposits 10,000 − 4,000 = 6,000
    expect(ledger.netDeposits().toString()).toBe('6000');
    expect(ledger.realizedPnl().toString()).toBe('0');
    expect(dump(ledger).positions).toEqual(['BTC:0.3@6000']);
    // equity 0.3 × 22,000 = 6,600 = net deposits 6,000 + unrealized 600
    expect(ledger.equity().toString()).toBe('6600');
    expect(ledger.unrealizedPnl().toString()).toBe('600');
  });
});

describe('PortfolioLedger: fees in a third asset and cross pairs', () => {
  it('debits a BNB fee and values it at the BNB mark', () => {
    const { ledger } = newLedger();
    ledger.deposit('A', 'USDT', '1000');
    ledger.setPrice('BNB', '300');
    ledger.deposit('A', 'BNB', '1'); // cost 300
    ledger.setPrice('BNB', '320');
    const result = ledger.applyFill(
      fill({ venue: 'A', symbol: 'ETH/USDT', side: 'buy', price: '2000', amount: '0.1', fee: { asset: 'BNB', amount: '0.0005' } }),
      { base: 'ETH', quote: 'USDT' },
    );
    // fee value 0.0005 × 320 = 0.16; the BNB spent cost 0.0005 × 300 = 0.15 → disposal gain 0.01, fee −0.16
    expect(result.feeValue.toString()).toBe('0.16');
    expect(result.realizedPnl.toString()).toBe('-0.15');
    expect(dump(ledger).balances).toEqual(['A:BNB:0.9995/0', 'A:ETH:0.1/0', 'A:USDT:800/0']);
    expect(dump(ledger).positions).toEqual(['BNB:0.9995@299.85', 'ETH:0.1@200']);
    ledger.setPrice('ETH', '2000');
    // 800 + 0.1 × 2,000 + 0.9995 × 320 = 800 + 200 + 319.84
    expect(ledger.equity().toString()).toBe('1319.84');
    // unrealized: ETH 200 − 200 = 0, BNB 319.84 − 299.85 = 19.99; −0.15 + 19.99 = 19.84 = 1,319.84 − 1,300
    expect(ledger.unrealizedPnl().toString()).toBe('19.99');
    expect(ledger.feesPaid().toString()).toBe('0.16');
  });

  it('refuses a fee in an unmarked asset and changes nothing', () => {
    const { ledger } = newLedger();
    ledger.deposit('A', 'USDT', '1000');
    ledger.deposit('A', 'BNB', '1', { price: '300' }); // explicit cost price, no mark
    const before = dump(ledger);
    const err = caught(() =>
      ledger.applyFill(
        fill({ venue: 'A', symbol: 'ETH/USDT', side: 'buy', price: '2000', amount: '0.1', fee: { asset: 'BNB', amount: '0.0005' } }),
        { base: 'ETH', quote: 'USDT' },
      ),
    );
    expect(err).toBeInstanceOf(MissingPriceError);
    expect((err as MissingPriceError).asset).toBe('BNB');
    expect((err as MissingPriceError).context).toEqual({ asset: 'BNB', valuationCurrency: 'USDT' });
    expect(dump(ledger)).toEqual(before);
  });

  it('values a cross pair (ETH/BTC) through the quote mark', () => {
    const { ledger } = newLedger();
    ledger.setPrice('BTC', '20000');
    ledger.deposit('A', 'BTC', '1'); // cost 20,000
    ledger.setPrice('BTC', '21000');
    const result = ledger.applyFill(
      fill({ venue: 'A', symbol: 'ETH/BTC', side: 'buy', price: '0.075', amount: '2', fee: { asset: 'ETH', amount: '0.002' } }),
      { base: 'ETH', quote: 'BTC' },
    );
    // pays 2 × 0.075 = 0.15 BTC worth 0.15 × 21,000 = 3,150; those BTC cost 0.15 × 20,000 = 3,000 → +150
    // ETH cost 3,150 / 2 = 1,575 each; fee 0.002 ETH at the fill's price 0.075 × 21,000 = 1,575 → 3.15
    expect(result.notional.toString()).toBe('3150');
    expect(result.feeValue.toString()).toBe('3.15');
    expect(result.realizedPnl.toString()).toBe('146.85'); // 150 + (3.15 − 3.15) − 3.15
    expect(dump(ledger).balances).toEqual(['A:BTC:0.85/0', 'A:ETH:1.998/0']);
    expect(dump(ledger).positions).toEqual(['BTC:0.85@17000', 'ETH:1.998@3146.85']);
    expect(ledger.positions()[1]?.avgCost.toString()).toBe('1575');
  });

  it('needs a mark for the quote of a cross pair', () => {
    const { ledger } = newLedger();
    ledger.deposit('A', 'BTC', '1', { price: '20000' });
    const err = caught(() =>
      ledger.applyFill(
        fill({ venue: 'A', symbol: 'ETH/BTC', side: 'buy', price: '0.075', amount: '2', fee: { asset: 'ETH', amount: '0' } }),
        { base: 'ETH', quote: 'BTC' },
      ),
    );
    expect(err).toBeInstanceOf(MissingPriceError);
    expect((err as MissingPriceError).asset).toBe('BTC');
  });

  it('uses the fill price when the valuation currency is the base (USDT/TRY)', () => {
    const { ledger } = newLedger();
    ledger.deposit('A', 'USDT', '1000');
    const result = ledger.applyFill(
      fill({ venue: 'A', symbol: 'USDT/TRY', side: 'sell', price: '40', amount: '100', fee: { asset: 'TRY', amount: '4' } }),
      { base: 'USDT', quote: 'TRY' },
    );
    // sells 100 USDT for 4,000 TRY: TRY cost 100 → 0.025 each; fee 4 TRY = 4 / 40 = 0.1 USDT
    expect(result.notional.toString()).toBe('100');
    expect(result.feeValue.toString()).toBe('0.1');
    expect(result.realizedPnl.toString()).toBe('-0.1');
    expect(dump(ledger).balances).toEqual(['A:TRY:3996/0', 'A:USDT:900/0']);
    ledger.setPrice('TRY', '0.025');
    expect(ledger.equity().toString()).toBe('999.9'); // 900 + 3,996 × 0.025
  });
});

describe('PortfolioLedger: reservations', () => {
  it('reserves for an order, fills from the reservation and releases the rest', () => {
    const { ledger } = newLedger();
    ledger.deposit('A', 'USDT', '5000');
    ledger.reserve('A', 'USDT', '2010', 'o-1'); // buy 0.1 BTC limit 20,100 → 2,010
    expect(ledger.balance('A', 'USDT')).toEqual({ free: new Decimal('2990'), locked: new Decimal('2010'), total: new Decimal('5000') });
    ledger.applyFill(
      fill({ venue: 'A', side: 'buy', price: '20000', amount: '0.1', orderId: 'o-1', fee: { asset: 'BTC', amount: '0.0001' } }),
      BTC_USDT,
      { fromLocked: true },
    );
    // filled at 20,000: 2,000 taken from the reservation, 10 left reserved
    expect(ledger.reserved('A', 'USDT', 'o-1').toString()).toBe('10');
    expect(dump(ledger).balances).toEqual(['A:BTC:0.0999/0', 'A:USDT:2990/10']);
    ledger.release('A', 'USDT', ledger.reserved('A', 'USDT', 'o-1'), 'o-1');
    expect(dump(ledger).balances).toEqual(['A:BTC:0.0999/0', 'A:USDT:3000/0']);
    expect(ledger.reserved('A', 'USDT', 'o-1').toString()).toBe('0');
  });

  it('finds the reservation by client order id, and takes a fee in the spent asset from it too', () => {
    const { ledger } = newLedger();
    ledger.setPrice('BTC', '20000');
    ledger.deposit('A', 'BTC', '1');
    ledger.reserve('A', 'BTC', '0.3', 'cid-7');
    ledger.reserve('A', 'BTC', '0.2'); // unkeyed
    ledger.applyFill(
      fill({
        venue: 'A',
        side: 'sell',
        price: '20000',
        amount: '0.25',
        orderId: 'x-99',
        clientOrderId: 'cid-7',
        fee: { asset: 'BTC', amount: '0.05' },
      }),
      BTC_USDT,
      { fromLocked: true },
    );
    // 0.25 + 0.05 fee = 0.3 out of cid-7; the unkeyed 0.2 is untouched
    expect(ledger.reserved('A', 'BTC', 'cid-7').toString()).toBe('0');
    expect(ledger.reserved('A', 'BTC').toString()).toBe('0.2');
    expect(dump(ledger).balances).toEqual(['A:BTC:0.5/0.2', 'A:USDT:5000/0']);
  });

  it('draws on the unkeyed reservation when no key matches, or on an explicit key', () => {
    const { ledger } = newLedger();
    ledger.deposit('A', 'USDT', '3000');
    ledger.reserve('A', 'USDT', '1000');
    ledger.reserve('A', 'USDT', '1000', 'mine');
    const buy = (orderId: string) =>
      fill({ venue: 'A', side: 'buy', price: '10000', amount: '0.05', orderId, fee: { asset: 'USDT', amount: '0' } });
    ledger.applyFill(buy('unknown'), BTC_USDT, { fromLocked: true });
    expect(ledger.reserved('A', 'USDT').toString()).toBe('500');
    ledger.applyFill(buy('unknown'), BTC_USDT, { fromLocked: true, reservationKey: 'mine' });
    expect(ledger.reserved('A', 'USDT', 'mine').toString()).toBe('500');
    expect(ledger.balance('A', 'USDT').free.toString()).toBe('1000');
  });

  it('refuses to overdraw a reservation, naming the key, and changes nothing', () => {
    const { ledger } = newLedger();
    ledger.deposit('A', 'USDT', '5000');
    ledger.reserve('A', 'USDT', '1000', 'o-1');
    const before = dump(ledger);
    const err = caught(() =>
      ledger.applyFill(
        fill({ venue: 'A', side: 'buy', price: '20000', amount: '0.1', orderId: 'o-1', fee: { asset: 'USDT', amount: '2' } }),
        BTC_USDT,
        { fromLocked: true },
      ),
    ) as InsufficientBalanceError;
    expect(err).toBeInstanceOf(InsufficientBalanceError);
    expect(err.code).toBe('INSUFFICIENT_BALANCE');
    expect(err.message).toBe('Insufficient USDT reserved under "o-1" on A: requested 2002, available 1000');
    expect(err.context).toEqual({
      venue: 'A',
      asset: 'USDT',
      bucket: 'locked',
      requested: new Decimal(2002),
      available: new Decimal(1000),
      key: 'o-1',
    });
    expect(dump(ledger)).toEqual(before);
    expect(() => ledger.release('A', 'USDT', '1000.01', 'o-1')).toThrow(InsufficientBalanceError);
    expect(() => ledger.reserve('A', 'USDT', '4000.01')).toThrow(/Insufficient free USDT on A: requested 4000.01, available 4000/);
    expect(dump(ledger)).toEqual(before);
  });
});

describe('PortfolioLedger: insufficient balance and bad input', () => {
  it('refuses a fill it cannot pay for, fee included, and changes nothing', () => {
    const { ledger } = newLedger();
    const points: EquityPoint[] = [];
    ledger.equity$.subscribe((p) => points.push(p));
    ledger.deposit('A', 'USDT', '2000');
    ledger.setPrice('BTC', '20000');
    const before = dump(ledger);
    const err = caught(() =>
      ledger.applyFill(fill({ venue: 'A', side: 'buy', price: '20000', amount: '0.1', fee: { asset: 'USDT', amount: '2' } }), BTC_USDT),
    ) as InsufficientBalanceError;
    expect(err).toBeInstanceOf(InsufficientBalanceError);
    // cost 0.1 × 20,000 = 2,000 plus the 2 USDT fee = 2,002 > 2,000
    expect([err.venue, err.asset, err.bucket, err.requested.toString(), err.available.toString(), err.key]).toEqual([
      'A',
      'USDT',
      'free',
      '2002',
      '2000',
      undefined,
    ]);
    expect(dump(ledger)).toEqual(before);
    expect(ledger.balance('A', 'BTC').total.toString()).toBe('0'); // the BTC credit was rolled back too
    expect(points).toHaveLength(2);
  });

  it('lets a fee in the received asset be paid out of what the fill brings in', () => {
    const { ledger } = newLedger();
    ledger.deposit('A', 'USDT', '2000');
    ledger.applyFill(fill({ venue: 'A', side: 'buy', price: '20000', amount: '0.1', fee: { asset: 'BTC', amount: '0.0001' } }), BTC_USDT);
    expect(dump(ledger).balances).toEqual(['A:BTC:0.0999/0']);
  });

  it('withdraw names venue, asset, requested and available', () => {
    const { ledger } = newLedger();
    ledger.deposit('A', 'USDT', '100');
    const err = caught(() => ledger.withdraw('A', 'USDT', '100.5')) as InsufficientBalanceError;
    expect(err.message).toBe('Insufficient free USDT on A: requested 100.5, available 100');
    expect(() => ledger.withdraw('B', 'USDT', '1')).toThrow(/available 0/);
    expect(ledger.balance('A', 'USDT').free.toString()).toBe('100');
  });

  it('needs a mark or a price to deposit anything but the valuation currency', () => {
    const { ledger } = newLedger();
    expect(() => ledger.deposit('A', 'ETH', '1')).toThrow(MissingPriceError);
    expect(ledger.balances()).toEqual([]);
    expect(() => ledger.deposit('A', 'USDT', '1', { price: '2' })).toThrow(/price = "2": must be 1 for USDT/);
  });

  it('validates its inputs with typed errors', () => {
    const { clock, ledger } = newLedger();
    expect(() => new PortfolioLedger({ valuationCurrency: '', clock })).toThrow(ValidationError);
    expect(() => new PortfolioLedger({ valuationCurrency: 'USDT', clock: {} as VirtualClock })).toThrow(/clock = \{\}: must be a Clock/);
    expect(() => ledger.deposit('A', 'USDT', '-1')).toThrow(/Invalid amount: \(root\) = "-1": must be > 0/);
    expect(() => ledger.deposit('A', 'USDT', 'abc')).toThrow(ValidationError);
    expect(() => ledger.deposit('', 'USDT', '1')).toThrow(/Invalid venue/);
    expect(() => ledger.setPrice('BTC', 0)).toThrow(ValidationError);
    expect(() => ledger.setPrice('USDT', 2)).toThrow(/must be 1 for USDT/);
    ledger.setPrice('USDT', 1);
    expect(() => ledger.reserve('A', 'USDT', '1', '')).toThrow(/reservation key/);
    ledger.deposit('A', 'USDT', '100');
    const f = fill({ venue: 'A', symbol: 'ETH/USDT', side: 'buy', price: '1', amount: '1', fee: { asset: 'USDT', amount: '0' } });
    expect(() => ledger.applyFill(f, BTC_USDT)).toThrow(/symbol = "ETH\/USDT": does not match the market BTC\/USDT/);
    expect(() => ledger.applyFill(f, { base: 'ETH', quote: 'ETH' })).toThrow(/base and quote must differ/);
    expect(dump(ledger).balances).toEqual(['A:USDT:100/0']);
  });

  it('accepts derivative-style symbols of the same pair', () => {
    const { ledger } = newLedger();
    ledger.deposit('A', 'USDT', '100');
    ledger.applyFill(
      fill({ venue: 'A', symbol: 'BTC/USDT:USDT', side: 'buy', price: '50', amount: '1', fee: { asset: 'USDT', amount: '0' } }),
      BTC_USDT,
    );
    expect(dump(ledger).balances).toEqual(['A:BTC:1/0', 'A:USDT:50/0']);
  });
});

describe('PortfolioLedger: valuation and snapshots', () => {
  it('names the unmarked asset and skips equity points it cannot compute', () => {
    const { clock, ledger } = newLedger();
    const points: EquityPoint[] = [];
    let errored = false;
    ledger.equity$.subscribe({ next: (p) => points.push(p), error: () => (errored = true) });
    ledger.deposit('A', 'SOL', '10', { price: '20' });
    const err = caught(() => ledger.equity()) as MissingPriceError;
    expect(err).toBeInstanceOf(MissingPriceError);
    expect(err.code).toBe('MISSING_PRICE');
    expect(err.asset).toBe('SOL');
    expect(() => ledger.unrealizedPnl()).toThrow(MissingPriceError);
    clock.advanceTo(5_000);
    ledger.setPrice('SOL', '25');
    expect(points.map((p) => [p.ts, p.equity.toString()])).toEqual([
      [1_000, '0'],
      [5_000, '250'], // 10 × 25; the deposit itself had no mark and produced no point
    ]);
    expect(errored).toBe(false);
    expect(ledger.price('SOL')?.toString()).toBe('25');
    expect(ledger.price('USDT')?.toString()).toBe('1');
    expect(ledger.price('XRP')).toBeUndefined();
  });

  it('gives late subscribers the current point', () => {
    const { ledger } = newLedger();
    ledger.deposit('A', 'USDT', '42');
    const points: EquityPoint[] = [];
    ledger.equity$.subscribe((p) => points.push(p));
    expect(points.map((p) => p.equity.toString())).toEqual(['42']);
  });

  it('snapshots one venue with the clock time and only non-zero balances', () => {
    const { clock, ledger } = newLedger(7_000);
    ledger.deposit('A', 'USDT', '10');
    ledger.deposit('A', 'ETH', '1', { price: '1000' });
    ledger.deposit('B', 'USDT', '5');
    ledger.withdraw('A', 'USDT', '10');
    clock.advanceBy(50);
    expect(ledger.snapshot('A')).toEqual({
      venue: 'A',
      ts: 7_050,
      balances: [{ venue: 'A', asset: 'ETH', free: new Decimal(1), locked: new Decimal(0) }],
    });
    expect(ledger.snapshot('Z')).toEqual({ venue: 'Z', ts: 7_050, balances: [] });
  });
});
