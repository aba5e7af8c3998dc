#!/usr/bin/env bash
# End-to-end suite through the real engine (Automation API + the Kubernetes provider) on the
# local AKS-shaped cluster: builds what is missing, starts the cluster when it is not up, runs
# tests/e2e/*.e2e.ts with node:test one file at a time (they share the cluster), prints how long
# each step took.  Usage: npm run test:e2e [-- <test file>...]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
# shellcheck source=scripts/lib/env.sh
. "$HERE/lib/env.sh"
t0=$(date +%s)
step_begin toolchain
bash "$HERE/toolchain.sh" engine cluster helm
step_end toolchain
if ! kubectl get --raw=/readyz >/dev/null 2>&1; then
  step_begin "cluster (not reachable: starting it)"
  bash "$HERE/cluster-up.sh"
  step_end "cluster (not reachable: starting it)"
fi
# The suite creates and destroys the program's namespaces itself: it must start from a cluster
# that holds none of them (e.g. the stack of `npm run local` is still up).
if left=$(kubectl get namespaces -l app.kubernetes.io/part-of=pulse-os -o name 2>/dev/null) && [ -n "$left" ]; then
  die "the cluster already holds pulse-os namespaces ($(echo $left | tr '\n' ' ')): run 'npm run local -- --destroy' first"
fi
cd "$ROOT"
files=("$@"); [ ${#files[@]} -gt 0 ] || files=(tests/e2e/*.e2e.ts)
step_begin "e2e (${#files[@]} files)"
node -r ts-node/register/transpile-only --test --test-concurrency=1 --test-reporter=spec "${files[@]}"
step_end "e2e (${#files[@]} files)" passed
log "total $(( $(date +%s) - t0 ))s"
