import { createStore, del, entries, get, set } from "idb-keyval";
import type { ResumeRecord, ResumeStore } from "../types";

/**
 * Resume records in IndexedDB (database `hoist`, store `resume` unless named), through idb-keyval: a tiny,
 * well-kept promise wrapper, so no hand-written IDB request plumbing. Survives reloads and browser restarts.
 */
export function idbResumeStore(dbName = "hoist", storeName = "resume"): ResumeStore {
  const store = createStore(dbName, storeName);
  return {
    get: (fingerprint) => get<ResumeRecord>(fingerprint, store),
    set: (fingerprint, record) => set(fingerprint, record, store),
    delete: (fingerprint) => del(fingerprint, store),
    list: async () => (await entries<string, ResumeRecord>(store)).map(([, record]) => record),
  };
}
