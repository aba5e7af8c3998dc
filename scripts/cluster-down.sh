#!/usr/bin/env bash
# Stop the local cluster started by scripts/cluster-up.sh (only the processes it recorded).
#   scripts/cluster-down.sh [--keep-data]
# By default the etcd data is removed so the next cluster-up starts empty; PKI and kubeconfig are
# kept (so an exported KUBECONFIG stays valid). --keep-data keeps etcd data too.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib/common.sh
. "$HERE/lib/common.sh"
KEEP=0; [ "${1:-}" = "--keep-data" ] && KEEP=1
RUN=$TC_CLUSTER/run
T0=$(_ts)

for n in kwok kube-scheduler kube-controller-manager kube-apiserver etcd; do
  f=$RUN/$n.pid
  [ -f "$f" ] || continue
  p=$(cat "$f")
  exe=$(readlink "/proc/$p/exe" 2>/dev/null || true)
  if [ -n "$p" ] && kill -0 "$p" 2>/dev/null && { [ -z "$exe" ] || [ "${exe##*/}" = "$n" ]; }; then
    kill -TERM "$p" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$p" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$p" 2>/dev/null; then kill -KILL "$p" 2>/dev/null || true; log "   $n (pid $p) killed"; else log "   $n (pid $p) stopped"; fi
  fi
  rm -f "$f"
done
if [ $KEEP = 0 ]; then rm -rf "$TC_CLUSTER/etcd-data"; log "   etcd data removed"; fi
log "cluster down in $(( $(_ts) - T0 ))s"
