/** Deterministic uniform generator in [0, 1) (mulberry32), so test data is reproducible. */
export function seededUniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deterministic standard normal draws (Box–Muller over {@link seededUniform}). */
export function seededNormal(seed: number): () => number {
  const u = seededUniform(seed);
  return () => {
    const u1 = Math.max(u(), Number.MIN_VALUE);
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u());
  };
}

/** A positive price path: start·exp(cumulative normal log-returns of size `vol`). */
export function randomWalkPrices(seed: number, length: number, start = 30_000, vol = 0.001): number[] {
  const z = seededNormal(seed);
  const out: number[] = [];
  let logPrice = Math.log(start);
  for (let i = 0; i < length; i++) {
    out.push(Math.exp(logPrice));
    logPrice += vol * z();
  }
  return out;
}
