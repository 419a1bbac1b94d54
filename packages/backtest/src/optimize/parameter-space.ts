import { parseWith } from '@arbot/core';
import { z } from 'zod';

const Finite = z.number().refine(Number.isFinite, { message: 'must be a finite number' });

const IntParameter = z
  .object({
    type: z.literal('int'),
    min: z.number().int(),
    max: z.number().int(),
    /** Spacing of the values tried (default 1). */
    step: z.number().int().positive().default(1),
  })
  .refine((p) => p.min <= p.max, { message: 'min must be <= max', path: ['max'] });

const FloatParameter = z
  .object({
    type: z.literal('float'),
    min: Finite,
    max: Finite,
    /** Values a grid search tries, evenly spaced from min to max (default 5). */
    steps: z.number().int().min(2).default(5),
    /** Search on a logarithmic scale (min must be > 0). */
    log: z.boolean().default(false),
  })
  .refine((p) => p.min <= p.max, { message: 'min must be <= max', path: ['max'] })
  .refine((p) => !p.log || p.min > 0, { message: 'a log scale needs min > 0', path: ['min'] });

const ChoiceParameter = z.object({
  type: z.literal('choice'),
  values: z.array(z.union([z.string(), Finite, z.boolean()])).min(1),
});

/**
 * One dimension of a search: integers `min..max` by `step`, reals in
 * `[min, max]` (optionally on a log scale; a grid takes `steps` values), or
 * a choice among listed values.
 *
 * @example
 * ```ts
 * ParameterSpecSchema.parse({ type: 'int', min: 5, max: 50, step: 5 });
 * ```
 */
export const ParameterSpecSchema = z.discriminatedUnion('type', [IntParameter, FloatParameter, ChoiceParameter]);

/**
 * A search space: parameter name → its {@link ParameterSpecSchema} (at least one).
 *
 * @example
 * ```ts
 * ParameterSpaceSchema.parse({ fast: { type: 'int', min: 5, max: 20 }, average: { type: 'choice', values: ['sma', 'ema'] } });
 * ```
 */
export const ParameterSpaceSchema = z
  .record(z.string().min(1), ParameterSpecSchema)
  .refine((space) => Object.keys(space).length > 0, { message: 'needs at least one parameter' });

/**
 * What {@link ParameterSpaceSchema} accepts.
 *
 * @example
 * ```ts
 * const space: ParameterSpace = { fast: { type: 'int', min: 5, max: 20 }, slippageBps: { type: 'float', min: 1, max: 50, log: true } };
 * ```
 */
export type ParameterSpace = z.input<typeof ParameterSpaceSchema>;

/** A parsed {@link ParameterSpace}. */
export type ParsedParameterSpace = z.output<typeof ParameterSpaceSchema>;

/**
 * One parameter value: an int or float, or a choice's value.
 *
 * @example
 * ```ts
 * const value: ParameterValue = 'ema';
 * ```
 */
export type ParameterValue = string | number | boolean;

/**
 * One point of a search space: a value for every parameter.
 *
 * @example
 * ```ts
 * const params: Params = { fast: 10, slow: 40, average: 'ema' };
 * ```
 */
export type Params = Readonly<Record<string, ParameterValue>>;

/**
 * Validates a search space (throws a `ValidationError` naming the bad field).
 *
 * @example
 * ```ts
 * const space = parseSpace({ fast: { type: 'int', min: 5, max: 20 } });
 * ```
 */
export function parseSpace(space: ParameterSpace): ParsedParameterSpace {
  return parseWith(ParameterSpaceSchema, space, 'parameter space');
}

type Spec = z.output<typeof ParameterSpecSchema>;

/** The values a grid search tries for one parameter. */
function gridValues(spec: Spec): ParameterValue[] {
  switch (spec.type) {
    case 'int': {
      const out: number[] = [];
      for (let v = spec.min; v <= spec.max; v += spec.step) out.push(v);
      return out;
    }
    case 'float':
      return Array.from({ length: spec.steps }, (_, i) => fromUnit(spec, i / (spec.steps - 1)));
    case 'choice':
      return [...spec.values];
  }
}

/**
 * Number of points of the full grid.
 *
 * @example
 * ```ts
 * gridSize(parseSpace({ a: { type: 'int', min: 1, max: 3 }, b: { type: 'float', min: 0, max: 1, steps: 4 } })); // 12
 * ```
 */
export function gridSize(space: ParsedParameterSpace): number {
  return Object.values(space).reduce((n, spec) => n * gridValues(spec).length, 1);
}

/**
 * Every point of the grid, the first parameter varying slowest (names in
 * the order given).
 *
 * @example
 * ```ts
 * gridPoints(parseSpace({ a: { type: 'int', min: 1, max: 2 }, b: { type: 'choice', values: ['x', 'y'] } }));
 * // [{ a: 1, b: 'x' }, { a: 1, b: 'y' }, { a: 2, b: 'x' }, { a: 2, b: 'y' }]
 * ```
 */
export function gridPoints(space: ParsedParameterSpace): Params[] {
  let points: Record<string, ParameterValue>[] = [{}];
  for (const [name, spec] of Object.entries(space)) {
    const values = gridValues(spec);
    points = points.flatMap((p) => values.map((v) => ({ ...p, [name]: v })));
  }
  return points;
}

/**
 * The point of the unit cube `[0, 1]^d` a parameter set maps to, one
 * coordinate per parameter in the space's order (the search space of the
 * Gaussian process): ints and floats linearly (floats with `log` on a log
 * scale), a choice at the middle of its bucket.
 *
 * @example
 * ```ts
 * encode(parseSpace({ n: { type: 'int', min: 0, max: 10 }, m: { type: 'choice', values: ['a', 'b'] } }), { n: 5, m: 'b' }); // [0.5, 0.75]
 * ```
 */
export function encode(space: ParsedParameterSpace, params: Params): number[] {
  return Object.entries(space).map(([name, spec]) => unitOf(spec, params[name]));
}

function unitOf(spec: Spec, value: ParameterValue | undefined): number {
  switch (spec.type) {
    case 'int':
      return spec.max === spec.min ? 0.5 : ((value as number) - spec.min) / (spec.max - spec.min);
    case 'float':
      if (spec.max === spec.min) return 0.5;
      if (spec.log) return (Math.log(value as number) - Math.log(spec.min)) / (Math.log(spec.max) - Math.log(spec.min));
      return ((value as number) - spec.min) / (spec.max - spec.min);
    case 'choice':
      return (spec.values.indexOf(value as ParameterValue) + 0.5) / spec.values.length;
  }
}

/**
 * The parameter set a point of the unit cube stands for: ints rounded to
 * their step grid, floats on their scale, choices by bucket; coordinates
 * outside [0, 1] are clamped.
 *
 * @example
 * ```ts
 * decode(parseSpace({ n: { type: 'int', min: 0, max: 10 } }), [0.46]); // { n: 5 }
 * ```
 */
export function decode(space: ParsedParameterSpace, unit: readonly number[]): Params {
  const out: Record<string, ParameterValue> = {};
  Object.entries(space).forEach(([name, spec], i) => {
    const u = Math.min(1, Math.max(0, unit[i] ?? 0.5));
    switch (spec.type) {
      case 'int': {
        const steps = Math.floor((spec.max - spec.min) / spec.step);
        out[name] = spec.min + Math.round(u * steps) * spec.step;
        return;
      }
      case 'float':
        out[name] = fromUnit(spec, u);
        return;
      case 'choice':
        out[name] = spec.values[Math.min(spec.values.length - 1, Math.floor(u * spec.values.length))] as ParameterValue;
        return;
    }
  });
  return out;
}

function fromUnit(spec: Extract<Spec, { type: 'float' }>, u: number): number {
  // The ends exactly, whatever exp/log rounding would make of them.
  if (u <= 0) return spec.min;
  if (u >= 1) return spec.max;
  if (spec.log) return Math.exp(Math.log(spec.min) + u * (Math.log(spec.max) - Math.log(spec.min)));
  return spec.min + u * (spec.max - spec.min);
}

/** A stable key of a parameter set, to recognise points already tried. */
export function paramsKey(params: Params): string {
  return JSON.stringify(
    Object.keys(params)
      .sort()
      .map((k) => [k, params[k]]),
  );
}
