#!/usr/bin/env bash
# Start a local Kubernetes control plane with fake AKS nodes, all on 127.0.0.1:
#   etcd + kube-apiserver + kube-controller-manager + kube-scheduler + kwok (fake nodes/pods),
# then install the CRDs (Gateway API, KEDA, App Configuration provider, ALB HealthCheckPolicy),
# the fake node pools (cluster/nodes/) and the shared Gateway ingress/https-gateway.
#
# Idempotent: components that are already running are left alone; running it twice is fine.
# Binaries come from the toolchain cache (scripts/toolchain.sh cluster builds them if missing).
# The kubeconfig is written to <cache>/cluster/kubeconfig (`source scripts/lib/env.sh` exports it).
#
# Env: PULSE_TOOLCHAIN_DIR, PULSE_API_PORT (16443), PULSE_ETCD_PORT (23790), PULSE_ETCD_PEER_PORT (23800),
#      PULSE_KCM_PORT (10257), PULSE_SCHED_PORT (10259), PULSE_READY_TIMEOUT (seconds, 180).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib/common.sh
. "$HERE/lib/common.sh"

API_PORT=${PULSE_API_PORT:-16443}
ETCD_PORT=${PULSE_ETCD_PORT:-23790}
ETCD_PEER_PORT=${PULSE_ETCD_PEER_PORT:-23800}
KCM_PORT=${PULSE_KCM_PORT:-10257}
SCHED_PORT=${PULSE_SCHED_PORT:-10259}
TIMEOUT=${PULSE_READY_TIMEOUT:-180}
PKI=$TC_CLUSTER/pki RUN=$TC_CLUSTER/run LOGS=$TC_CLUSTER/logs
KCFG=$TC_CLUSTER/kubeconfig
SERVICE_CIDR=10.96.0.0/16 POD_CIDR=10.244.0.0/16
T0=$(_ts)

# ---------------------------------------------------------------- binaries
need=(etcd kube-apiserver kube-controller-manager kube-scheduler kubectl kwok)
missing=0; for b in "${need[@]}"; do [ -x "$TC_BIN/$b" ] || missing=1; done
if [ $missing = 1 ] || [ ! -f "$TC_CRDS/PROVENANCE" ] || [ ! -f "$TC_DIR/kwok/stages.yaml" ]; then
  step_begin "toolchain (cluster)"; "$HERE/toolchain.sh" cluster; step_end "toolchain (cluster)"
fi
export PATH="$TC_BIN:$PATH"
mkdir -p "$PKI" "$RUN" "$LOGS" "$TC_CLUSTER/etcd-data"
command -v openssl >/dev/null || die "openssl is required"
command -v curl >/dev/null || die "curl is required"

# ---------------------------------------------------------------- PKI + kubeconfigs (once)
cert() { # name CN O [server-SANs]
  local n=$1 cn=$2 o=$3 san=${4:-}
  [ -f "$PKI/$n.crt" ] && return 0
  local subj="/CN=$cn"; [ -n "$o" ] && subj="/O=$o$subj"
  openssl req -newkey rsa:2048 -nodes -subj "$subj" -keyout "$PKI/$n.key" -out "$PKI/$n.csr" 2>/dev/null
  if [ -n "$san" ]; then
    printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=digitalSignature,keyEncipherment\n' "$san" >"$PKI/$n.ext"
  else
    printf 'extendedKeyUsage=clientAuth\nkeyUsage=digitalSignature,keyEncipherment\n' >"$PKI/$n.ext"
  fi
  openssl x509 -req -in "$PKI/$n.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial \
    -days 3650 -extfile "$PKI/$n.ext" -out "$PKI/$n.crt" 2>/dev/null
  rm -f "$PKI/$n.csr" "$PKI/$n.ext"
}
kubeconfig() { # file user
  local f=$1 u=$2
  [ -f "$f" ] && return 0
  kubectl config --kubeconfig="$f" set-cluster local --server="https://127.0.0.1:$API_PORT" \
    --certificate-authority="$PKI/ca.crt" --embed-certs=true >/dev/null
  kubectl config --kubeconfig="$f" set-credentials "$u" --client-certificate="$PKI/$u.crt" \
    --client-key="$PKI/$u.key" --embed-certs=true >/dev/null
  kubectl config --kubeconfig="$f" set-context local --cluster=local --user="$u" >/dev/null
  kubectl config --kubeconfig="$f" use-context local >/dev/null
}
step_begin pki
if [ ! -f "$PKI/ca.crt" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=pulse-local-ca" \
    -keyout "$PKI/ca.key" -out "$PKI/ca.crt" 2>/dev/null
fi
cert apiserver kube-apiserver "" "IP:127.0.0.1,DNS:localhost,IP:10.96.0.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
cert admin admin system:masters
cert kcm system:kube-controller-manager ""
cert scheduler system:kube-scheduler ""
cert kwok kwok-controller system:masters
[ -f "$PKI/sa.key" ] || { openssl genrsa -out "$PKI/sa.key" 2048 2>/dev/null; openssl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" 2>/dev/null; }
kubeconfig "$KCFG" admin
kubeconfig "$TC_CLUSTER/kcm.kubeconfig" kcm
kubeconfig "$TC_CLUSTER/scheduler.kubeconfig" scheduler
kubeconfig "$TC_CLUSTER/kwok.kubeconfig" kwok
step_end pki

# ---------------------------------------------------------------- process helpers
# running NAME: the recorded pid is alive and is still that binary (guards against pid reuse)
running() {
  local p; p=$(cat "$RUN/$1.pid" 2>/dev/null) && [ -n "$p" ] && kill -0 "$p" 2>/dev/null || return 1
  case $(readlink "/proc/$p/exe" 2>/dev/null || echo "$1") in */"$1" | "$1") return 0 ;; *) return 1 ;; esac
}
start() { # name cmd...
  local n=$1; shift
  if running "$n"; then log "   $n already running (pid $(cat "$RUN/$n.pid"))"; return 0; fi
  log "   starting $n (log: $LOGS/$n.log)"
  setsid "$@" >>"$LOGS/$n.log" 2>&1 < /dev/null &
  echo $! >"$RUN/$n.pid"
}
wait_for() { # name timeout cmd...
  local n=$1 t=$2 i=0; shift 2
  until "$@" >/dev/null 2>&1; do
    i=$((i + 1))
    if [ $i -gt $((t * 2)) ]; then tail -n 30 "$LOGS/$n.log" >&2 2>/dev/null; die "$n not ready after ${t}s"; fi
    running "$n" || { tail -n 30 "$LOGS/$n.log" >&2; die "$n exited (see $LOGS/$n.log)"; }
    sleep 0.5
  done
}
CURL=(curl -fsS --max-time 5 --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key")
K() { kubectl --kubeconfig="$KCFG" "$@"; }

# ---------------------------------------------------------------- etcd
step_begin etcd
start etcd etcd --name=pulse-local --data-dir="$TC_CLUSTER/etcd-data" \
  --listen-client-urls="http://127.0.0.1:$ETCD_PORT" --advertise-client-urls="http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster="pulse-local=http://127.0.0.1:$ETCD_PEER_PORT" \
  --listen-metrics-urls="" --unsafe-no-fsync=true --quota-backend-bytes=2147483648 --log-level=warn
wait_for etcd 60 curl -fsS --max-time 2 "http://127.0.0.1:$ETCD_PORT/health"
step_end etcd

# ---------------------------------------------------------------- kube-apiserver
step_begin kube-apiserver
start kube-apiserver kube-apiserver \
  --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
  --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$API_PORT" \
  --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key" \
  --client-ca-file="$PKI/ca.crt" \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-account-key-file="$PKI/sa.pub" --service-account-signing-key-file="$PKI/sa.key" \
  --service-cluster-ip-range="$SERVICE_CIDR" \
  --authorization-mode=Node,RBAC --allow-privileged=true \
  --endpoint-reconciler-type=none --profiling=false
wait_for kube-apiserver "$TIMEOUT" "${CURL[@]}" "https://127.0.0.1:$API_PORT/readyz"
step_end kube-apiserver

# ---------------------------------------------------------------- kube-controller-manager + kube-scheduler
step_begin controllers
start kube-controller-manager kube-controller-manager \
  --kubeconfig="$TC_CLUSTER/kcm.kubeconfig" \
  --authentication-kubeconfig="$TC_CLUSTER/kcm.kubeconfig" --authorization-kubeconfig="$TC_CLUSTER/kcm.kubeconfig" \
  --bind-address=127.0.0.1 --secure-port="$KCM_PORT" --leader-elect=false \
  --use-service-account-credentials=true \
  --service-account-private-key-file="$PKI/sa.key" --root-ca-file="$PKI/ca.crt" \
  --cluster-signing-cert-file="$PKI/ca.crt" --cluster-signing-key-file="$PKI/ca.key" \
  --service-cluster-ip-range="$SERVICE_CIDR" --cluster-cidr="$POD_CIDR" --allocate-node-cidrs=false \
  --controllers='*,-nodeipam,-cloud-node-lifecycle,-service-lb-controller,-node-route-controller' \
  --profiling=false
start kube-scheduler kube-scheduler \
  --kubeconfig="$TC_CLUSTER/scheduler.kubeconfig" \
  --authentication-kubeconfig="$TC_CLUSTER/scheduler.kubeconfig" --authorization-kubeconfig="$TC_CLUSTER/scheduler.kubeconfig" \
  --bind-address=127.0.0.1 --secure-port="$SCHED_PORT" --leader-elect=false --profiling=false
wait_for kube-controller-manager 90 curl -fsSk --max-time 2 "https://127.0.0.1:$KCM_PORT/healthz"
wait_for kube-scheduler 90 curl -fsSk --max-time 2 "https://127.0.0.1:$SCHED_PORT/healthz"
step_end controllers

# ---------------------------------------------------------------- kwok (fake kubelets)
step_begin kwok
start kwok kwok --kubeconfig="$TC_CLUSTER/kwok.kubeconfig" --config="$TC_DIR/kwok/stages.yaml" \
  --manage-all-nodes=false \
  --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
  --cidr="$POD_CIDR" --node-ip=10.224.0.4 --node-lease-duration-seconds=40
sleep 1; running kwok || { tail -n 30 "$LOGS/kwok.log" >&2; die "kwok exited"; }
K apply -f "$PULSE_REPO_ROOT/cluster/nodes/" >/dev/null
nodes=$(K get nodes -l type=kwok -o name | wc -l)
K wait --for=condition=Ready node -l type=kwok --timeout="${TIMEOUT}s" >/dev/null
log "   $nodes fake nodes Ready"
step_end kwok

# ---------------------------------------------------------------- CRDs
step_begin crds
K apply --server-side --force-conflicts -f "$TC_CRDS/" >/dev/null
K wait --for=condition=Established crd --all --timeout=60s >/dev/null
log "   $(K get crd -o name | wc -l) CRDs established (provenance: $TC_CRDS/PROVENANCE)"
step_end crds

# ---------------------------------------------------------------- ingress namespace + shared Gateway
step_begin gateway
K apply -f "$PULSE_REPO_ROOT/cluster/manifests/" >/dev/null
if ! K -n ingress get secret https-gateway-tls >/dev/null 2>&1; then
  cert gateway-tls "*.local.test" "" "DNS:*.local.test,DNS:local.test"
  K -n ingress create secret tls https-gateway-tls --cert="$PKI/gateway-tls.crt" --key="$PKI/gateway-tls.key" >/dev/null
fi
# No gateway controller runs locally: mark the class/gateway as accepted and programmed so that
# tools waiting on Gateway status behave like on AKS.
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
cond() { printf '{"type":"%s","status":"True","reason":"%s","message":"local stand-in","observedGeneration":%s,"lastTransitionTime":"%s"}' "$1" "$2" "$3" "$now"; }
gen=$(K get gatewayclass azure-alb-external -o jsonpath='{.metadata.generation}')
K patch gatewayclass azure-alb-external --subresource=status --type=merge \
  -p "{\"status\":{\"conditions\":[$(cond Accepted Accepted "$gen")]}}" >/dev/null
gen=$(K -n ingress get gateway https-gateway -o jsonpath='{.metadata.generation}')
lst() { printf '{"name":"%s","supportedKinds":[{"group":"gateway.networking.k8s.io","kind":"HTTPRoute"}],"attachedRoutes":0,"conditions":[%s,%s,%s]}' \
  "$1" "$(cond Accepted Accepted "$gen")" "$(cond Programmed Programmed "$gen")" "$(cond ResolvedRefs ResolvedRefs "$gen")"; }
K -n ingress patch gateway https-gateway --subresource=status --type=merge -p \
  "{\"status\":{\"addresses\":[{\"type\":\"Hostname\",\"value\":\"https-gateway.local.test\"}],\"conditions\":[$(cond Accepted Accepted "$gen"),$(cond Programmed Programmed "$gen")],\"listeners\":[$(lst https),$(lst http)]}}" >/dev/null
step_end gateway

# ---------------------------------------------------------------- final readiness
step_begin ready
wait_for kube-controller-manager 60 K -n default get serviceaccount default
K get --raw=/readyz >/dev/null
step_end ready
log "cluster up in $(( $(_ts) - T0 ))s: https://127.0.0.1:$API_PORT  KUBECONFIG=$KCFG"
