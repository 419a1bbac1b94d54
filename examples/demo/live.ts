/**
 * `npm run demo -- --live`: the same spatial pipeline on live public ccxt
 * feeds, with simulated fills (paper venues over the live books) and no
 * keys. Offline, it fails within seconds with a clear message (the venues'
 * markets are loaded, with a timeout, before anything else).
 */
import { multiVenue, paperVenue } from '@arbot/connectors';
import { Decimal, type ExecutionReport, executeOpportunities, MarketCatalog, PortfolioLedger, systemClock, toDecimal } from '@arbot/core';
import { inventoryLimits, minNetBps, notionalLimits, type RiskDecision, riskGate, staleData } from '@arbot/risk';
import { detectSpatialArbitrage } from '@arbot/strategies';
import { filter, firstValueFrom, lastValueFrom, merge, Subject, take, takeUntil, tap, timer } from 'rxjs';
import { fixed, heading, printTable } from '../lib/print';
import { openLiveVenues } from '../lib/venues';
import { LatencyMeter } from './latency-meter';

/** Settings of a live demo run. */
export interface LiveDemoSettings {
  readonly exchanges: readonly string[];
  readonly symbols: readonly string[];
  readonly minutes: number;
  readonly takerBps: number | undefined;
  /** Paper cash per exchange, in each symbol's quote (and its worth in base). */
  readonly paperCash: number;
}

export async function runLiveDemo(settings: LiveDemoSettings): Promise<void> {
  const clock = systemClock;
  console.log(
    `ArBot SDK demo, live: ${settings.symbols.join(', ')} on ${settings.exchanges.join(', ')} (public feeds, simulated fills, no keys)`,
  );
  const data = await openLiveVenues(settings.exchanges, settings.symbols);
  const listed = [...data.markets.values()].flat().filter((m) => settings.symbols.includes(m.symbol));
  const fee = settings.takerBps === undefined ? undefined : settings.takerBps / 10_000;
  const catalog = new MarketCatalog(
    listed.map((m) => (fee === undefined ? m : { ...m, fees: { maker: m.fees.maker, taker: toDecimal(fee) } })),
  );

  // Paper venues: fills simulated against the live books, one ledger for all.
  const quote = settings.symbols[0]?.split('/')[1] ?? 'USDT';
  const ledger = new PortfolioLedger({ valuationCurrency: quote, clock });
  const paper = [];
  for (const venue of data.venues) {
    const balances: Record<string, string> = { [quote]: String(settings.paperCash) };
    const startPrices: Record<string, string> = {};
    for (const symbol of settings.symbols) {
      const [base = '', q = ''] = symbol.split('/');
      if (q !== quote) continue;
      const first = await firstValueFrom(
        venue.orderBook$(symbol).pipe(
          filter((v) => v.mid !== undefined),
          take(1),
        ),
      );
      const mid = first.mid ?? 1;
      balances[base] = (settings.paperCash / mid).toFixed(6);
      startPrices[base] = String(mid);
    }
    paper.push(paperVenue(venue, { clock, ledger, symbols: [...settings.symbols], balances, startPrices }));
  }

  const reports$ = new Subject<ExecutionReport>();
  const stopped = new Subject<void>();
  const balances$ = merge(...paper.map((v) => v.balances$()));
  const decisions: RiskDecision[] = [];
  const gate = riskGate(
    [
      staleData({ maxAgeMs: 2_000 }),
      notionalLimits({ maxOrderNotional: settings.paperCash / 10 }),
      inventoryLimits({ reserveRatio: 0.05 }),
      minNetBps({ minBps: 0 }),
    ],
    { clock, markets: catalog, balances$, reports$ },
  );
  gate.decisions$.subscribe((d) => decisions.push(d));
  const latency = new LatencyMeter();
  const multi = multiVenue(data.venues);
  const reports: ExecutionReport[] = [];
  let opportunities = 0;
  const venues = Object.fromEntries(paper.map((v) => [v.id, v]));
  const run = merge(...settings.symbols.map((symbol) => multi.books$(symbol, { depth: 20 }))).pipe(
    tap(latency.onBook),
    detectSpatialArbitrage({ markets: catalog, clock, balances: balances$, maxBookAgeMs: 2_000, cooldownMs: 3_000, strategy: 'spatial' }),
    tap(() => opportunities++),
    gate.operator,
    tap(latency.onOrder),
    executeOpportunities(venues, { clock, catalog }),
    tap((report) => {
      reports.push(report);
      reports$.next(report);
      console.log(
        `${new Date(report.finishedAt).toISOString()} ${report.opportunityId}: ${report.status}, PnL ${fixed(report.realizedPnl, 6)} ${report.currency}`,
      );
    }),
    takeUntil(merge(timer(settings.minutes * 60_000, clock.scheduler), stopped)),
  );
  console.log(`Watching for ${settings.minutes} min (Ctrl-C stops)…`);
  const stop = () => stopped.next();
  process.once('SIGINT', stop);
  await lastValueFrom(run, { defaultValue: undefined });
  process.off('SIGINT', stop);
  await multi.close();
  for (const venue of paper) venue.close();

  heading('Session');
  const lat = latency.summary();
  printTable([
    { figure: 'opportunities seen', value: opportunities },
    { figure: 'approved by risk', value: decisions.filter((d) => d.outcome !== 'rejected').length },
    { figure: 'executed', value: reports.filter((r) => r.legs.some((l) => l.filled.gt(0))).length },
    {
      figure: `PnL after fees (${quote})`,
      value: fixed(
        reports.reduce((sum, r) => sum.plus(r.realizedPnl), new Decimal(0)),
        6,
      ),
    },
    { figure: 'detector input → gate output, p50 (µs)', value: lat === undefined ? 'n/a' : lat.p50.toFixed(1) },
    { figure: 'detector input → gate output, p99 (µs)', value: lat === undefined ? 'n/a' : lat.p99.toFixed(1) },
  ]);
}
