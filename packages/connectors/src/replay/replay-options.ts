import { type Clock, ValidationError, type ValidationIssue } from '@arbot/core';
import type { InvalidLineError, InvalidLinePolicy } from '../formats/invalid-line-error';
import { EVENT_STREAMS, type EventStream } from '../record/recorded-event';

/**
 * How a replay hands out events in time:
 * - `virtual`: as fast as possible, advancing a virtual clock (`advanceTo`) to each event's time first,
 *   so timers armed on the clock's scheduler fire in between, exactly where they would have live;
 * - `realtime`: spaced as recorded (divided by `speed`), waiting on the clock's scheduler;
 * - `asap`: as fast as possible, no clock involved.
 *
 * @example
 * ```ts
 * replay('x.ndjson.gz', { clock: systemClock, pacing: 'realtime', speed: 10 });
 * ```
 */
export type ReplayPacing = 'virtual' | 'realtime' | 'asap';

/**
 * A clock a replay can move: `VirtualClock` from `@arbot/core`.
 *
 * @example
 * ```ts
 * const clock: AdvanceableClock = new VirtualClock(0);
 * ```
 */
export interface AdvanceableClock extends Clock {
  /** Moves the clock forward to `timeMs`, running the timers due on the way. */
  advanceTo(timeMs: number): void;
}

/**
 * Options of {@link replay}.
 *
 * @example
 * ```ts
 * const options: ReplayOptions<'trade'> = { clock: new VirtualClock(start), streams: ['trade'], invalidLines: 'skip' };
 * replay('trades.ndjson.gz', options).subscribe((t) => console.log(t.price));
 * ```
 */
export interface ReplayOptions<K extends EventStream = EventStream> {
  /** `virtual` (default), `realtime` or `asap`; see {@link ReplayPacing}. */
  readonly pacing?: ReplayPacing;
  /** The clock: a `VirtualClock` for `virtual` pacing, any clock (usually `systemClock`) for `realtime`; unused by `asap`. */
  readonly clock?: Clock;
  /** `realtime` only: 2 plays twice as fast as recorded; default 1. */
  readonly speed?: number;
  /** Which time orders and paces events: the local receive time `recvTs` (default; what a live pipeline saw) or the exchange `ts`. */
  readonly time?: 'recvTs' | 'ts';
  /** Only these streams (default: all). Narrows the emitted type, e.g. `['trade']` gives `Observable<Trade>`. */
  readonly streams?: readonly K[];
  /** `error` (default) fails on the first bad line; `skip` drops bad lines and reports them to `onSkippedLine`. */
  readonly invalidLines?: InvalidLinePolicy;
  /** Called with each skipped line when `invalidLines` is `skip`. */
  readonly onSkippedLine?: (error: InvalidLineError) => void;
}

/**
 * {@link ReplayOptions} after validation.
 *
 * @example
 * ```ts
 * const checked = checkReplayOptions(['x.ndjson.gz'], { pacing: 'asap' });
 * ```
 */
export interface CheckedReplayOptions {
  readonly pacing: ReplayPacing;
  readonly clock: Clock | undefined;
  readonly speed: number;
  readonly time: 'recvTs' | 'ts';
  readonly streams: ReadonlySet<EventStream>;
  readonly invalidLines: InvalidLinePolicy;
  readonly onSkippedLine: ((error: InvalidLineError) => void) | undefined;
}

/**
 * Validates replay paths and options; throws a core `ValidationError` naming every bad field.
 *
 * @example
 * ```ts
 * checkReplayOptions([], { pacing: 'asap' }); // throws ValidationError: paths needs at least one recording
 * ```
 */
export function checkReplayOptions(paths: readonly string[], options: ReplayOptions): CheckedReplayOptions {
  const issues: ValidationIssue[] = [];
  const pacing = options.pacing ?? 'virtual';
  const speed = options.speed ?? 1;
  const time = options.time ?? 'recvTs';
  const invalidLines = options.invalidLines ?? 'error';
  if (paths.length === 0) issues.push({ field: 'paths', value: paths, message: 'needs at least one recording' });
  paths.forEach((path, i) => {
    if (typeof path !== 'string' || path === '')
      issues.push({ field: `paths.${i}`, value: path, message: 'must be a non-empty file path' });
  });
  if (!['virtual', 'realtime', 'asap'].includes(pacing))
    issues.push({ field: 'pacing', value: pacing, message: 'must be virtual, realtime or asap' });
  const clock = options.clock;
  if (pacing !== 'asap' && !isClock(clock)) issues.push({ field: 'clock', value: clock, message: `${pacing} pacing needs a clock` });
  if (pacing === 'virtual' && isClock(clock) && !isAdvanceable(clock)) {
    issues.push({ field: 'clock', value: clock, message: 'virtual pacing needs a clock with advanceTo (a VirtualClock)' });
  }
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed <= 0)
    issues.push({ field: 'speed', value: speed, message: 'must be a finite number > 0' });
  if (time !== 'recvTs' && time !== 'ts') issues.push({ field: 'time', value: time, message: 'must be recvTs or ts' });
  const streams = options.streams ?? EVENT_STREAMS;
  if (!Array.isArray(streams) || streams.length === 0)
    issues.push({ field: 'streams', value: streams, message: 'must list at least one stream' });
  else {
    streams.forEach((s, i) => {
      if (!EVENT_STREAMS.includes(s))
        issues.push({ field: `streams.${i}`, value: s, message: `must be one of ${EVENT_STREAMS.join(', ')}` });
    });
  }
  if (invalidLines !== 'error' && invalidLines !== 'skip')
    issues.push({ field: 'invalidLines', value: invalidLines, message: 'must be error or skip' });
  if (options.onSkippedLine !== undefined && typeof options.onSkippedLine !== 'function') {
    issues.push({ field: 'onSkippedLine', value: options.onSkippedLine, message: 'must be a function' });
  }
  if (issues.length > 0) throw new ValidationError('replay() options', issues);
  return { pacing, clock, speed, time, streams: new Set(streams), invalidLines, onSkippedLine: options.onSkippedLine };
}

function isClock(value: unknown): value is Clock {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Clock).now === 'function' &&
    typeof (value as Clock).scheduler === 'object'
  );
}

/** `true` for a clock a replay can move (a `VirtualClock`). */
export function isAdvanceable(clock: Clock): clock is AdvanceableClock {
  return typeof (clock as Partial<AdvanceableClock>).advanceTo === 'function';
}
