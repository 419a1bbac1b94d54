import { SingleBar } from 'cli-progress';

/** Where an optimization reports its progress. */
export interface Progress {
  update(done: number, best: number | undefined): void;
  stop(): void;
}

/**
 * A progress bar on stderr (trials done, best score, ETA), or nothing.
 * `auto` shows it only when stderr is a terminal; `true` forces it (on a
 * non-terminal it prints a line every few seconds); `false` hides it.
 */
export function progressBar(total: number, mode: boolean | 'auto', label: string): Progress {
  const enabled = mode === 'auto' ? process.stderr.isTTY === true : mode;
  if (!enabled) return { update: () => {}, stop: () => {} };
  const bar = new SingleBar({
    format: `${label} [{bar}] {value}/{total} trials | best {best} | ETA {eta_formatted}`,
    stream: process.stderr,
    hideCursor: true,
    noTTYOutput: mode === true,
    barsize: 30,
  });
  bar.start(total, 0, { best: '—' });
  return {
    update: (done, best) => bar.update(done, { best: best === undefined ? '—' : formatScore(best) }),
    stop: () => bar.stop(),
  };
}

function formatScore(x: number): string {
  return Number.isFinite(x) ? Number(x.toPrecision(6)).toString() : String(x);
}
