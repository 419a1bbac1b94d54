import { defer, finalize, type OperatorFunction } from 'rxjs';
import type { ExecutionReport } from '../model/execution-report';
import type { Opportunity } from '../model/opportunity';
import { Executor, type ExecutorVenues } from './executor';
import type { ExecutorOptions } from './executor-options';

/**
 * The executor as one operator: approved opportunities in, execution reports
 * out. Each subscription gets its own {@link Executor} (disposed when the
 * subscription ends); obey the kill switch by passing its `commands$` in
 * the options. Build an `Executor` yourself when you also need its methods
 * (emergency stop, graceful shutdown).
 *
 * @example
 * ```ts
 * approved$
 *   .pipe(executeOpportunities([binance, okx], { clock: systemClock, catalog, journal, commands$: kill.commands$ }))
 *   .subscribe((report) => console.log(report.opportunityId, report.status, report.realizedPnl.toString()));
 * ```
 */
export function executeOpportunities(venues: ExecutorVenues, options: ExecutorOptions): OperatorFunction<Opportunity, ExecutionReport> {
  return (source) =>
    defer(() => {
      const executor = new Executor(venues, options);
      return source.pipe(
        executor.operator(),
        finalize(() => executor.dispose()),
      );
    });
}
