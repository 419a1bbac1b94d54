import { it } from 'vitest';
import { optimize } from '../../src/index';
function branin(x: number, y: number): number {
  const b = 5.1 / (4 * Math.PI ** 2); const c = 5 / Math.PI; const t = 1 / (8 * Math.PI);
  return (y - b * x * x + c * x - 6) ** 2 + 10 * (1 - t) * Math.cos(x) + 10;
}
it('branin', async () => {
  for (const method of ['random', 'bayesian'] as const) {
    const out: number[] = [];
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const r = await optimize({ space: { x: { type: 'float', min: -5, max: 10 }, y: { type: 'float', min: 0, max: 15 } }, objective: ({ x, y }) => branin(x as number, y as number), direction: 'minimize', method, trials: 30, seed, progress: false });
      out.push(Number(r.best.score.toFixed(3)));
    }
    console.log(method, out.join(' '), (out.reduce((a, b) => a + b) / out.length).toFixed(3));
  }
}, 60000);
