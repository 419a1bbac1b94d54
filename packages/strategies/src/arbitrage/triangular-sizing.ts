import type { OrderBookView } from '@arbot/core';
import { baseForQuote, ceilSteps, FloatWalk, floorSteps, REL_EPS, SideLevels, walkBase } from './float-walk';
import type { MarketSpec } from './market-spec';

/** One leg of a triangle as the sizer sees it. */
export interface TriangleHopInput {
  readonly view: OrderBookView;
  readonly spec: MarketSpec;
  /** `true` when the leg buys (spends the market's quote), `false` when it sells (spends the base). */
  readonly buys: boolean;
  /**
   * Most of the spent asset the leg may use, `Infinity` for no limit: the
   * free balance of that asset, and for the first leg also the notional cap.
   */
  readonly inputCap: number;
}

/** How many best candidates are kept for the exact check. */
const KEPT = 3;

/**
 * Sizes a triangle on the grid of its first leg's amount step.
 *
 * The plan for a first-leg amount `a` (a multiple of that leg's step) is
 * fixed: each later leg converts everything the previous one delivered (up
 * to the free balance of what it spends and the depth of its book), rounded
 * down to its own step; leftovers (dust) are kept and valued at zero. Fees
 * are taken from what each leg receives.
 *
 * 1. The continuous relaxation (no rounding after the first leg) is concave
 *    and piecewise linear in `a`: walking the three books level by level and
 *    propagating each hop's rate gives its breakpoints and its maximum
 *    exactly (`continuous`).
 * 2. Rounding only loses value, so the rounded net at `a` is at most the
 *    continuous net there. The grid is scanned outward from the continuous
 *    optimum, evaluating each rounded plan exactly in floats, and each
 *    direction stops where the continuous net falls below the best rounded
 *    net found (or the threshold): nothing beyond can beat it. The result is
 *    the best grid amount — unless `budget` evaluations run out first
 *    (`truncated`), in which case it is the best of the `budget` amounts
 *    nearest the continuous optimum, short of the true best by at most the
 *    rounding dust of legs 2 and 3 (plus one grid step of leg 1).
 */
export class TriangleSizer {
  /** Grid indices (first-leg amount / step) of the best feasible plans, best first. */
  readonly candidates = new Float64Array(KEPT);
  /** Their float net profits. */
  readonly candidateNets = new Float64Array(KEPT);
  candidateCount = 0;
  /** Rounded plans evaluated by the last `size`. */
  evaluations = 0;
  /** Whether the last `size` stopped on its budget before the scan was exhaustive. */
  truncated = false;
  /** Float noise allowance of the last `size`'s net figures. */
  slack = 0;

  private readonly walk = new FloatWalk();
  /** The side each leg takes (asks for a buy, bids for a sell), copied once per `size`. */
  private readonly sides = [new SideLevels(), new SideLevels(), new SideLevels()] as const;
  private readonly level = new Int32Array(3);
  private readonly price = new Float64Array(3);
  private readonly left = new Float64Array(3);
  private readonly levelSize = new Float64Array(3);
  private readonly inPerOrder = new Float64Array(3);
  private readonly outPerOrder = new Float64Array(3);
  private breakA = new Float64Array(64);
  private breakNet = new Float64Array(64);
  private breaks = 0;

  /**
   * Sizes the triangle; returns whether any plan with a float net ≥ `floor`
   * (less float slack) exists. `haircut` is a fraction of the amount spent.
   */
  size(hops: readonly [TriangleHopInput, TriangleHopInput, TriangleHopInput], haircut: number, floor: number, budget: number): boolean {
    this.candidateCount = 0;
    this.evaluations = 0;
    this.truncated = false;
    for (let h = 0; h < 3; h++) {
      const hop = hops[h] as TriangleHopInput;
      this.sides[h as 0 | 1 | 2].load(hop.view, hop.buys);
    }
    const spentAtPeak = this.continuous(hops, haircut, floor);
    let peak = 0;
    for (let i = 1; i < this.breaks; i++) if ((this.breakNet[i] as number) > (this.breakNet[peak] as number)) peak = i;
    const peakNet = this.breakNet[peak] as number;
    const slack = 1e-9 * (1 + Math.abs(peakNet) + spentAtPeak);
    this.slack = slack;
    if (peakNet < floor - slack) return false;

    const first = hops[0].spec;
    const step = first.amountStep;
    const kMin = Math.max(1, ceilSteps(first.minAmount, step));
    const kMax = floorSteps(first.maxAmount, step);
    let down = Math.min(floorSteps(this.breakA[peak] as number, step), kMax);
    let up = down + 1;
    if (up < kMin) up = kMin;
    let goDown = down >= kMin;
    let goUp = up <= kMax;
    let best = Number.NEGATIVE_INFINITY;
    while ((goDown || goUp) && this.evaluations < budget) {
      if (goDown) {
        if (this.continuousNet(down * step) + slack < Math.max(floor, best)) goDown = false;
        else {
          best = Math.max(best, this.consider(hops, haircut, down, floor - slack));
          down--;
          goDown = down >= kMin;
        }
      }
      if (goUp && this.evaluations < budget) {
        if (this.continuousNet(up * step) + slack < Math.max(floor, best)) goUp = false;
        else {
          best = Math.max(best, this.consider(hops, haircut, up, floor - slack));
          up++;
          goUp = up <= kMax;
        }
      }
    }
    this.truncated = goDown || goUp;
    return this.candidateCount > 0;
  }

  /**
   * The float net of the rounded plan whose first leg trades `k` steps, or
   * `NaN` when that plan breaks a limit or a book cannot fill it. Reads the
   * levels copied by the last `size`.
   */
  evaluate(hops: readonly [TriangleHopInput, TriangleHopInput, TriangleHopInput], haircut: number, k: number): number {
    const walk = this.walk;
    const first = hops[0];
    const a0 = k * first.spec.amountStep;
    walkBase(this.sides[0], a0, walk);
    if (!walk.complete || !fits(first.spec, a0, walk.worst)) return Number.NaN;
    const spent = first.buys ? walk.cost : a0;
    if (spent > first.inputCap * (1 + REL_EPS)) return Number.NaN;
    let carry = first.buys ? a0 * (1 - first.spec.taker) : walk.cost * (1 - first.spec.taker);
    for (let h = 1; h < 3; h++) {
      const hop = hops[h] as TriangleHopInput;
      const side = this.sides[h as 1 | 2];
      const available = Math.min(carry, hop.inputCap);
      const step = hop.spec.amountStep;
      let amount: number;
      if (hop.buys) amount = floorSteps(baseForQuote(side, available), step) * step;
      else amount = floorSteps(walkBase(side, available, walk).filled, step) * step;
      if (!(amount > 0)) return Number.NaN;
      walkBase(side, amount, walk);
      if (!walk.complete || !fits(hop.spec, amount, walk.worst)) return Number.NaN;
      carry = hop.buys ? amount * (1 - hop.spec.taker) : walk.cost * (1 - hop.spec.taker);
    }
    return carry - spent * (1 + haircut);
  }

  /** Evaluates grid index `k` and keeps it among the best candidates; returns its net (−∞ when infeasible or below `floor`). */
  private consider(
    hops: readonly [TriangleHopInput, TriangleHopInput, TriangleHopInput],
    haircut: number,
    k: number,
    floor: number,
  ): number {
    this.evaluations++;
    const net = this.evaluate(hops, haircut, k);
    if (!(net >= floor)) return Number.NEGATIVE_INFINITY;
    let at = Math.min(this.candidateCount, KEPT);
    while (at > 0 && net > (this.candidateNets[at - 1] as number)) at--;
    if (at >= KEPT) return net;
    for (let i = Math.min(this.candidateCount, KEPT - 1); i > at; i--) {
      this.candidates[i] = this.candidates[i - 1] as number;
      this.candidateNets[i] = this.candidateNets[i - 1] as number;
    }
    this.candidates[at] = k;
    this.candidateNets[at] = net;
    if (this.candidateCount < KEPT) this.candidateCount++;
    return net;
  }

  /**
   * Walks the unrounded plan as a function of the first leg's amount `a`,
   * recording `(a, net)` at every breakpoint: a level boundary of any book, a
   * later leg running out of balance or depth (it then takes no more, so the
   * legs after it freeze), or the first leg reaching its cap or depth (the
   * end). Stops early once the net is falling and below `floor`. Returns the
   * amount spent at the optimum (for float slack).
   */
  private continuous(hops: readonly [TriangleHopInput, TriangleHopInput, TriangleHopInput], haircut: number, floor: number): number {
    const { left, levelSize, inPerOrder, outPerOrder } = this;
    const caps = [hops[0].inputCap, hops[1].inputCap, hops[2].inputCap];
    let inLeft0 = caps[0] as number;
    let inLeft1 = caps[1] as number;
    let inLeft2 = caps[2] as number;
    const orderCap0 = hops[0].spec.maxAmount;
    let orderLeft0 = orderCap0;
    let frozen1 = false;
    let frozen2 = false;
    for (let h = 0; h < 3; h++) {
      this.level[h] = -1;
      if (!this.nextLevel(hops, h)) {
        if (h === 0) {
          this.breaks = 1;
          this.breakA[0] = 0;
          this.breakNet[0] = 0;
          return 0;
        }
        if (h === 1) frozen1 = true;
        else frozen2 = true;
      }
    }
    let a = 0;
    let net = 0;
    let spent = 0;
    let bestNet = 0;
    let spentAtBest = 0;
    this.breaks = 0;
    this.push(0, 0);
    // every iteration ends a level or a leg, so this bounds the walk
    const guard = this.sides[0].count + this.sides[1].count + this.sides[2].count + 8;
    for (let iteration = 0; iteration < guard; iteration++) {
      const dIn0 = inPerOrder[0] as number;
      const dOut0 = outPerOrder[0] as number;
      const dIn1 = frozen1 ? 0 : dOut0;
      const dOrder1 = dIn1 / (inPerOrder[1] as number);
      const dOut1 = dOrder1 * (outPerOrder[1] as number);
      const dIn2 = frozen2 ? 0 : dOut1;
      const dOrder2 = dIn2 / (inPerOrder[2] as number);
      const dOut2 = dOrder2 * (outPerOrder[2] as number);
      const marginal = dOut2 - dIn0 * (1 + haircut);
      if (marginal <= 0 && net < floor) break;
      let d = Math.min(left[0] as number, orderLeft0, inLeft0 / dIn0);
      if (dIn1 > 0) d = Math.min(d, (left[1] as number) / dOrder1, inLeft1 / dIn1);
      if (dIn2 > 0) d = Math.min(d, (left[2] as number) / dOrder2, inLeft2 / dIn2);
      if (!(d > 0)) d = 0;
      a += d;
      net += marginal * d;
      spent += d * dIn0;
      if (net > bestNet) {
        bestNet = net;
        spentAtBest = spent;
      }
      left[0] = (left[0] as number) - d;
      orderLeft0 -= d;
      inLeft0 -= d * dIn0;
      if (dIn1 > 0) {
        left[1] = (left[1] as number) - d * dOrder1;
        inLeft1 -= d * dIn1;
      }
      if (dIn2 > 0) {
        left[2] = (left[2] as number) - d * dOrder2;
        inLeft2 -= d * dIn2;
      }
      this.push(a, net);
      if (exhausted(orderLeft0, orderCap0) || exhausted(inLeft0, caps[0] as number)) break;
      if (exhausted(left[0] as number, levelSize[0] as number) && !this.nextLevel(hops, 0)) break;
      if (!frozen1 && dIn1 > 0) {
        if (exhausted(inLeft1, caps[1] as number)) frozen1 = true;
        else if (exhausted(left[1] as number, levelSize[1] as number) && !this.nextLevel(hops, 1)) frozen1 = true;
      }
      if (!frozen2 && dIn2 > 0) {
        if (exhausted(inLeft2, caps[2] as number)) frozen2 = true;
        else if (exhausted(left[2] as number, levelSize[2] as number) && !this.nextLevel(hops, 2)) frozen2 = true;
      }
    }
    return spentAtBest;
  }

  /** Moves hop `h` to its next level; `false` when the book has no more. */
  private nextLevel(hops: readonly [TriangleHopInput, TriangleHopInput, TriangleHopInput], h: number): boolean {
    const hop = hops[h] as TriangleHopInput;
    const side = this.sides[h as 0 | 1 | 2];
    const i = (this.level[h] as number) + 1;
    if (i >= side.count) return false;
    const price = side.price[i] as number;
    const amount = side.amount[i] as number;
    this.level[h] = i;
    this.price[h] = price;
    this.left[h] = amount;
    this.levelSize[h] = amount;
    // Per unit of the leg's order amount (base): a buy spends `price` quote and keeps 1 − fee base;
    // a sell spends 1 base and keeps price × (1 − fee) quote.
    this.inPerOrder[h] = hop.buys ? price : 1;
    this.outPerOrder[h] = hop.buys ? 1 - hop.spec.taker : price * (1 - hop.spec.taker);
    return true;
  }

  private push(a: number, net: number): void {
    if (this.breaks === this.breakA.length) {
      const grownA = new Float64Array(this.breaks * 2);
      const grownNet = new Float64Array(this.breaks * 2);
      grownA.set(this.breakA);
      grownNet.set(this.breakNet);
      this.breakA = grownA;
      this.breakNet = grownNet;
    }
    this.breakA[this.breaks] = a;
    this.breakNet[this.breaks] = net;
    this.breaks++;
  }

  /** The continuous net at first-leg amount `a` (linear between breakpoints); −∞ past the walked range. */
  private continuousNet(a: number): number {
    const n = this.breaks;
    const xs = this.breakA;
    const last = xs[n - 1] as number;
    if (a > last * (1 + REL_EPS)) return Number.NEGATIVE_INFINITY;
    if (a >= last) return this.breakNet[n - 1] as number;
    let lo = 0;
    let hi = n - 1;
    // xs[lo] <= a < xs[hi]
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if ((xs[mid] as number) <= a) lo = mid;
      else hi = mid;
    }
    const x0 = xs[lo] as number;
    const x1 = xs[hi] as number;
    const y0 = this.breakNet[lo] as number;
    const y1 = this.breakNet[hi] as number;
    return x1 > x0 ? y0 + ((y1 - y0) * (a - x0)) / (x1 - x0) : Math.max(y0, y1);
  }
}

/** Whether a leg of `amount` with worst price `worst` meets its market's amount and notional limits (float, lenient). */
function fits(spec: MarketSpec, amount: number, worst: number): boolean {
  const notional = amount * worst;
  return (
    amount >= spec.minAmount * (1 - REL_EPS) &&
    amount <= spec.maxAmount * (1 + REL_EPS) &&
    notional >= spec.minCost * (1 - REL_EPS) &&
    notional <= spec.maxCost * (1 + REL_EPS)
  );
}

/** Whether what is left of `size` is used up (an unbounded size never is). */
function exhausted(left: number, size: number): boolean {
  return size !== Number.POSITIVE_INFINITY && left <= size * REL_EPS;
}
