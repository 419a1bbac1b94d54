import { BehaviorSubject, type Observable } from 'rxjs';
import { z } from 'zod';
import type { Clock } from '../clock/clock';
import { ValidationError } from '../errors/validation-error';
import type { Balance, BalanceSnapshot } from '../model/balance';
import { type Fill, FillSchema } from '../model/order';
import { parseWith } from '../model/parse';
import { asPositiveDecimal, isId, isRecord } from '../model/primitive-guards';
import { Id, PositiveDecimal } from '../model/primitives';
import { validFill } from '../model/valid-fill';
import { Decimal, type DecimalLike } from '../money/decimal';
import { valueFill } from './fill-valuation';
import { MissingPriceError } from './ledger-errors';
import { emptyLedgerState, entryAt, type LedgerState, UNKEYED } from './ledger-state';
import { type DebitSource, LedgerTransaction } from './ledger-transaction';
import type { AppliedFill, ApplyFillOptions, AssetBalance, DepositOptions, EquityPoint, FillMarket, Position } from './ledger-types';
import { type PortfolioLedgerOptions, PortfolioLedgerOptionsSchema } from './portfolio-ledger-options';

const ZERO = new Decimal(0);
const ONE = new Decimal(1);

const FillMarketSchema = z
  .object({ base: Id, quote: Id })
  .refine((m) => m.base !== m.quote, { message: 'base and quote must differ', path: ['quote'] });
const ApplyFillOptionsSchema = z.object({ fromLocked: z.boolean().default(false), reservationKey: Id.optional() });
const DepositOptionsSchema = z.object({ price: PositiveDecimal.optional() });

/** What `FillMarketSchema` outputs for a market that already passes it, else `undefined`. */
function validFillMarket(market: FillMarket): FillMarket | undefined {
  if (!isRecord(market)) return undefined;
  const { base, quote } = market;
  return isId(base) && isId(quote) && base !== quote ? { base, quote } : undefined;
}

/** What `ApplyFillOptionsSchema` outputs for options that already pass it, else `undefined`. */
function validApplyFillOptions(options: ApplyFillOptions): z.output<typeof ApplyFillOptionsSchema> | undefined {
  if (!isRecord(options)) return undefined;
  const { fromLocked = false, reservationKey } = options;
  if (typeof fromLocked !== 'boolean' || (reservationKey !== undefined && !isId(reservationKey))) return undefined;
  return { fromLocked, reservationKey };
}

/**
 * Balances of a trading account spread over venues, in `Decimal`, with
 * reservations for open orders, fills, marks, equity, average-cost realized
 * PnL and fees, all in one valuation currency.
 *
 * Every operation is atomic: it validates its input, stages its changes and
 * writes them only if nothing failed, so after any error (a typed
 * {@link InsufficientBalanceError}, {@link MissingPriceError} or
 * `ValidationError`) the ledger is exactly as before. No balance ever goes
 * negative.
 *
 * PnL follows average cost per asset over all venues: an acquired asset's
 * cost basis is the value given up for it (a deposit's at its mark or given
 * price); disposing realizes proceeds − average cost × amount; a fee is
 * expensed at its value (at the fill's own price when charged in the base or
 * quote, at the mark otherwise) and the fee units leave the position at
 * average cost. Hence `realizedPnl() + unrealizedPnl() = equity() − netDeposits()`.
 *
 * @example
 * ```ts
 * const ledger = new PortfolioLedger({ valuationCurrency: 'USDT', clock: systemClock });
 * ledger.deposit('binance', 'USDT', '10000');
 * ledger.applyFill(fill, { base: 'BTC', quote: 'USDT' });
 * ledger.setPrice('BTC', '20100');
 * ledger.equity().toString();
 * ledger.equity$.subscribe(({ ts, equity }) => chart.push([ts, equity.toNumber()]));
 * ```
 */
export class PortfolioLedger {
  /** The currency every value is expressed in; its own mark is 1. */
  readonly valuationCurrency: string;
  /**
   * The equity curve: the current point on subscription, then a new point
   * whenever equity, realized PnL or fees change (after fills, deposits,
   * withdrawals and marks). Changes that leave equity uncomputable (a
   * non-zero balance without a mark) are skipped; the stream never errors.
   */
  readonly equity$: Observable<EquityPoint>;
  private readonly clock: Clock;
  private readonly state: LedgerState = emptyLedgerState();
  private readonly marks = new Map<string, Decimal>();
  private readonly points: BehaviorSubject<EquityPoint>;

  /**
   * @param options - valuation currency and clock, see {@link PortfolioLedgerOptionsSchema}.
   */
  constructor(options: PortfolioLedgerOptions) {
    const parsed = parseWith(PortfolioLedgerOptionsSchema, options, 'portfolio ledger options');
    this.valuationCurrency = parsed.valuationCurrency;
    this.clock = parsed.clock;
    this.points = new BehaviorSubject<EquityPoint>({ ts: this.clock.now(), equity: ZERO, realizedPnl: ZERO, feesPaid: ZERO });
    this.equity$ = this.points.asObservable();
  }

  /**
   * Adds `amount` of `asset` to the free balance on `venue`. Its cost basis is
   * `options.price` per unit, else the asset's mark (throws
   * {@link MissingPriceError} when there is neither); net deposits grow by that value.
   *
   * @example
   * ```ts
   * ledger.deposit('binance', 'USDT', '10000');
   * ledger.setPrice('BTC', '20000');
   * ledger.deposit('okx', 'BTC', '1'); // cost basis 20,000 USDT
   * ```
   */
  deposit(venue: string, asset: string, amount: DecimalLike, options: DepositOptions = {}): void {
    const [v, a, qty] = [this.id(venue, 'venue'), this.id(asset, 'asset'), this.amount(amount, 'amount')];
    const given = parseWith(DepositOptionsSchema, options, 'deposit options').price;
    const unit = given === undefined ? this.requireMark(a) : new Decimal(given);
    if (a === this.valuationCurrency && !unit.eq(ONE)) {
      throw new ValidationError('deposit options', [
        { field: 'price', value: options.price, message: `must be 1 for ${a}, the valuation currency` },
      ]);
    }
    const value = qty.times(unit);
    this.transact((tx) => {
      tx.credit(v, a, qty);
      tx.acquire(a, qty, value);
      tx.addNetDeposits(value);
    });
  }

  /**
   * Takes `amount` of `asset` out of the free balance on `venue`; throws
   * {@link InsufficientBalanceError} when free funds are short. The amount
   * leaves its position at average cost (no PnL is realized) and net deposits
   * shrink by that cost.
   *
   * @example
   * ```ts
   * ledger.withdraw('binance', 'USDT', '2500');
   * ```
   */
  withdraw(venue: string, asset: string, amount: DecimalLike): void {
    const [v, a, qty] = [this.id(venue, 'venue'), this.id(asset, 'asset'), this.amount(amount, 'amount')];
    this.transact((tx) => {
      tx.debit(v, a, qty, { bucket: 'free' });
      tx.addNetDeposits(tx.removeAtCost(a, qty).negated());
    });
  }

  /**
   * Moves `amount` from free to locked, e.g. when an order is placed. `key`
   * (an order or client order id) names the reservation so a fill or a cancel
   * can draw on exactly it; without a key it joins the unkeyed reservation.
   * Throws {@link InsufficientBalanceError} when free funds are short.
   *
   * @example
   * ```ts
   * ledger.reserve('binance', 'USDT', '10000', 'order-42');
   * ```
   */
  reserve(venue: string, asset: string, amount: DecimalLike, key?: string): void {
    const [v, a, qty, k] = [this.id(venue, 'venue'), this.id(asset, 'asset'), this.amount(amount, 'amount'), this.key(key)];
    this.transact((tx) => tx.reserve(v, a, qty, k), false);
  }

  /**
   * Moves `amount` back from the reservation `key` (or the unkeyed one) to
   * free, e.g. when an order is cancelled. Throws
   * {@link InsufficientBalanceError} (bucket `locked`) when that reservation holds less.
   *
   * @example
   * ```ts
   * ledger.release('binance', 'USDT', ledger.reserved('binance', 'USDT', 'order-42'), 'order-42');
   * ```
   */
  release(venue: string, asset: string, amount: DecimalLike, key?: string): void {
    const [v, a, qty, k] = [this.id(venue, 'venue'), this.id(asset, 'asset'), this.amount(amount, 'amount'), this.key(key)];
    this.transact((tx) => tx.release(v, a, qty, k), false);
  }

  /**
   * What the reservation `key` (or the unkeyed one) holds of `asset` on `venue`.
   *
   * @example
   * ```ts
   * ledger.reserved('binance', 'USDT', 'order-42').toString(); // '10000'
   * ```
   */
  reserved(venue: string, asset: string, key?: string): Decimal {
    return entryAt(this.state, venue, asset).reservations.get(this.key(key)) ?? ZERO;
  }

  /**
   * Applies one fill on `market`: a buy debits price × amount of the quote and
   * credits amount of the base, a sell the reverse; the fee is debited from
   * its own asset (base, quote or any other, e.g. BNB). With `fromLocked` the
   * spent asset (and a fee in that asset) comes out of a reservation, see
   * {@link ApplyFillOptions}. Returns the fill's value, fee value and realized
   * PnL. Throws {@link InsufficientBalanceError} or {@link MissingPriceError}
   * (a fee in an unmarked third asset, or a cross pair whose quote has no
   * mark) and then changes nothing.
   *
   * @example
   * ```ts
   * ledger.applyFill(
   *   parseFill({ id: 'f1', orderId: 'o1', venue: 'binance', symbol: 'BTC/USDT', side: 'buy', price: '20000',
   *     amount: '0.5', fee: { asset: 'BTC', amount: '0.0005' }, liquidity: 'taker', ts: 0 }),
   *   { base: 'BTC', quote: 'USDT' },
   * );
   * ```
   */
  applyFill(fill: Fill, market: FillMarket, options: ApplyFillOptions = {}): AppliedFill {
    // Fills from a venue or the simulator are already valid: the guards skip zod for them (zod still
    // produces the result, or the ValidationError, for anything else).
    const f = validFill(fill) ?? parseWith(FillSchema, fill, 'fill');
    const { base, quote } = validFillMarket(market) ?? parseWith(FillMarketSchema, market, 'fill market');
    const { fromLocked, reservationKey } =
      validApplyFillOptions(options) ?? parseWith(ApplyFillOptionsSchema, options, 'apply fill options');
    const prefix = `${base}/${quote}`;
    if (f.symbol !== prefix && !f.symbol.startsWith(`${prefix}:`)) {
      throw new ValidationError('fill', [{ field: 'symbol', value: f.symbol, message: `does not match the market ${prefix}` }]);
    }
    // The schema's output Decimals are core's own and immutable: no copies needed.
    const { price, amount, fee } = f;
    const cost = price.times(amount);
    const { notional, feeValue } = valueFill({ base, quote, price, amount, cost, fee }, this.valuationCurrency, (a) => this.marks.get(a));

    const buying = f.side === 'buy';
    const [spent, spentAmount] = buying ? [quote, cost] : [base, amount];
    const [received, receivedAmount] = buying ? [base, amount] : [quote, cost];
    const source: DebitSource = fromLocked
      ? { bucket: 'locked', key: reservationKey ?? this.reservationFor(f, spent) }
      : { bucket: 'free' };
    const feeWithSpent = fee.asset === spent;

    let realizedPnl = ZERO;
    this.transact((tx) => {
      tx.credit(f.venue, received, receivedAmount);
      tx.debit(f.venue, spent, feeWithSpent ? spentAmount.plus(fee.amount) : spentAmount, source);
      if (!feeWithSpent && !fee.amount.isZero()) tx.debit(f.venue, fee.asset, fee.amount, { bucket: 'free' });
      tx.acquire(received, receivedAmount, notional);
      tx.dispose(spent, spentAmount, notional);
      if (!fee.amount.isZero()) tx.dispose(fee.asset, fee.amount, feeValue);
      tx.expenseFee(feeValue);
      realizedPnl = tx.realizedChange();
    });
    return { notional, feeValue, realizedPnl };
  }

  /**
   * Marks `asset` at `price` in the valuation currency (the valuation
   * currency itself is always 1).
   *
   * @example
   * ```ts
   * ledger.setPrice('BTC', '20100');
   * ledger.setPrice('BNB', 300);
   * ```
   */
  setPrice(asset: string, price: DecimalLike): void {
    const a = this.id(asset, 'asset');
    const p = new Decimal(parseWith(PositiveDecimal, price, 'price'));
    if (a === this.valuationCurrency) {
      if (p.eq(ONE)) return;
      throw new ValidationError('price', [{ field: 'price', value: price, message: `must be 1 for ${a}, the valuation currency` }]);
    }
    this.marks.set(a, p);
    this.publish();
  }

  /**
   * The mark of `asset`, `1` for the valuation currency, `undefined` when unmarked.
   *
   * @example
   * ```ts
   * ledger.price('BTC')?.toString(); // '20100'
   * ```
   */
  price(asset: string): Decimal | undefined {
    return asset === this.valuationCurrency ? ONE : this.marks.get(asset);
  }

  /**
   * One balance: free, locked and total (zeros for a balance never touched).
   *
   * @example
   * ```ts
   * const { free, locked, total } = ledger.balance('binance', 'USDT');
   * ```
   */
  balance(venue: string, asset: string): AssetBalance {
    const e = entryAt(this.state, venue, asset);
    return { free: e.free, locked: e.locked, total: e.free.plus(e.locked) };
  }

  /**
   * Every non-zero balance, of one venue or of all, sorted by venue then asset.
   *
   * @example
   * ```ts
   * ledger.balances('binance'); // [{ venue: 'binance', asset: 'BTC', free, locked }, …]
   * ```
   */
  balances(venue?: string): Balance[] {
    const venues = venue === undefined ? [...this.state.balances.keys()].sort() : [venue];
    const out: Balance[] = [];
    for (const v of venues) {
      const assets = this.state.balances.get(v);
      if (assets === undefined) continue;
      for (const asset of [...assets.keys()].sort()) {
        const e = assets.get(asset);
        if (e === undefined || (e.free.isZero() && e.locked.isZero())) continue;
        out.push({ venue: v, asset, free: e.free, locked: e.locked });
      }
    }
    return out;
  }

  /**
   * The balances of one venue as a core `BalanceSnapshot`, stamped with the clock.
   *
   * @example
   * ```ts
   * const snap = ledger.snapshot('binance'); // { venue: 'binance', ts, balances: [...] }
   * ```
   */
  snapshot(venue: string): BalanceSnapshot {
    return { venue, ts: this.clock.now(), balances: this.balances(venue) };
  }

  /**
   * Σ total × mark over every balance of every venue. Throws
   * {@link MissingPriceError} naming the first unmarked asset with a non-zero balance.
   *
   * @example
   * ```ts
   * ledger.equity().toFixed(2);
   * ```
   */
  equity(): Decimal {
    const equity = this.tryEquity();
    if (equity === undefined) throw new MissingPriceError(this.firstUnmarkedAsset() ?? '', this.valuationCurrency);
    return equity;
  }

  /**
   * Like {@link PortfolioLedger.equity}, but returns `undefined` instead of
   * throwing when a non-zero balance has no mark (cheap enough for hot paths).
   *
   * @example
   * ```ts
   * const equity = ledger.tryEquity(); // Decimal | undefined
   * ```
   */
  tryEquity(): Decimal | undefined {
    let sum = ZERO;
    for (const assets of this.state.balances.values()) {
      for (const e of assets.values()) {
        // Runs after every fill: skip the no-op arithmetic (+ 0 locked, × 1 for the valuation currency);
        // free and totals already have at most 40 digits, so the values are the same.
        const total = e.locked.isZero() ? e.free : e.free.plus(e.locked);
        if (total.isZero()) continue;
        const mark = this.price(e.asset);
        if (mark === undefined) return undefined;
        sum = sum.plus(mark === ONE ? total : total.times(mark));
      }
    }
    return sum;
  }

  private firstUnmarkedAsset(): string | undefined {
    for (const assets of this.state.balances.values()) {
      for (const e of assets.values()) {
        if (!e.free.plus(e.locked).isZero() && this.price(e.asset) === undefined) return e.asset;
      }
    }
    return undefined;
  }

  /**
   * Realized PnL so far in the valuation currency, fees included.
   *
   * @example
   * ```ts
   * ledger.realizedPnl().toString(); // '29.95'
   * ```
   */
  realizedPnl(): Decimal {
    return this.state.realized;
  }

  /**
   * Σ (amount × mark − cost basis) over all positions. Throws
   * {@link MissingPriceError} for an unmarked position.
   *
   * @example
   * ```ts
   * ledger.unrealizedPnl().toString();
   * ```
   */
  unrealizedPnl(): Decimal {
    let sum = ZERO;
    for (const [asset, p] of this.state.positions) sum = sum.plus(p.amount.times(this.requireMark(asset)).minus(p.cost));
    return sum;
  }

  /**
   * Fees paid so far, valued in the valuation currency.
   *
   * @example
   * ```ts
   * ledger.feesPaid().toString(); // '20.05'
   * ```
   */
  feesPaid(): Decimal {
    return this.state.fees;
  }

  /**
   * Value deposited minus value withdrawn (at cost), in the valuation currency.
   *
   * @example
   * ```ts
   * ledger.equity().minus(ledger.netDeposits()); // total PnL
   * ```
   */
  netDeposits(): Decimal {
    return this.state.netDeposits;
  }

  /**
   * Every non-zero holding other than the valuation currency, over all
   * venues, with its cost basis and average cost, sorted by asset.
   *
   * @example
   * ```ts
   * ledger.positions(); // [{ asset: 'BTC', amount: 0.9995, costBasis: 19990, avgCost: 20000 }]
   * ```
   */
  positions(): Position[] {
    return [...this.state.positions.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([asset, p]) => ({ asset, amount: p.amount, costBasis: p.cost, avgCost: p.cost.div(p.amount) }));
  }

  private transact(stage: (tx: LedgerTransaction) => void, affectsEquity = true): void {
    const tx = new LedgerTransaction(this.state, this.valuationCurrency);
    stage(tx);
    tx.commit();
    if (affectsEquity) this.publish();
  }

  private publish(): void {
    const equity = this.tryEquity();
    if (equity === undefined) return;
    const last = this.points.getValue();
    const { realized, fees } = this.state;
    if (last.equity.eq(equity) && last.realizedPnl.eq(realized) && last.feesPaid.eq(fees)) return;
    this.points.next({ ts: this.clock.now(), equity, realizedPnl: realized, feesPaid: fees });
  }

  private reservationFor(fill: Fill, asset: string): string {
    const reservations = entryAt(this.state, fill.venue, asset).reservations;
    for (const key of [fill.clientOrderId, fill.orderId]) if (key !== undefined && reservations.has(key)) return key;
    return UNKEYED;
  }

  private requireMark(asset: string): Decimal {
    const m = this.price(asset);
    if (m === undefined) throw new MissingPriceError(asset, this.valuationCurrency);
    return m;
  }

  // The guards accept what the schemas accept as it is, so zod runs only for what needs converting or refusing.
  private id(value: string, field: string): string {
    return isId(value) ? value : parseWith(Id, value, field);
  }

  private key(value: string | undefined): string {
    if (value === undefined) return UNKEYED;
    return isId(value) ? value : parseWith(Id, value, 'reservation key');
  }

  private amount(value: DecimalLike, field: string): Decimal {
    return asPositiveDecimal(value) ?? parseWith(PositiveDecimal, value, field);
  }
}
