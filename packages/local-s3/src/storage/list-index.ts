import { SortedList } from "./sorted-list";

/**
 * In-memory listing orders of each bucket (object keys; pending uploads), read from disk on a bucket's first
 * listing and kept up to date by the writes of this process after that. The store is one process per data
 * directory; starting it again on a directory forgets what was cached for it ({@link forgetIndexes}).
 */
const indexes = new Map<string, Promise<SortedList<unknown>>>();

const idOf = (root: string, bucket: string, kind: string): string => `${root}\0${bucket}\0${kind}`;

/** The index of `kind` for a bucket, loaded once with `load` (in any order) and sorted with `compare`. */
export function listIndex<T>(root: string, bucket: string, kind: string, load: () => Promise<T[]>, compare: (a: T, b: T) => number): Promise<SortedList<T>> {
  const id = idOf(root, bucket, kind);
  let index = indexes.get(id) as Promise<SortedList<T>> | undefined;
  if (index === undefined) {
    index = load().then((items) => new SortedList(compare, items));
    indexes.set(id, index as Promise<SortedList<unknown>>);
    // A failed load (e.g. EMFILE) is retried by the next listing rather than remembered.
    index.catch(() => indexes.delete(id));
  }
  return index;
}

/**
 * Applies a write that is already on disk to the index, when one is loaded or loading (after its load, which
 * may or may not have seen the write: insert and remove are idempotent). An index not loaded yet reads the
 * write from disk when it is.
 */
export async function updateIndex<T>(root: string, bucket: string, kind: string, change: (index: SortedList<T>) => void): Promise<void> {
  const index = indexes.get(idOf(root, bucket, kind)) as Promise<SortedList<T>> | undefined;
  if (index !== undefined) await index.then(change, () => undefined);
}

/** Drops every index cached for a data directory: another process may have changed it since. */
export function forgetIndexes(root: string): void {
  for (const id of indexes.keys()) if (id.startsWith(`${root}\0`)) indexes.delete(id);
}
