import { type BalanceSnapshot, type Clock, type Market, NonNegativeDecimal, parseWith } from '@arbot/core';
import { z } from 'zod';
import { RiskReason } from '../decision/reason-code';
import { approve, type PolicyVerdict, reject, resizeBy } from '../decision/verdict';
import { decimalToNumber } from '../policy/decimal-number';
import type { CandidateLeg, RiskCandidate } from '../policy/risk-candidate';
import type { RiskPolicy } from '../policy/risk-policy';
import { CountedSum } from './counted-sums';
import { PendingReservations } from './pending-reservations';

/** Options of {@link inventoryLimits}. */
export const InventoryLimitsOptionsSchema = z.object({
  /** Amount of an asset never spent, per venue: `{ USDT: 100, BTC: '0.01' }`. */
  reserve: z
    .record(
      z.string().min(1),
      NonNegativeDecimal.transform((d) => d.toNumber()),
    )
    .default({}),
  /** Fraction of each asset's total balance (free + locked) never spent, per venue; the larger of this and `reserve` applies. */
  reserveRatio: z.number().min(0).max(1).default(0),
  /** Count the market's taker fee on top of what a buy spends (default true). */
  includeFees: z.boolean().default(true),
  /** How long an approval holds the balance it needs when no execution report arrives, ms. */
  reservationTtlMs: z.number().int().positive().default(60_000),
  name: z.string().min(1).default('inventoryLimits'),
});
/** What {@link inventoryLimits} accepts. */
export type InventoryLimitsOptions = z.input<typeof InventoryLimitsOptionsSchema>;

/** What the inventory policy believes is spendable on one venue. */
export interface InventorySnapshot {
  /** `free − reserve − pending` per asset, in asset units. */
  readonly available: Readonly<Record<string, number>>;
}

/**
 * The inventory policy, with a view of what it considers spendable.
 *
 * @example
 * ```ts
 * const inventory = inventoryLimits({ reserve: { USDT: 100 } });
 * inventory.inventory('binance')?.available.USDT;
 * ```
 */
export interface InventoryLimitsPolicy extends RiskPolicy {
  /** Spendable amounts on a venue (after reserve and pending approvals); `undefined` before its first balance snapshot. */
  inventory(venue: string): InventorySnapshot | undefined;
}

/** One asset on one venue: the latest snapshot's figures and what approvals hold of it. */
interface AssetSlot {
  free: number;
  total: number;
  /** The larger of the configured reserve and `reserveRatio × total`. */
  reserve: number;
  /** Whether the venue's latest snapshot lists the asset. */
  listed: boolean;
  readonly pending: CountedSum;
}

/** One venue's assets; `snapshot` turns true with the venue's first balance snapshot. */
interface VenueInventory {
  snapshot: boolean;
  readonly assets: Map<string, AssetSlot>;
}

/** What an approval holds: per leg, the slot it spends from and how much. */
interface Reservation {
  readonly slots: readonly AssetSlot[];
  readonly needs: readonly number[];
}

/**
 * Checks that every leg can be paid from the balance on its own venue
 * (legs are placed concurrently, so each venue must hold what its legs
 * spend): a buy spends quote, `amount × priceLimit × (1 + taker fee)`; a
 * sell spends base, `amount`. Legs spending the same asset on the same venue
 * add up. Spendable is `free − reserve − pending`, where the reserve is the
 * larger of `reserve[asset]` and `reserveRatio × (free + locked)` and pending
 * is what earlier approvals hold until their execution report arrives
 * (`reports$`) or `reservationTtlMs` passes.
 *
 * Resizes to the largest scale every leg can pay (`INSUFFICIENT_BALANCE`,
 * details `venue`, `asset`, `needed`, `available`), rejects with
 * `INSUFFICIENT_BALANCE` when nothing is spendable and with
 * `NO_BALANCE_DATA` before a venue's first snapshot.
 *
 * @example
 * ```ts
 * const gate = riskGate([inventoryLimits({ reserve: { USDT: 500 }, reserveRatio: 0.05 })],
 *   { clock, markets, balances$: merge(binance.balances$(), okx.balances$()), reports$ });
 * ```
 */
export function inventoryLimits(options: InventoryLimitsOptions = {}): InventoryLimitsPolicy {
  const o = parseWith(InventoryLimitsOptionsSchema, options, 'inventoryLimits options');
  const venues = new Map<string, VenueInventory>();
  const reservations = new PendingReservations<Reservation>(o.reservationTtlMs);
  const takerRates = new WeakMap<Market, number>();
  let clock: Clock | undefined;

  const unreserve = ({ slots, needs }: Reservation): void => {
    for (let i = 0; i < slots.length; i++) slots[i]?.pending.remove(needs[i] ?? 0);
  };
  const venueOf = (venue: string): VenueInventory => {
    let inventory = venues.get(venue);
    if (inventory === undefined) {
      inventory = { snapshot: false, assets: new Map() };
      venues.set(venue, inventory);
    }
    return inventory;
  };
  const reserveOf = (asset: string, total: number): number => Math.max(o.reserve[asset] ?? 0, o.reserveRatio * total);
  const slotOf = (inventory: VenueInventory, asset: string): AssetSlot => {
    let slot = inventory.assets.get(asset);
    if (slot === undefined) {
      slot = { free: 0, total: 0, reserve: reserveOf(asset, 0), listed: false, pending: new CountedSum() };
      inventory.assets.set(asset, slot);
    }
    return slot;
  };
  const spentAsset = (leg: CandidateLeg): string => (leg.side === 'buy' ? leg.quote : leg.base);
  const needOf = (leg: CandidateLeg): number => {
    if (leg.side === 'sell') return leg.amount;
    return leg.amount * leg.priceLimit * (1 + (o.includeFees ? takerRate(leg.market) : 0));
  };
  const takerRate = (market: Market | undefined): number => {
    if (market === undefined) return 0;
    let rate = takerRates.get(market);
    if (rate === undefined) {
      rate = Math.max(0, market.fees.taker.toNumber());
      takerRates.set(market, rate);
    }
    return rate;
  };
  /** `free − reserve − pending` of a slot. */
  const available = (slot: AssetSlot): number => slot.free - slot.reserve - slot.pending.get();
  /** What `available` gives for an asset on a venue whose balances are known (nothing held: minus its reserve). */
  const spendable = (inventory: VenueInventory, asset: string): number => {
    const slot = inventory.assets.get(asset);
    return slot === undefined ? -reserveOf(asset, 0) : available(slot);
  };

  // What evaluate resolved for the last candidate (each leg's slot and need): the gate approves the candidate it
  // evaluated last unless a later policy resized it, so onApproved usually reserves without resolving again.
  let resolved: { readonly candidate: RiskCandidate; readonly reservation: Reservation } | undefined;
  const resolve = (candidate: RiskCandidate): Reservation => {
    if (resolved?.candidate === candidate) return resolved.reservation;
    const legs = candidate.legs;
    const slots: AssetSlot[] = new Array(legs.length);
    const needs: number[] = new Array(legs.length);
    for (let i = 0; i < legs.length; i++) {
      const leg = legs[i] as CandidateLeg;
      slots[i] = slotOf(venueOf(leg.venue), spentAsset(leg));
      needs[i] = needOf(leg);
    }
    const reservation = { slots, needs };
    resolved = { candidate, reservation };
    return reservation;
  };

  const evaluate = (candidate: RiskCandidate, now: number): PolicyVerdict => {
    reservations.expire(now, unreserve);
    const legs = candidate.legs;
    for (const leg of legs) {
      const inventory = venues.get(leg.venue);
      if (inventory === undefined || !inventory.snapshot)
        return reject(RiskReason.NO_BALANCE_DATA, { venue: leg.venue, asset: spentAsset(leg) });
    }
    const { slots, needs } = resolve(candidate);
    let scale = 1;
    let binding: { venue: string; asset: string; needed: number; available: number; free: number } | undefined;
    for (let i = 0; i < legs.length; i++) {
      const slot = slots[i] as AssetSlot;
      // Legs spending the same asset on the same venue share one slot: count them once, with all their needs.
      let repeated = false;
      for (let j = 0; j < i; j++) if (slots[j] === slot) repeated = true;
      if (repeated) continue;
      let needed = 0;
      for (let j = i; j < legs.length; j++) if (slots[j] === slot) needed += needs[j] as number;
      const spendableNow = available(slot);
      const s = spendableNow / needed;
      if (s < scale) {
        scale = s;
        const leg = legs[i] as CandidateLeg;
        binding = { venue: leg.venue, asset: spentAsset(leg), needed, available: spendableNow, free: slot.free };
      }
    }
    if (binding === undefined || scale >= 1) return approve();
    return scale > 0 ? resizeBy(scale, RiskReason.INSUFFICIENT_BALANCE, binding) : reject(RiskReason.INSUFFICIENT_BALANCE, binding);
  };

  const applySnapshot = (snapshot: BalanceSnapshot): void => {
    const inventory = venueOf(snapshot.venue);
    inventory.snapshot = true;
    // Slots live on across snapshots (they carry what approvals hold); an asset the snapshot omits has nothing.
    for (const slot of inventory.assets.values()) {
      slot.free = 0;
      slot.total = 0;
      slot.listed = false;
    }
    for (const b of snapshot.balances) {
      const slot = slotOf(inventory, b.asset);
      slot.free = decimalToNumber(b.free);
      slot.total = decimalToNumber(b.free.plus(b.locked));
      slot.listed = true;
    }
    for (const [asset, slot] of inventory.assets) slot.reserve = reserveOf(asset, slot.total);
  };

  return {
    name: o.name,
    requires: ['balances$'],
    evaluate: (candidate, context) => evaluate(candidate, context.now),
    onApproved(candidate, now) {
      const reservation = resolve(candidate);
      resolved = undefined; // reserved once: a later approval of the same candidate object resolves again
      for (let i = 0; i < reservation.slots.length; i++) reservation.slots[i]?.pending.add(reservation.needs[i] ?? 0);
      const replaced = reservations.add(candidate.opportunity.id, reservation, now);
      if (replaced !== undefined) unreserve(replaced);
    },
    connect(env) {
      clock = env.clock;
      const subscription = env.balances$.subscribe(applySnapshot);
      subscription.add(
        env.reports$.subscribe((report) => {
          const released = reservations.release(report.opportunityId);
          if (released !== undefined) unreserve(released);
        }),
      );
      return subscription;
    },
    inventory(venue) {
      if (clock !== undefined) reservations.expire(clock.now(), unreserve);
      const inventory = venues.get(venue);
      if (inventory === undefined || !inventory.snapshot) return undefined;
      const listed = [...inventory.assets].filter(([, slot]) => slot.listed).map(([asset]) => asset);
      const available: Record<string, number> = {};
      for (const asset of new Set([...listed, ...Object.keys(o.reserve)])) available[asset] = spendable(inventory, asset);
      return { available };
    },
  };
}
