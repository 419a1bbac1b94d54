import { from, mergeMap, type OperatorFunction, type Subscription } from 'rxjs';
import { orderViolations } from '../catalog/check-order';
import { roundAmount, roundPrice } from '../catalog/market-rounding';
import type { Clock } from '../clock/clock';
import type { JournalRecordInput, OrderRole } from '../journal/journal-records';
import type { ExecutionReport } from '../model/execution-report';
import type { Market } from '../model/market';
import { type Opportunity, OpportunitySchema } from '../model/opportunity';
import { type Order, type OrderRequest, OrderRequestSchema } from '../model/order';
import { parseWith } from '../model/parse';
import type { Decimal } from '../money/decimal';
import type { TradingVenue } from '../venue/venue';
import { clientOrderIdFor } from './client-order-id';
import { TIMED_OUT, withTimeout } from './clock-wait';
import { buildReport, type LegRun, legPositions, rejectedReport, valuation } from './execution-report-builder';
import { type ExecutorCommand, type ExecutorOptions, ExecutorOptionsSchema, type ResolvedExecutorOptions } from './executor-options';
import { OrderDesk } from './order-desk';
import type { OrderTracker } from './order-tracker';
import { choosePlan, type LegPosition, planRepairs, type RepairOrder } from './repair-plan';
import { describeError } from './venue-errors';

/**
 * Venues an executor may trade on: an array of `TradingVenue`s or a record
 * keyed by anything (each venue is known by its own `id`).
 *
 * @example
 * ```ts
 * const venues: ExecutorVenues = [binance, okx];
 * ```
 */
export type ExecutorVenues = readonly TradingVenue[] | Readonly<Record<string, TradingVenue>>;

/**
 * What {@link Executor.emergencyStop} did: orders cancelled, cancels that
 * failed (the order may still be open: it stays tracked), and flatten orders
 * placed with their final states.
 *
 * @example
 * ```ts
 * const { canceled, failed } = await executor.emergencyStop({ reason: 'drawdown' });
 * if (failed.length > 0) alert(failed);
 * ```
 */
export interface EmergencyStopResult {
  readonly canceled: readonly Order[];
  readonly failed: readonly { readonly venue: string; readonly orderId: string; readonly error: string }[];
  readonly flattened: readonly Order[];
}

/**
 * What {@link Executor.shutdown} did: how many executions finished while it
 * waited, and whether it had to stop waiting (then open orders were cancelled).
 *
 * @example
 * ```ts
 * const summary: ShutdownSummary = await executor.shutdown({ timeoutMs: 10_000 });
 * ```
 */
export interface ShutdownSummary {
  readonly completed: number;
  readonly timedOut: boolean;
  readonly openOrders: number;
}

/** A residual left by a partial execution, kept for flattening. */
interface OpenResidual {
  readonly opportunity: Opportunity;
  readonly legs: LegRun[];
  readonly repairs: OrderTracker[];
}

/**
 * Executes approved opportunities on `TradingVenue`s without ever losing
 * track of an order.
 *
 * For each opportunity: refuse it with a `rejected` report when the executor
 * is halted, the opportunity was seen before, a leg's venue or market is
 * unknown, a leg breaks the market's limits, a market still has an order of
 * unknown fate, or the per-venue / per-market concurrency limit is reached.
 * Otherwise write the intent ahead to the journal, send every leg at once as
 * an IOC limit order at the leg's `priceLimit` with a deterministic client
 * order id, follow each order to a terminal state (`orders$`, `fetchOrder`
 * polling, cancel when overdue; a placement that times out is `unknown`
 * until found by client order id or not found `resolveAttempts` times),
 * then repair partial fills within the slippage cap — completing the short
 * legs or unwinding the long ones, whichever the books say costs less —
 * and report the realized PnL of the whole execution, fees included.
 *
 * @example
 * ```ts
 * const executor = new Executor([binance, okx], { clock: systemClock, catalog, journal, books });
 * approved$.pipe(executor.operator()).subscribe((report) => console.log(report.status, report.realizedPnl.toString()));
 * process.once('SIGUSR2', () => void executor.emergencyStop({ reason: 'operator', flatten: true }));
 * ```
 */
export class Executor {
  private readonly o: ResolvedExecutorOptions;
  private readonly clock: Clock;
  private readonly venues: ReadonlyMap<string, TradingVenue>;
  private readonly desk: OrderDesk;
  private readonly inFlight = new Map<string, Promise<ExecutionReport>>();
  private readonly venueLoad = new Map<string, number>();
  private readonly marketLoad = new Map<string, number>();
  private readonly seen = new Set<string>();
  private readonly commandsSeen = new Set<string>();
  private readonly residuals = new Map<string, OpenResidual>();
  private readonly commandSubscription: Subscription | undefined;
  private haltReason: string | undefined;
  private draining = false;
  private completedCount = 0;

  /**
   * @param venues - the venues legs may trade on.
   * @param options - see {@link ExecutorOptionsSchema}.
   */
  constructor(venues: ExecutorVenues, options: ExecutorOptions) {
    this.o = parseWith(ExecutorOptionsSchema, options, 'executor options');
    this.clock = this.o.clock;
    const list = Array.isArray(venues) ? (venues as readonly TradingVenue[]) : Object.values(venues as Record<string, TradingVenue>);
    this.venues = new Map(list.map((v) => [v.id, v]));
    this.desk = new OrderDesk(this.venues, this.clock, this.o, this.o.journal, (err) => this.onJournalFailure(err));
    this.commandSubscription = this.o.commands$?.subscribe({
      next: (command) => void this.handleCommand(command),
      // A broken command stream must not fail open.
      error: (err: unknown) => void this.emergencyStop({ reason: `command stream failed: ${describeError(err)}`, source: 'kill-switch' }),
    });
  }

  /**
   * Why the executor refuses new work, or `undefined` while it accepts it.
   *
   * @example
   * ```ts
   * if (executor.halted !== undefined) console.warn('halted:', executor.halted);
   * ```
   */
  get halted(): string | undefined {
    return this.haltReason ?? (this.draining ? 'shutting down' : undefined);
  }

  /**
   * Executions in flight.
   *
   * @example
   * ```ts
   * executor.inFlightCount; // 0 when idle
   * ```
   */
  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /**
   * Orders sent and not yet terminal (including orders of unknown fate).
   *
   * @example
   * ```ts
   * executor.openOrders().map((o) => o.clientOrderId);
   * ```
   */
  openOrders(): Order[] {
    return [...this.desk.live].flatMap((t) => (t.order === undefined ? [] : [t.order]));
  }

  /**
   * Opportunity ids already executed (or refused for good), e.g. rebuilt from
   * the journal after a restart, so they are never executed twice.
   *
   * @example
   * ```ts
   * executor.rememberExecuted(reconciliation.executedOpportunityIds);
   * ```
   */
  rememberExecuted(ids: Iterable<string>): void {
    for (const id of ids) this.seen.add(id);
  }

  /**
   * An operator: each approved opportunity in, its execution report out
   * (in completion order). Completes when the source completes and every
   * execution has finished.
   *
   * @example
   * ```ts
   * approved$.pipe(executor.operator()).subscribe((r) => journalUi.push(r));
   * ```
   */
  operator(): OperatorFunction<Opportunity, ExecutionReport> {
    return (source) => source.pipe(mergeMap((opportunity) => from(this.execute(opportunity))));
  }

  /**
   * Executes one opportunity; never throws for a bad opportunity — it
   * resolves with a `rejected` report naming the reason.
   *
   * @example
   * ```ts
   * const report = await executor.execute(opportunity);
   * if (report.status === 'partial') console.warn(report.residual);
   * ```
   */
  execute(opportunity: Opportunity): Promise<ExecutionReport> {
    const now = this.clock.now();
    const parsed = OpportunitySchema.safeParse(opportunity);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const fallback = { id: String((opportunity as { id?: unknown })?.id ?? 'invalid'), expected: { currency: '?' } };
      return Promise.resolve(
        rejectedReport(fallback as Opportunity, `invalid opportunity: ${issue?.path.join('.')} ${issue?.message}`, now),
      );
    }
    const opp = parsed.data;
    const refusal = this.refusal(opp);
    if (typeof refusal === 'string') return Promise.resolve(this.refuse(opp, refusal, now));
    this.seen.add(opp.id);
    this.acquire(refusal);
    const run = this.run(opp, refusal, now).finally(() => {
      this.release(refusal);
      this.inFlight.delete(opp.id);
      this.completedCount++;
    });
    this.inFlight.set(opp.id, run);
    return run;
  }

  /**
   * Obeys a command (e.g. from the kill switch's `commands$`); a command with
   * an `id` already seen is ignored.
   *
   * @example
   * ```ts
   * await executor.handleCommand({ type: 'cancel-all', id: 'k-1', reason: 'drawdown', venues: 'all' });
   * ```
   */
  async handleCommand(command: ExecutorCommand): Promise<EmergencyStopResult | undefined> {
    if (command.id !== undefined) {
      if (this.commandsSeen.has(command.id)) return undefined;
      this.commandsSeen.add(command.id);
    }
    const reason = command.reason ?? command.type;
    const venues = command.venues ?? 'all';
    if (command.type === 'halt') {
      this.halt(reason, 'kill-switch');
      return undefined;
    }
    return this.emergencyStop({ reason, venues, flatten: command.type === 'flatten', source: 'kill-switch' });
  }

  /**
   * Stops new work (new opportunities get `rejected` reports), cancels every
   * open order on the venues (the executor's own and any other order
   * `fetchOpenOrders` lists), and with `flatten` waits for in-flight
   * executions and closes their residual exposure by unwinding it within
   * `flattenSlippageBps`. Stays halted until {@link Executor.resume}.
   *
   * @example
   * ```ts
   * const result = await executor.emergencyStop({ reason: 'exchange incident', flatten: true, venues: ['okx'] });
   * ```
   */
  async emergencyStop(options: {
    readonly reason: string;
    readonly flatten?: boolean;
    readonly venues?: readonly string[] | 'all';
    readonly source?: string;
  }): Promise<EmergencyStopResult> {
    const selected = (venue: string): boolean => options.venues === undefined || options.venues === 'all' || options.venues.includes(venue);
    this.halt(options.reason, options.source ?? 'method');
    const canceled: Order[] = [];
    const failed: { venue: string; orderId: string; error: string }[] = [];
    const handled = new Set<string>();
    for (const tracker of [...this.desk.live]) {
      if (!selected(tracker.venue) || tracker.orderId === undefined) continue;
      handled.add(`${tracker.venue}\u0000${tracker.orderId}`);
      const result = await this.desk.cancel(tracker);
      if (result instanceof Error) {
        if (!tracker.done) failed.push({ venue: tracker.venue, orderId: tracker.orderId, error: describeError(result) });
      } else canceled.push(result);
    }
    for (const venue of this.venues.values()) {
      if (!selected(venue.id)) continue;
      let open: readonly Order[] = [];
      try {
        open = await venue.fetchOpenOrders();
      } catch (err) {
        failed.push({ venue: venue.id, orderId: '*', error: `fetchOpenOrders: ${describeError(err)}` });
      }
      for (const order of open) {
        if (handled.has(`${venue.id}\u0000${order.id}`)) continue;
        try {
          canceled.push(await venue.cancelOrder(order.id, order.symbol));
        } catch (err) {
          failed.push({ venue: venue.id, orderId: order.id, error: describeError(err) });
        }
      }
    }
    this.append({
      type: 'decision',
      data: { action: 'cancel-all', detail: { canceled: canceled.map((o) => o.id), failed: failed.map((f) => f.orderId) } },
    });
    const flattened = options.flatten === true ? await this.flatten(selected) : [];
    return { canceled, failed, flattened };
  }

  /**
   * Accepts new work again after a halt (journaled).
   *
   * @example
   * ```ts
   * kill.reset();
   * executor.resume('incident over');
   * ```
   */
  resume(reason: string): void {
    if (this.haltReason === undefined) return;
    this.haltReason = undefined;
    this.append({ type: 'resume', data: { reason } });
  }

  /**
   * Graceful stop: refuses new work, waits up to `timeoutMs` (clock time) for
   * in-flight executions, cancels open orders if they did not finish in
   * time, journals the halt, flushes the journal and stops following venues.
   *
   * @example
   * ```ts
   * const summary = await executor.shutdown({ timeoutMs: 15_000 });
   * ```
   */
  async shutdown(options: { readonly timeoutMs: number; readonly reason?: string }): Promise<ShutdownSummary> {
    this.draining = true;
    const before = this.completedCount;
    const all = Promise.allSettled([...this.inFlight.values()]);
    const waited = await withTimeout(all, options.timeoutMs, this.clock);
    const timedOut = waited === TIMED_OUT;
    if (timedOut || this.desk.live.size > 0) {
      await this.emergencyStop({ reason: options.reason ?? 'shutdown: executions did not finish in time', source: 'shutdown' });
    }
    this.append({ type: 'halt', data: { reason: options.reason ?? 'shutdown', source: 'shutdown' } });
    try {
      await this.o.journal?.flush();
    } finally {
      this.dispose();
    }
    return { completed: this.completedCount - before, timedOut, openOrders: this.desk.live.size };
  }

  /**
   * Stops following venues and commands. Orders are left as they are; use
   * {@link Executor.shutdown} for a graceful stop.
   *
   * @example
   * ```ts
   * executor.dispose();
   * ```
   */
  dispose(): void {
    this.commandSubscription?.unsubscribe();
    this.desk.dispose();
  }

  private halt(reason: string, source: string): void {
    if (this.haltReason !== undefined) return;
    this.haltReason = reason;
    this.append({ type: 'halt', data: { reason, source } });
  }

  private onJournalFailure(err: unknown): void {
    // Without its record the executor cannot promise anything: stop new work.
    if (this.haltReason === undefined) this.haltReason = `journal failed: ${describeError(err)}`;
  }

  private append(record: JournalRecordInput): void {
    this.desk.append(record);
  }

  private refuse(opp: Opportunity, reason: string, at: number): ExecutionReport {
    const report = rejectedReport(opp, reason, at);
    this.append({ type: 'decision', data: { opportunityId: opp.id, action: 'rejected', detail: { reason } } });
    return report;
  }

  /** Why the opportunity cannot run now, or its legs ready to send. */
  private refusal(opp: Opportunity): string | LegRun[] {
    const halted = this.halted;
    if (halted !== undefined) return `halted: ${halted}`;
    if (this.seen.has(opp.id) || this.inFlight.has(opp.id)) return 'duplicate opportunity id';
    const legs: LegRun[] = [];
    for (const [i, leg] of opp.legs.entries()) {
      if (!this.venues.has(leg.venue)) return `leg ${i}: unknown venue ${leg.venue}`;
      const market = this.o.catalog.find(leg.venue, leg.symbol);
      if (market === undefined) return `leg ${i}: unknown market ${leg.venue} ${leg.symbol}`;
      const amount = roundAmount(market, leg.amount, 'down');
      const price = roundPrice(market, leg.priceLimit, leg.side);
      const violation = orderViolations(market, { side: leg.side, amount, price })[0];
      if (violation !== undefined) return `leg ${i}: ${violation.code} ${violation.message}`;
      legs.push({ legIndex: i, market, side: leg.side, amount, price, expectedPrice: leg.expectedPrice, orders: [] });
    }
    const markets = new Set(legs.map((l) => marketKey(l.market)));
    const blocked = [...this.desk.live].find((t) => t.status === 'unknown' && markets.has(`${t.venue}\u0000${t.symbol}`));
    if (blocked !== undefined) return `market ${blocked.venue} ${blocked.symbol} has an order of unknown fate (${blocked.clientOrderId})`;
    for (const key of markets) {
      if ((this.marketLoad.get(key) ?? 0) >= this.o.maxInFlightPerSymbol) return `market busy: ${key.replace('\u0000', ' ')}`;
    }
    for (const venue of new Set(legs.map((l) => l.market.venue))) {
      if ((this.venueLoad.get(venue) ?? 0) >= this.o.maxInFlightPerVenue) return `venue busy: ${venue}`;
    }
    return legs;
  }

  private acquire(legs: readonly LegRun[]): void {
    for (const key of new Set(legs.map((l) => marketKey(l.market)))) this.marketLoad.set(key, (this.marketLoad.get(key) ?? 0) + 1);
    for (const venue of new Set(legs.map((l) => l.market.venue))) this.venueLoad.set(venue, (this.venueLoad.get(venue) ?? 0) + 1);
  }

  private release(legs: readonly LegRun[]): void {
    for (const key of new Set(legs.map((l) => marketKey(l.market)))) this.marketLoad.set(key, (this.marketLoad.get(key) ?? 1) - 1);
    for (const venue of new Set(legs.map((l) => l.market.venue))) this.venueLoad.set(venue, (this.venueLoad.get(venue) ?? 1) - 1);
  }

  private async run(opp: Opportunity, legs: LegRun[], startedAt: number): Promise<ExecutionReport> {
    const notes: string[] = [];
    const requests = legs.map((leg) =>
      this.request(
        leg.market,
        leg.side,
        leg.amount,
        leg.price,
        clientOrderIdFor(this.o.clientOrderIdPrefix, opp.id, 'leg', leg.legIndex, 0),
      ),
    );
    const intent: JournalRecordInput = {
      type: 'intent',
      data: {
        opportunityId: opp.id,
        currency: opp.expected.currency,
        legs: legs.map((leg, i) => ({
          legIndex: leg.legIndex,
          venue: leg.market.venue,
          symbol: leg.market.symbol,
          side: leg.side,
          amount: leg.amount,
          price: leg.price,
          clientOrderId: requests[i]?.clientOrderId ?? '',
        })),
      },
    };
    try {
      await this.writeAhead([intent, ...legs.map((leg, i) => sentRecord(opp.id, 'leg', leg.legIndex, requests[i]))]);
    } catch (err) {
      this.onJournalFailure(err);
      return this.refuse(opp, `journal unavailable: ${describeError(err)}`, startedAt);
    }
    const trackers = legs.map((leg, i) => {
      const request = requests[i];
      if (request === undefined) throw new RangeError('leg without request');
      const tracker = this.desk.track(request, { opportunityId: opp.id, role: 'leg', legIndex: leg.legIndex });
      leg.orders.push(tracker);
      return tracker;
    });
    await this.runAll(trackers);

    const repairs: OrderTracker[] = [];
    const refused = new Set<'complete' | 'unwind'>();
    const unitPrice = valuation(opp, this.o.books);
    for (let attempt = 1; attempt <= this.o.repair.maxAttempts && this.o.repair.enabled; attempt++) {
      if (this.haltReason !== undefined) {
        notes.push(`repair skipped: halted (${this.haltReason})`);
        break;
      }
      if ([...trackers, ...repairs].some((t) => !t.done)) {
        notes.push('repair skipped: an order is not terminal');
        break;
      }
      const plans = planRepairs(legPositions(legs, repairs), {
        maxSlippageBps: this.o.repair.maxSlippageBps,
        books: this.o.books,
        unitPrice,
      });
      if (plans === undefined) break;
      // A plan whose every order the venue refused last round (e.g. no balance) is not tried again.
      const plan =
        refused.has('complete') && plans.unwind.orders.length > 0
          ? plans.unwind
          : refused.has('unwind')
            ? plans.complete
            : choosePlan(plans);
      this.append({
        type: 'decision',
        data: {
          opportunityId: opp.id,
          action: plan.orders.length === 0 ? 'repair-impossible' : `repair-${plan.kind}`,
          detail: {
            attempt,
            complete: { score: plans.complete.score?.toString() ?? null, feasible: plans.complete.feasible },
            unwind: { score: plans.unwind.score?.toString() ?? null, feasible: plans.unwind.feasible },
            skipped: plan.skipped.map((s) => ({ legIndex: s.legIndex, amount: s.amount.toString(), reason: s.reason })),
          },
        },
      });
      if (plan.orders.length === 0) {
        for (const s of plan.skipped) notes.push(`leg ${s.legIndex}: ${s.amount.toString()} left unrepaired (${s.reason})`);
        break;
      }
      const placed = await this.sendRepairs(opp.id, 'repair', plan.orders, attempt);
      repairs.push(...placed);
      await this.runAll(placed);
      if (placed.every((t) => t.status === 'rejected')) refused.add(plan.kind);
    }

    const report = buildReport(legs, repairs, {
      opportunity: opp,
      catalog: this.o.catalog,
      unitPrice,
      startedAt,
      finishedAt: this.clock.now(),
      notes,
    });
    if (Object.keys(report.residual).length > 0) this.residuals.set(opp.id, { opportunity: opp, legs, repairs });
    try {
      await this.o.journal?.append({ type: 'report', data: { report } });
    } catch (err) {
      this.onJournalFailure(err);
    }
    return report;
  }

  private async runAll(trackers: readonly OrderTracker[]): Promise<void> {
    // Give each order its time plus a resolution window; an order still not terminal stays tracked.
    const waitMs = this.o.placementTimeoutMs + this.o.orderTimeoutMs + this.o.pollIntervalMs * (this.o.resolveAttempts + 2);
    await Promise.all(trackers.map((t) => this.desk.run(t, waitMs)));
  }

  private async sendRepairs(
    opportunityId: string,
    role: OrderRole,
    orders: readonly RepairOrder[],
    attempt: number,
  ): Promise<OrderTracker[]> {
    const requests = orders.map((o) =>
      this.request(
        o.market,
        o.side,
        o.amount,
        o.price,
        clientOrderIdFor(this.o.clientOrderIdPrefix, opportunityId, role, o.legIndex, attempt),
      ),
    );
    await this.writeAhead(orders.map((o, i) => sentRecord(opportunityId, role, o.legIndex, requests[i])));
    return orders.map((o, i) => {
      const request = requests[i];
      if (request === undefined) throw new RangeError('repair without request');
      return this.desk.track(request, { opportunityId, role, legIndex: o.legIndex });
    });
  }

  private async flatten(selected: (venue: string) => boolean): Promise<Order[]> {
    const waitMs = this.o.placementTimeoutMs + this.o.orderTimeoutMs * 2;
    await withTimeout(Promise.allSettled([...this.inFlight.values()]), waitMs, this.clock);
    const out: Order[] = [];
    for (const [id, residual] of [...this.residuals]) {
      if (!residual.legs.every((l) => selected(l.market.venue))) continue;
      const positions: LegPosition[] = legPositions(residual.legs, residual.repairs);
      const plans = planRepairs(positions, { maxSlippageBps: this.o.flattenSlippageBps, books: this.o.books, unitPrice: () => undefined });
      if (plans === undefined || plans.unwind.orders.length === 0) {
        this.residuals.delete(id);
        continue;
      }
      this.append({ type: 'decision', data: { opportunityId: id, action: 'flatten', detail: { orders: plans.unwind.orders.length } } });
      const attempt = residual.repairs.filter((r) => r.role === 'flatten').length + 1;
      let placed: OrderTracker[];
      try {
        placed = await this.sendRepairs(id, 'flatten', plans.unwind.orders, attempt);
      } catch (err) {
        this.onJournalFailure(err);
        break;
      }
      residual.repairs.push(...placed);
      await this.runAll(placed);
      for (const t of placed) if (t.order !== undefined) out.push(t.order);
      const after = planRepairs(legPositions(residual.legs, residual.repairs), {
        maxSlippageBps: this.o.flattenSlippageBps,
        books: undefined,
        unitPrice: () => undefined,
      });
      if (after === undefined) this.residuals.delete(id);
    }
    return out;
  }

  private request(market: Market, side: 'buy' | 'sell', amount: Decimal, price: Decimal, clientOrderId: string): OrderRequest {
    return parseWith(
      OrderRequestSchema,
      { venue: market.venue, symbol: market.symbol, side, type: 'limit', amount, price, timeInForce: 'IOC', clientOrderId },
      'order request',
    );
  }

  private async writeAhead(records: readonly JournalRecordInput[]): Promise<void> {
    const journal = this.o.journal;
    if (journal === undefined) return;
    await Promise.all(records.map((r) => journal.append(r)));
  }
}

function marketKey(market: Market): string {
  return `${market.venue}\u0000${market.symbol}`;
}

function sentRecord(opportunityId: string, role: OrderRole, legIndex: number, request: OrderRequest | undefined): JournalRecordInput {
  if (request?.clientOrderId === undefined) throw new RangeError('an order sent without a client order id');
  return {
    type: 'order-sent',
    data: {
      opportunityId,
      role,
      legIndex,
      clientOrderId: request.clientOrderId,
      venue: request.venue,
      symbol: request.symbol,
      side: request.side,
      type: request.type,
      amount: request.amount,
      ...(request.price === undefined ? {} : { price: request.price }),
      timeInForce: request.timeInForce,
    },
  };
}
