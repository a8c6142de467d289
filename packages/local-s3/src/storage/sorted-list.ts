/**
 * Items kept in order with binary search: a listing page seeks to where it starts and reads on, so its cost is the
 * page plus a logarithm, not the whole bucket. Inserting moves the pointers after the slot (cheap next to the file
 * writes it follows).
 */
export class SortedList<T> {
  private readonly items: T[];

  constructor(
    private readonly compare: (a: T, b: T) => number,
    items: T[] = [],
  ) {
    this.items = items.sort(compare);
  }

  get length(): number {
    return this.items.length;
  }

  at(index: number): T | undefined {
    return this.items[index];
  }

  /** Index of the first item for which `reached` holds; `reached` must be false, then true, along the order. */
  seek(reached: (item: T) => boolean): number {
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (reached(this.items[mid] as T)) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  /** Adds `item`, or replaces the one that compares equal to it. */
  insert(item: T): void {
    const index = this.seek((other) => this.compare(other, item) >= 0);
    const found = index < this.items.length && this.compare(this.items[index] as T, item) === 0;
    this.items.splice(index, found ? 1 : 0, item);
  }

  /** Removes the item that compares equal to `item`, if any. */
  remove(item: T): void {
    const index = this.seek((other) => this.compare(other, item) >= 0);
    if (index < this.items.length && this.compare(this.items[index] as T, item) === 0) this.items.splice(index, 1);
  }
}
