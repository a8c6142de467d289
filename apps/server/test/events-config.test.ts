import { describe, expect, it } from "vitest";
import { configFromEnv } from "../src/config";
import { EnvError, readEnv } from "../src/env";

describe("configuration of files.onCompleted", () => {
  it.each([
    ["HOIST_EVENT_RETENTION_HOURS", { HOIST_EVENT_RETENTION_HOURS: "0" }],
    ["HOIST_EVENT_RETENTION_HOURS", { HOIST_EVENT_RETENTION_HOURS: "a week" }],
    ["HOIST_EVENT_SUBJECTS", { HOIST_EVENT_SUBJECTS: "indexer,,billing" }],
    ["HOIST_EVENT_SUBJECTS", { HOIST_EVENT_SUBJECTS: "index er" }],
  ])("a bad %s stops start-up with a message naming it", (name, env) => {
    expect(() => readEnv(env)).toThrow(EnvError);
    expect(() => readEnv(env)).toThrow(name);
  });

  it("defaults to no subjects and a week of retention; subjects are a comma-separated list", () => {
    expect(configFromEnv(readEnv({})).events).toEqual({ subjects: [], retentionHours: 168 });
    const set = readEnv({ HOIST_EVENT_SUBJECTS: " indexer , billing-svc ", HOIST_EVENT_RETENTION_HOURS: "24" });
    expect(configFromEnv(set).events).toEqual({ subjects: ["indexer", "billing-svc"], retentionHours: 24 });
  });
});
