#!/usr/bin/env bash
# node.sh MAJOR WORK: typecheck and run the README's test command again on another Node major (the npm registry's
# `node` package provides it), so the supported versions in the README are shown, not claimed.
set -uo pipefail
MAJOR=$1 WORK=$2
bin=$(npx -y "node@$MAJOR" -p 'process.execPath') || { echo "node$MAJOR: cannot fetch node@$MAJOR" >&2; exit 1; }
export PATH="$(dirname "$bin"):$PATH"
echo "node $(node -v) at $bin"
status=0
# --force: turbo's cache key does not include the Node version, and a cached pass would show nothing.
pnpm typecheck --force --output-logs=errors-only || status=1
HOIST_VITEST_JSON="$WORK/vitest-node$MAJOR.json" pnpm test || status=1
exit $status
