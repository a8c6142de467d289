#!/usr/bin/env bash
# rgw.sh SHARED WORK: install Ceph if missing, start a throwaway RGW, run the S3 conformance suite and the API suite
# against it (provider profile "ceph"). The API suite's Postgres variant already ran on local-s3, so PGlite here.
set -uo pipefail
SHARED=$1 WORK=$2
if ! command -v radosgw >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    ceph-mon ceph-osd radosgw >/dev/null) || { echo "rgw: cannot install ceph" >&2; exit 1; }
fi
# A free port whose neighbour (the monitor's, PORT+1) is free too.
port=$(node -e '
const net = require("net");
const free = (p) => new Promise((ok) => { const s = net.createServer().once("error", () => ok(false)).listen(p, "127.0.0.1", () => s.close(() => ok(true))); });
(async () => { for (;;) { const p = 20000 + Math.floor(Math.random() * 30000); if ((await free(p)) && (await free(p + 1))) { console.log(p); return; } } })();')
mkdir -p "$WORK/rgw"
out=$(bash "$SHARED/s3/rgw-up.sh" "$WORK/rgw" "$port") || { echo "rgw: rgw-up failed" >&2; exit 1; }
echo "$out"
get() { printf '%s\n' "$out" | sed -n "s/^$1=//p"; }
export HOIST_TEST_S3_ENDPOINT=$(get endpoint) HOIST_TEST_S3_ACCESS_KEY_ID=$(get access_key) \
  HOIST_TEST_S3_SECRET_ACCESS_KEY=$(get secret_key) HOIST_TEST_S3_REGION=$(get region) \
  HOIST_TEST_S3_BUCKET=hoist-ci HOIST_TEST_S3_PROVIDER=ceph
status=0
HOIST_VITEST_JSON="$WORK/vitest-rgw-conformance.json" pnpm vitest run --project local-s3 test/conformance || status=1
HOIST_VITEST_JSON="$WORK/vitest-rgw-api.json" HOIST_TEST_SKIP_POSTGRES=1 pnpm vitest run --project server || status=1
# The upload engine against a real S3 implementation (the fault suites need parts under 5 MiB: local-s3 only).
HOIST_VITEST_JSON="$WORK/vitest-rgw-engine.json" pnpm vitest run --project client test/engine || status=1
HOIST_VITEST_JSON="$WORK/vitest-rgw-browser.json" pnpm vitest run --project client test/browser || status=1
exit $status
