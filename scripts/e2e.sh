#!/usr/bin/env bash
# End-to-end suite on the local AKS-shaped cluster: builds what is missing, starts the cluster
# when it is not up, runs tests/e2e with node:test, prints how long each step took.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
# shellcheck source=scripts/lib/env.sh
. "$HERE/lib/env.sh"
t0=$(date +%s)
if ! kubectl get --raw=/readyz >/dev/null 2>&1; then
  echo "==> cluster not reachable: starting it"
  bash "$HERE/cluster-up.sh"
fi
echo "==> e2e (cluster ready after $(( $(date +%s) - t0 ))s)"
cd "$ROOT"
t1=$(date +%s)
node -r ts-node/register/transpile-only --test --test-reporter=spec tests/e2e/*.e2e.ts
echo "<== e2e passed in $(( $(date +%s) - t1 ))s (total $(( $(date +%s) - t0 ))s)"
