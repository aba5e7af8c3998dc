#!/usr/bin/env bash
# Smoke-test the local cluster started by scripts/cluster-up.sh. Exits non-zero on the first failure
# and prints "N passed, 0 failed" at the end. Creates and deletes namespaces smoke-apps / smoke-psa.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib/env.sh
. "$HERE/lib/env.sh"
PASS=0
ok() { PASS=$((PASS + 1)); log "ok: $*"; }
fail() { log "FAIL: $*"; echo "$PASS passed, 1 failed"; exit 1; }
cleanup() { kubectl delete ns smoke-apps smoke-psa --ignore-not-found --wait=false >/dev/null 2>&1 || true; }
trap cleanup EXIT

kubectl get --raw=/readyz >/dev/null || fail "apiserver not ready"; ok "apiserver /readyz"

kubectl get nodes -L topology.kubernetes.io/zone,agentpool
for pool in apps workers spot; do
  n=$(kubectl get nodes -l "agentpool=$pool,kubernetes.azure.com/agentpool=$pool" -o name | wc -l)
  z=$(kubectl get nodes -l "agentpool=$pool" -o jsonpath='{range .items[*]}{.metadata.labels.topology\.kubernetes\.io/zone}{"\n"}{end}' | sort -u | wc -l)
  [ "$n" -ge 2 ] && [ "$z" -ge 2 ] || fail "pool $pool: $n nodes in $z zones"
done
ok "pools apps/workers/spot span >= 2 zones"
kubectl get nodes -l agentpool=spot -o jsonpath='{range .items[*]}{.spec.taints[*].key}={.spec.taints[*].value}:{.spec.taints[*].effect}{"\n"}{end}' \
  | grep -qx 'kubernetes.azure.com/scalesetpriority=spot:NoSchedule' || fail "spot taint"
ok "spot taint"

for crd in gateways.gateway.networking.k8s.io httproutes.gateway.networking.k8s.io gatewayclasses.gateway.networking.k8s.io \
  referencegrants.gateway.networking.k8s.io scaledobjects.keda.sh triggerauthentications.keda.sh \
  azureappconfigurationproviders.azconfig.io healthcheckpolicies.alb.networking.azure.io; do
  kubectl get crd "$crd" >/dev/null || fail "CRD $crd missing"
done
ok "CRDs present"
kubectl -n ingress get gateway https-gateway >/dev/null || fail "gateway ingress/https-gateway"
ok "gateway ingress/https-gateway"

kubectl create ns smoke-apps >/dev/null
kubectl -n smoke-apps apply -f - >/dev/null <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      nodeSelector: {kubernetes.azure.com/agentpool: apps}
      containers: [{name: web, image: example.invalid/web:1, readinessProbe: {httpGet: {path: /, port: 80}}}]
EOF
kubectl -n smoke-apps rollout status deploy/web --timeout=90s >/dev/null || fail "deployment not ready"
[ "$(kubectl -n smoke-apps get pods -l app=web -o jsonpath='{range .items[*]}{.spec.nodeName}{"\n"}{end}' | grep -c '^aks-apps-')" = 2 ] \
  || fail "pods not on the apps pool"
ok "deployment on apps pool Ready"

kubectl create ns smoke-psa >/dev/null
kubectl label ns smoke-psa pod-security.kubernetes.io/enforce=restricted >/dev/null
if out=$(kubectl -n smoke-psa run priv --image=example.invalid/x:1 --privileged=true 2>&1); then
  fail "privileged pod admitted in restricted namespace"
fi
grep -q 'violates PodSecurity' <<<"$out" || fail "unexpected error: $out"
ok "restricted PSA rejects a privileged pod"

echo "$PASS passed, 0 failed"
