import type { FeedCursor } from './feed-cursor';

/**
 * A binary min-heap of feed cursors ordered by head time, ties broken by
 * feed index (so equal times keep the order the feeds were given in). The
 * merge holds one entry per feed: memory is O(feeds), never O(events).
 */
export class CursorHeap {
  private readonly items: FeedCursor[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): FeedCursor | undefined {
    return this.items[0];
  }

  push(cursor: FeedCursor): void {
    cursor.heapIndex = this.items.length;
    this.items.push(cursor);
    this.siftUp(cursor.heapIndex);
  }

  /** Removes and returns the earliest cursor. */
  pop(): FeedCursor | undefined {
    const top = this.items[0];
    const last = this.items.pop();
    if (top === undefined || last === undefined) return undefined;
    top.heapIndex = -1;
    if (last !== top) {
      this.place(last, 0);
      this.siftDown(0);
    }
    return top;
  }

  /** Restores order after the top cursor's head time grew. */
  updateTop(): void {
    this.siftDown(0);
  }

  private siftUp(start: number): void {
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(start: number): void {
    const n = this.items.length;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < n && this.before(left, smallest)) smallest = left;
      if (right < n && this.before(right, smallest)) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }

  private before(i: number, j: number): boolean {
    const a = this.items[i] as FeedCursor;
    const b = this.items[j] as FeedCursor;
    return a.headTime < b.headTime || (a.headTime === b.headTime && a.index < b.index);
  }

  private swap(i: number, j: number): void {
    const a = this.items[i] as FeedCursor;
    const b = this.items[j] as FeedCursor;
    this.place(a, j);
    this.place(b, i);
  }

  private place(cursor: FeedCursor, index: number): void {
    this.items[index] = cursor;
    cursor.heapIndex = index;
  }
}
