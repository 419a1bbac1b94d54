import { VirtualClock } from '@arbot/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { notionalLimits, riskGate } from '../../src/index';
import { PendingReservations } from '../../src/policies/pending-reservations';
import { testCatalog } from '../support/markets';
import { spatial } from '../support/opportunities';

type Step =
  | { readonly kind: 'add'; readonly id: string; readonly dt: number }
  | { readonly kind: 'release'; readonly id: string }
  | { readonly kind: 'expire'; readonly dt: number };

/** Brute-force reference: live reservations in insertion order; re-adding an id moves it to the end. */
class Reference {
  entries: { id: string; expiresAt: number; payload: number }[] = [];
  constructor(readonly ttl: number) {}
  add(id: string, payload: number, now: number): number | undefined {
    const previous = this.release(id);
    this.entries.push({ id, expiresAt: now + this.ttl, payload });
    return previous;
  }
  release(id: string): number | undefined {
    const i = this.entries.findIndex((e) => e.id === id);
    if (i < 0) return undefined;
    const [entry] = this.entries.splice(i, 1);
    return entry?.payload;
  }
  expire(now: number): number[] {
    const gone = this.entries.filter((e) => e.expiresAt <= now).map((e) => e.payload);
    this.entries = this.entries.filter((e) => e.expiresAt > now);
    return gone;
  }
}

describe('PendingReservations', () => {
  it('property: add/release/expire agree with a brute-force reference, re-adding the newest id included', () => {
    const id = fc.constantFrom('a', 'b', 'c');
    const step: fc.Arbitrary<Step> = fc.oneof(
      // Weighted towards adds of the same few ids, so that re-adding the newest reservation happens often.
      { weight: 4, arbitrary: fc.record({ kind: fc.constant('add' as const), id, dt: fc.integer({ min: 0, max: 30 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('release' as const), id }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('expire' as const), dt: fc.integer({ min: 0, max: 60 }) }) },
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), (steps) => {
        const ttl = 50;
        const subject = new PendingReservations<number>(ttl);
        const reference = new Reference(ttl);
        let now = 0;
        let payload = 0;
        for (const s of steps) {
          if (s.kind === 'add') {
            now += s.dt;
            payload++;
            expect(subject.add(s.id, payload, now)).toBe(reference.add(s.id, payload, now));
          } else if (s.kind === 'release') {
            expect(subject.release(s.id)).toBe(reference.release(s.id));
          } else {
            now += s.dt;
            const expired: number[] = [];
            subject.expire(now, (p) => expired.push(p));
            expect(expired).toEqual(reference.expire(now));
          }
          expect(subject.size).toBe(reference.entries.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('re-approving the same opportunity holds its exposure once and restarts its TTL (notionalLimits)', () => {
    const clock = new VirtualClock(0);
    const limits = notionalLimits({ maxTotalExposure: 1_000_000, reservationTtlMs: 1_000 });
    const gate = riskGate([limits], { clock, markets: testCatalog() });
    gate.connect();
    // Buy 0.5 BTC at 30 000 (15 000) + sell 0.5 at 30 100 (15 050) = 30 050 per approval.
    const op = (id: string) => spatial({ id, amount: '0.5', buyPrice: '30000', sellPrice: '30100' });
    expect(gate.evaluate(op('a')).outcome).toBe('approved');
    clock.advanceTo(600);
    expect(gate.evaluate(op('a')).outcome).toBe('approved');
    expect(limits.exposure()).toMatchObject({ total: 30_050, pending: 1 });
    // The first approval would have expired at 1 000; the renewal holds until 600 + 1 000 = 1 600.
    clock.advanceTo(1_599);
    expect(limits.exposure()).toMatchObject({ total: 30_050, pending: 1 });
    clock.advanceTo(1_600);
    expect(limits.exposure()).toMatchObject({ total: 0, pending: 0 });
  });
});
