import { describe, expect, it } from 'vitest';
import { Decimal, Executor, Journal, parseOrderRequest, reconcile, recordBalances, VirtualClock, verifyJournal } from '../../src/index';
import { btcUsdt, catalogOf, drive, spatial, tempJournalPath } from '../execution/helpers';
import { ScriptedVenue } from '../execution/scripted-venue';

function venues(clock: VirtualClock): { alpha: ScriptedVenue; beta: ScriptedVenue } {
  const alpha = new ScriptedVenue('alpha', clock, [btcUsdt('alpha')], { USDT: '10000' }, (cid) =>
    cid.startsWith('arb-') ? { kind: 'slow-ack', ackDelayMs: 60_000 } : { kind: 'rest' },
  );
  const beta = new ScriptedVenue('beta', clock, [btcUsdt('beta')], { USDT: '0', BTC: '5' }, (cid) =>
    cid.startsWith('arb-') ? { kind: 'fill' } : { kind: 'rest' },
  );
  alpha.setBook(
    'BTC/USDT',
    [['99.9', '5']],
    [
      ['100', '1'],
      ['100.5', '5'],
    ],
  );
  beta.setBook(
    'BTC/USDT',
    [
      ['101', '1'],
      ['100.8', '5'],
    ],
    [['101.2', '5']],
  );
  return { alpha, beta };
}

describe('restart reconciliation', () => {
  it('after a crash mid-execution, resolves the unknown order, cancels strays and finds no drift', async () => {
    const clock = new VirtualClock(0);
    const { alpha, beta } = venues(clock);
    const catalog = catalogOf('alpha', 'beta');
    const path = await tempJournalPath();
    const journal = await Journal.open(path, { clock });
    await recordBalances(journal, [alpha, beta], { clock });
    alpha.silent = true;
    const executor = new Executor([alpha, beta], { clock, catalog, journal, placementTimeoutMs: 1_000, pollIntervalMs: 500 });
    void executor.execute(spatial('op-crash'));
    // Run until both legs are on the venues, then "kill" the process: drop every in-memory object.
    await drive(clock, new Promise<void>((resolve) => clock.scheduler.schedule(() => resolve(), 100)), journal);
    expect(alpha.allOrders().map((o) => o.status)).toEqual(['filled']);
    expect(beta.allOrders().map((o) => o.status)).toEqual(['filled']);
    executor.dispose();
    await journal.close();
    // Someone else's order rests on beta.
    await beta.placeOrder(
      parseOrderRequest({
        venue: 'beta',
        symbol: 'BTC/USDT',
        side: 'sell',
        type: 'limit',
        amount: '1',
        price: '150',
        clientOrderId: 'manual-1',
      }),
    );

    const restarted = await Journal.open(path, { clock });
    const result = await drive(clock, reconcile([alpha, beta], { journal: restarted, clock, catalog }), restarted);
    expect(result.resolved.map((o) => [o.venue, o.status, o.filled.toString()])).toEqual([['alpha', 'filled', '1']]);
    expect(result.interrupted).toEqual(['op-crash']);
    expect(result.executedOpportunityIds).toEqual(['op-crash']);
    expect(result.strays.map((s) => [s.order.clientOrderId, s.own, s.action])).toEqual([['manual-1', false, 'canceled']]);
    expect(result.drift).toEqual([]);
    expect(result.ok).toBe(true);
    // Expected = baseline + fills: alpha 10000 − 100 − 0.1 USDT, +1 BTC; beta +101 − 0.101 USDT, −1 BTC.
    expect(result.expected.get('alpha')?.get('USDT')?.toString()).toBe('9899.9');
    expect(result.expected.get('alpha')?.get('BTC')?.toString()).toBe('1');
    expect(result.expected.get('beta')?.get('USDT')?.toString()).toBe('100.899');
    expect(result.expected.get('beta')?.get('BTC')?.toString()).toBe('4');
    expect(alpha.total('USDT').toString()).toBe('9899.9');
    expect((await verifyJournal(path)).ok).toBe(true);

    // A restarted executor never runs the same opportunity again.
    const next = new Executor([alpha, beta], { clock, catalog, journal: restarted });
    next.rememberExecuted(result.executedOpportunityIds);
    expect((await next.execute(spatial('op-crash'))).reason).toBe('duplicate opportunity id');
    await restarted.close();
  });

  it('reports drift between the journal and the venue to the unit', async () => {
    const clock = new VirtualClock(0);
    const { alpha, beta } = venues(clock);
    const catalog = catalogOf('alpha', 'beta');
    const journal = await Journal.open(await tempJournalPath(), { clock });
    await recordBalances(journal, [alpha, beta], { clock });
    // 2.5 USDT leave alpha behind the bot's back.
    (alpha as unknown as { add(asset: string, amount: Decimal): void }).add('USDT', new Decimal('-2.5'));
    const result = await reconcile([alpha, beta], { journal, clock, catalog, rebaseline: false });
    expect(result.ok).toBe(false);
    expect(result.drift.map((d) => [d.venue, d.asset, d.expected.toString(), d.actual.toString(), d.diff.toString()])).toEqual([
      ['alpha', 'USDT', '10000', '9997.5', '-2.5'],
    ]);
    await journal.close();
  });
});
