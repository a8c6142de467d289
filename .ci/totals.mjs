// Adds up vitest JSON reports and prints the line CI counts: "N passed, N failed, N skipped".
// A report that is missing (the run crashed before writing it) counts as one failure, so it cannot pass silently.
import { existsSync, readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  const name = file.split("/").pop();
  if (!existsSync(file)) {
    console.log(`${name}: missing (that run did not finish)`);
    failed += 1;
    continue;
  }
  const r = JSON.parse(readFileSync(file, "utf8"));
  const skips = r.numPendingTests + r.numTodoTests;
  console.log(`${name}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skips} skipped`);
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += skips;
}
if (process.argv.length <= 2) failed += 1;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
