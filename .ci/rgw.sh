#!/usr/bin/env bash
# rgw.sh SHARED WORK: install Ceph if missing, start a throwaway RGW, run the S3 conformance suite against it.
set -uo pipefail
SHARED=$1 WORK=$2
if ! command -v radosgw >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    ceph-mon ceph-osd radosgw >/dev/null) || { echo "rgw: cannot install ceph" >&2; exit 1; }
fi
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{const p=s.address().port;s.close(()=>console.log(p))})')
# rgw-up also takes PORT+1 for the monitor: retry on a new port if that one is taken
mkdir -p "$WORK/rgw"
out=$(bash "$SHARED/s3/rgw-up.sh" "$WORK/rgw" "$port") || { echo "rgw: rgw-up failed" >&2; exit 1; }
echo "$out"
get() { printf '%s\n' "$out" | sed -n "s/^$1=//p"; }
HOIST_TEST_S3_ENDPOINT=$(get endpoint) HOIST_TEST_S3_ACCESS_KEY_ID=$(get access_key) \
HOIST_TEST_S3_SECRET_ACCESS_KEY=$(get secret_key) HOIST_TEST_S3_REGION=$(get region) \
HOIST_TEST_S3_BUCKET=hoist-ci HOIST_TEST_S3_PROVIDER=ceph \
  pnpm vitest run --project local-s3 test/conformance \
  --reporter=default --reporter=json --outputFile="$WORK/vitest-rgw.json"
