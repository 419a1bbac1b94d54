/**
 * A live cross-venue arbitrage bot to copy and adapt. It paper-trades unless
 * explicitly armed.
 *
 *   ccxt pro books of every exchange → multiVenue.books$ → detectSpatialArbitrage
 *   → riskGate (kill switch, circuit breaker, stale data, limits, inventory, profit floor)
 *   → Executor (journal written ahead, IOC legs, repairs, graceful shutdown on Ctrl-C)
 *   → paper venues (simulated fills on the live books)   ← default
 *     or the exchanges themselves                         ← only with --armed and keys
 *
 * Arming takes both `--armed` and trading keys, from the environment
 * (ARBOT_BINANCE_API_KEY / ARBOT_BINANCE_SECRET, ARBOT_OKX_API_KEY /
 * ARBOT_OKX_SECRET / ARBOT_OKX_PASSWORD…) or from an encrypted keystore
 * (`--keystore keys.json`, passphrase in ARBOT_KEYSTORE_PASSPHRASE). Without
 * them it paper-trades and says so. Read docs/guides/going-live-safely.md first.
 *
 *   pnpm example live-template                          # paper trading on live binance + okx books
 *   pnpm example live-template --armed --max-notional 50   # real orders, small
 *   pnpm example live-template --smoke                  # offline: local fake exchanges, paper
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CcxtVenue, ccxtVenue, multiVenue, paperVenue } from '@arbot/connectors';
import {
  type ApiCredentials,
  type BookSet,
  credentialsFromEnv,
  credentialVariables,
  type ExecutionReport,
  Executor,
  exchangeCredentials,
  Journal,
  MarketCatalog,
  MissingCredentialsError,
  PortfolioLedger,
  readKeystore,
  Secret,
  shutdownOnSignals,
  systemClock,
  type TradingVenue,
} from '@arbot/core';
import {
  circuitBreaker,
  inventoryLimits,
  killSwitch,
  minNetBps,
  notionalLimits,
  type RiskDecision,
  riskGate,
  staleData,
} from '@arbot/risk';
import { detectSpatialArbitrage } from '@arbot/strategies';
import { filter, firstValueFrom, fromEvent, lastValueFrom, map, merge, Subject, take, takeUntil, tap, timer } from 'rxjs';
import { listFlag, parseFlags, runExample, UsageError } from './lib/cli';
import { fixed, heading, printTable } from './lib/print';
import { type ExampleVenues, openFakeVenues, openLiveVenues } from './lib/venues';

const info = {
  name: 'live-template',
  summary: 'Live cross-venue arbitrage bot: paper-trades on live books unless armed with --armed and trading keys.',
  flags: {
    exchanges: { type: 'string', default: 'binance,okx', help: 'comma-separated ccxt exchange ids' },
    symbol: { type: 'string', default: 'BTC/USDT', help: 'unified symbol traded on every exchange' },
    minutes: { type: 'number', default: 10, min: 0.1, max: 100_000, help: 'run time (Ctrl-C stops earlier, gracefully)' },
    maxNotional: { type: 'number', default: 100, min: 1, help: 'largest order, in quote' },
    minNetBps: { type: 'number', default: 5, min: 0, help: 'smallest expected net edge after fees, bps' },
    paperCash: { type: 'number', default: 1_000, min: 1, help: 'paper trading: quote (and its worth in base) per exchange' },
    armed: { type: 'boolean', help: 'send REAL orders (needs trading keys); without it the bot paper-trades' },
    keystore: { type: 'string', help: 'encrypted keystore with the trading keys (passphrase in ARBOT_KEYSTORE_PASSPHRASE)' },
    journal: { type: 'string', help: 'write-ahead journal file (default out/live-template/journal.ndjson)' },
  },
} as const;

runExample(info, async () => {
  const flags = parseFlags(info);
  const exchanges = listFlag('--exchanges', flags.exchanges);
  const symbol = flags.symbol;
  if (flags.armed && flags.smoke) throw new UsageError('--armed and --smoke do not mix: the smoke run never trades for real');
  const clock = systemClock;

  // Keys first: an armed run without them stops here, before any connection.
  const credentials = flags.armed ? await tradingCredentials(exchanges, flags.keystore) : [];

  // 1. Market data: public, no keys. Checked up front (offline → one clear message).
  const data: ExampleVenues = flags.smoke ? await fakeCrossedBooks(symbol) : await openLiveVenues(exchanges, [symbol]);
  const catalog = new MarketCatalog([...data.markets.values()].flat().filter((m) => m.symbol === symbol));

  // 2. Trading venues: the exchanges only when armed with keys, paper venues otherwise.
  const reports$ = new Subject<ExecutionReport>();
  let trading: TradingVenue[];
  let ledger: PortfolioLedger | undefined;
  let keyed: CcxtVenue[] = [];
  if (flags.armed) {
    keyed = credentials.map((c) =>
      ccxtVenue(c.venue, { exchangeConfig: { ...exchangeCredentials(c), enableRateLimit: true, timeout: 10_000 } }),
    );
    trading = keyed;
    console.log(`ARMED: real orders on ${keyed.map((v) => v.id).join(', ')}, at most ${flags.maxNotional} per order.`);
  } else {
    // Paper venues fill against the live books with simulated latency, into one shared ledger.
    const quote = symbol.split('/')[1] ?? 'USDT';
    const base = symbol.split('/')[0] ?? 'BTC';
    const reference = data.venues[0];
    if (reference === undefined) throw new UsageError('--exchanges names no exchange');
    // Paper balances are worth the same in base and quote: value the base at the first mid seen.
    const first = await firstValueFrom(reference.orderBook$(symbol, { depth: 20 }).pipe(filter((v) => v.mid !== undefined)));
    const mid = first.mid ?? 1;
    ledger = new PortfolioLedger({ valuationCurrency: quote, clock });
    const ledgerForPaper = ledger;
    trading = data.venues.map((v) =>
      paperVenue(v, {
        clock,
        ledger: ledgerForPaper,
        symbols: [symbol],
        bookDepth: 20, // the same book stream as the detector reads: one subscription per exchange
        balances: { [quote]: String(flags.paperCash), [base]: (flags.paperCash / mid).toFixed(6) },
        startPrices: { [base]: mid.toString() },
      }),
    );
    console.log('PAPER TRADING (not armed): orders are simulated on the live books; nothing is sent to the exchanges.');
    console.log('To trade for real: --armed plus trading keys (see the top of this file).');
  }

  // 3. The kill switch: SIGUSR2 (or anything else you wire to trigger$) stops all trading at once.
  const kill = killSwitch({ clock, trigger$: fromEvent(process, 'SIGUSR2').pipe(map(() => 'SIGUSR2 from the operator')) });

  // 4. The executor journals every intent, order and fill before acting, and shuts down gracefully.
  const journalPath = resolve(flags.journal ?? resolve(dirname(fileURLToPath(import.meta.url)), '../out/live-template/journal.ndjson'));
  mkdirSync(dirname(journalPath), { recursive: true });
  const journal = await Journal.open(journalPath, { clock });
  let latest: BookSet | undefined;
  const executor = new Executor(trading, {
    clock,
    catalog,
    journal,
    books: (venue, sym) => latest?.get(venue, sym),
    commands$: kill.commands$,
  });
  const stopped = new Subject<void>();
  const shutdown = shutdownOnSignals(executor, { timeoutMs: 10_000, onShutdown: () => stopped.next() });

  // 5. The risk gate: every decision is kept (journal them in production).
  const balances$ = merge(...trading.map((v) => v.balances$()));
  const gate = riskGate(
    [
      kill,
      circuitBreaker({ maxConsecutiveLosses: 3, cooldownMs: 15 * 60_000 }),
      staleData({ maxAgeMs: 2_000 }),
      notionalLimits({ maxOrderNotional: flags.maxNotional, maxTotalExposure: flags.maxNotional * 4 }),
      inventoryLimits({ reserveRatio: 0.05 }),
      minNetBps({ minBps: flags.minNetBps }),
    ],
    { clock, markets: catalog, balances$, reports$ },
  );
  const decisions: RiskDecision[] = [];
  gate.decisions$.subscribe((d) => {
    decisions.push(d);
    const why = d.rejection ? ` (${d.rejection.policy}: ${d.rejection.code})` : '';
    console.log(`${new Date(d.at).toISOString()} ${d.opportunityId} ${d.outcome}${why}`);
  });

  // 6. The pipeline.
  const multi = multiVenue(data.venues);
  const reports: ExecutionReport[] = [];
  const run = multi.books$(symbol, { depth: 20 }).pipe(
    tap((set) => {
      latest = set;
    }),
    detectSpatialArbitrage({
      markets: catalog,
      clock,
      balances: balances$,
      maxBookAgeMs: 2_000,
      minNetBps: flags.minNetBps,
      cooldownMs: 3_000,
    }),
    gate.operator,
    executor.operator(),
    tap((report) => {
      reports.push(report);
      reports$.next(report);
      console.log(`executed ${report.opportunityId}: ${report.status}, realized ${fixed(report.realizedPnl, 6)} ${report.currency}`);
    }),
    // --smoke ends after the first execution; a live run after --minutes or Ctrl-C.
    flags.smoke ? take(1) : takeUntil(merge(timer(flags.minutes * 60_000), stopped)),
    takeUntil(timer(flags.smoke ? 20_000 : Number.MAX_SAFE_INTEGER)),
  );
  // --smoke: the fake books tick like a live market (the amounts behind the touch change every 200 ms).
  const ticking = flags.smoke && 'fakes' in data ? tickFakeBooks(data as Awaited<ReturnType<typeof fakeCrossedBooks>>, symbol) : undefined;
  console.log(
    `Watching ${symbol} on ${data.venues.map((v) => v.id).join(', ')}${flags.smoke ? ' (local fake exchanges)' : ''}; Ctrl-C stops.`,
  );
  await lastValueFrom(run, { defaultValue: undefined });

  // 7. Orderly stop: cancel what is open, flush the journal, close the connections.
  ticking?.unsubscribe();
  shutdown.dispose();
  await executor.shutdown({ timeoutMs: 10_000, reason: 'run finished' });
  await journal.close();
  await multi.close();
  await Promise.all(keyed.map((v) => v.close()));

  heading('Session');
  printTable([
    { figure: 'risk decisions', value: decisions.length },
    { figure: 'approved or resized', value: decisions.filter((d) => d.outcome !== 'rejected').length },
    { figure: 'executions', value: reports.length },
    {
      figure: 'realized PnL',
      value: fixed(
        reports.reduce((s, r) => s + r.realizedPnl.toNumber(), 0),
        6,
      ),
    },
  ]);
  if (ledger !== undefined) {
    // Mark the base at the last mid seen, so equity can be valued.
    const mid = latest?.forSymbol(symbol).find((v) => v.mid !== undefined)?.mid;
    if (mid !== undefined) ledger.setPrice(symbol.split('/')[0] ?? '', mid);
    console.log(`paper equity: ${fixed(ledger.tryEquity(), 2)} ${ledger.valuationCurrency} (fees paid ${fixed(ledger.feesPaid(), 6)})`);
  }
  console.log(`journal: ${journalPath}`);
  if (flags.smoke && reports.length === 0) throw new Error('smoke run: the crossed fake books produced no execution');
});

/**
 * Trading keys for every venue, from the keystore when given, else from the
 * environment. Missing keys are a usage error naming the variables to set:
 * arming never falls back to anything.
 */
async function tradingCredentials(venues: readonly string[], keystore: string | undefined): Promise<ApiCredentials[]> {
  try {
    if (keystore !== undefined) {
      const passphrase = process.env.ARBOT_KEYSTORE_PASSPHRASE;
      if (passphrase === undefined || passphrase === '')
        throw new UsageError('--keystore needs its passphrase in ARBOT_KEYSTORE_PASSPHRASE');
      const ring = await readKeystore(keystore, new Secret(passphrase));
      return venues.map((v) => ring.get(v, 'trading'));
    }
    return venues.map((v) => credentialsFromEnv(v, 'trading'));
  } catch (err) {
    if (err instanceof MissingCredentialsError) {
      const needed = venues.map((v) => {
        const names = credentialVariables(v, 'trading');
        return `${names.apiKey}, ${names.secret}${v === 'okx' || v === 'kucoin' || v === 'bitget' ? `, ${names.password}` : ''}`;
      });
      throw new UsageError(`--armed needs trading keys: ${err.message}. Set ${needed.join('; ')} or pass --keystore`);
    }
    throw err;
  }
}

/** --smoke: binance and okx fakes whose books cross by ~30 bps, read through the real ccxt classes. */
function fakeCrossedBooks(symbol: string) {
  return openFakeVenues([
    {
      protocol: 'binance',
      books: {
        [symbol]: {
          bids: [[29_990, 1]],
          asks: [
            [30_000, 0.02],
            [30_005, 1],
          ],
        },
      },
    },
    {
      protocol: 'okx',
      books: {
        [symbol]: {
          bids: [
            [30_100, 0.02],
            [30_060, 1],
          ],
          asks: [[30_120, 1]],
        },
      },
    },
  ]);
}

/** Changes the depth behind the touch of both fake books every 200 ms, as a live book would. */
function tickFakeBooks(fake: Awaited<ReturnType<typeof fakeCrossedBooks>>, symbol: string) {
  return timer(0, 200).subscribe((i) => {
    fake.fakes.get('binance')?.updateBook(symbol, { asks: [[30_005, 1 + (i % 5) / 10]] });
    fake.fakes.get('okx')?.updateBook(symbol, { bids: [[30_060, 1 + (i % 5) / 10]] });
  });
}
