/**
 * A progress bar over virtual time for the scenarios of the demo: on a
 * terminal a cli-progress bar on stderr, elsewhere (CI, pipes) one line per
 * 25% so logs stay short.
 */
import cliProgress from 'cli-progress';

/** Progress of one scenario, fed with event times. */
export interface ScenarioProgress {
  update(ts: number): void;
  stop(): void;
}

/** Starts a progress display for a scenario covering `[from, to)` in event time. */
export function startProgress(label: string, from: number, to: number, enabled: boolean): ScenarioProgress {
  const span = Math.max(1, to - from);
  const fraction = (ts: number) => Math.min(1, Math.max(0, (ts - from) / span));
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  if (!process.stderr.isTTY) {
    let nextQuarter = 0.25;
    process.stderr.write(`${label}: replaying…\n`);
    return {
      update(ts) {
        const f = fraction(ts);
        while (f >= nextQuarter && nextQuarter <= 1) {
          process.stderr.write(`${label}: ${Math.round(nextQuarter * 100)}%\n`);
          nextQuarter += 0.25;
        }
      },
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: `${label.padEnd(11)} {bar} {percentage}% | {clock}`, hideCursor: true, stream: process.stderr, fps: 10 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(1000, 0, { clock: '' });
  let last = -1;
  return {
    update(ts) {
      const value = Math.round(fraction(ts) * 1000);
      if (value === last) return;
      last = value;
      bar.update(value, { clock: new Date(ts).toISOString().slice(11, 19) });
    },
    stop() {
      bar.update(1000);
      bar.stop();
    },
  };
}
