/**
 * `pnpm --filter @hoist/cli bench [start-up|throughput|checksum|memory|round-trips|stdin ...]`: runs the engine benchmarks
 * one after another (all by default). They print figures and ratios against goals; they are not tests and never fail the
 * command on a missed goal, only on a crash.
 */
import { runChecksum } from "./checksum";
import { runMemory } from "./memory";
import { runRoundTrips } from "./round-trips";
import { runStartUp } from "./start-up";
import { runStdin } from "./stdin";
import { runThroughput } from "./throughput";

const BENCHES: Record<string, () => Promise<void> | void> = {
  "start-up": runStartUp,
  "round-trips": runRoundTrips,
  throughput: runThroughput,
  checksum: runChecksum,
  memory: runMemory,
  stdin: runStdin,
};

const picked = process.argv.slice(2);
for (const name of picked.length > 0 ? picked : Object.keys(BENCHES)) {
  const bench = BENCHES[name];
  if (!bench) throw new Error(`unknown bench ${name}; one of ${Object.keys(BENCHES).join(", ")}`);
  console.log(`\n== ${name}`);
  await bench();
}
