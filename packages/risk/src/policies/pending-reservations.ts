interface Entry<T> {
  readonly id: string;
  expiresAt: number;
  payload: T;
  live: boolean;
}

/**
 * What approved opportunities hold until their execution report arrives or
 * their time-to-live passes. All reservations share one TTL, so insertion
 * order is expiry order and expiring is a walk from the head of a queue.
 */
export class PendingReservations<T> {
  readonly #ttlMs: number;
  readonly #byId = new Map<string, Entry<T>>();
  #queue: Entry<T>[] = [];
  #head = 0;

  constructor(ttlMs: number) {
    this.#ttlMs = ttlMs;
  }

  get size(): number {
    return this.#byId.size;
  }

  /** Adds a reservation; one already held under the same id is released first and returned. */
  add(id: string, payload: T, now: number): T | undefined {
    const tail = this.#queue[this.#queue.length - 1];
    if (tail?.live && tail.id === id) {
      // Re-reserving the newest reservation: releasing it and queueing a new one would put the new one in the
      // same (last) place, so renew it where it stands and spare the Map and queue churn.
      const previous = tail.payload;
      tail.expiresAt = now + this.#ttlMs;
      tail.payload = payload;
      return previous;
    }
    const previous = this.release(id);
    const entry: Entry<T> = { id, expiresAt: now + this.#ttlMs, payload, live: true };
    this.#byId.set(id, entry);
    this.#queue.push(entry);
    // Released entries wait in the queue until their expiry; drop them early when they dominate it.
    const queued = this.#queue.length - this.#head;
    if (queued > 1024 && queued > 4 * this.#byId.size) {
      this.#queue = this.#queue.slice(this.#head).filter((e) => e.live);
      this.#head = 0;
    }
    return previous;
  }

  /** Releases the reservation held under `id` and returns its payload. */
  release(id: string): T | undefined {
    const entry = this.#byId.get(id);
    if (entry === undefined) return undefined;
    entry.live = false;
    this.#byId.delete(id);
    return entry.payload;
  }

  /** Releases every reservation whose TTL has passed at `now`, handing each payload to `onExpired`. */
  expire(now: number, onExpired: (payload: T) => void): void {
    while (this.#head < this.#queue.length) {
      const entry = this.#queue[this.#head];
      if (entry === undefined || entry.expiresAt > now) break;
      this.#head++;
      if (entry.live) {
        entry.live = false;
        this.#byId.delete(entry.id);
        onExpired(entry.payload);
      }
    }
    if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
  }
}
