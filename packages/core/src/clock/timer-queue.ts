/** What the queue needs from a timer: its due time, its arming order, and a slot for its heap position. */
export interface QueuedTimer {
  /** Virtual time the timer is due at. */
  dueAt: number;
  /** Arming order; breaks ties between timers due at the same time (first armed runs first). */
  seq: number;
  /** Position in the heap, `-1` when not queued. Owned by the queue. */
  queueIndex: number;
}

/**
 * A binary min-heap of timers ordered by `(dueAt, seq)`, with O(log n)
 * removal of any timer (cancellation and re-arming are frequent: every
 * `debounceTime` value, every `timeout` reset).
 */
export class TimerQueue<T extends QueuedTimer> {
  private readonly heap: T[] = [];

  get size(): number {
    return this.heap.length;
  }

  peek(): T | undefined {
    return this.heap[0];
  }

  push(timer: T): void {
    timer.queueIndex = this.heap.length;
    this.heap.push(timer);
    this.siftUp(timer.queueIndex);
  }

  pop(): T | undefined {
    const top = this.heap[0];
    if (top !== undefined) this.removeAt(0);
    return top;
  }

  /** Removes `timer` if it is queued; returns whether it was. */
  remove(timer: T): boolean {
    const index = timer.queueIndex;
    if (index < 0 || this.heap[index] !== timer) return false;
    this.removeAt(index);
    return true;
  }

  private removeAt(index: number): void {
    const removed = this.heap[index];
    const last = this.heap.pop();
    if (removed === undefined || last === undefined) return;
    removed.queueIndex = -1;
    if (last === removed) return;
    this.place(last, index);
    this.siftDown(index);
    this.siftUp(index);
  }

  private siftUp(start: number): void {
    let index = start;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.before(index, parent)) return;
      this.swap(index, parent);
      index = parent;
    }
  }

  private siftDown(start: number): void {
    let index = start;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < this.heap.length && this.before(left, smallest)) smallest = left;
      if (right < this.heap.length && this.before(right, smallest)) smallest = right;
      if (smallest === index) return;
      this.swap(index, smallest);
      index = smallest;
    }
  }

  private before(i: number, j: number): boolean {
    const a = this.heap[i];
    const b = this.heap[j];
    if (a === undefined || b === undefined) return false;
    return a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.seq < b.seq);
  }

  private swap(i: number, j: number): void {
    const a = this.heap[i];
    const b = this.heap[j];
    if (a === undefined || b === undefined) return;
    this.place(a, j);
    this.place(b, i);
  }

  private place(timer: T, index: number): void {
    this.heap[index] = timer;
    timer.queueIndex = index;
  }
}
