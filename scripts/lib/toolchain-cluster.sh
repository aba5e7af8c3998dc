# Sourced by scripts/toolchain.sh: the local cluster's parts (etcd, kube-apiserver and friends,
# kubectl, KWOK and its stages, the CRD yaml), each built or extracted from its pinned module.
# Uses the helpers and variables toolchain.sh defines (gobuild, on_path, have_all, result, ...).
# shellcheck shell=bash

t_etcd() {
  step_begin etcd
  local dir=$TOOLS/etcd v; v=$(modver "$dir" go.etcd.io/etcd/server/v3)
  local ld="-s -w -X go.etcd.io/etcd/api/v3/version.GitSHA=${v}"
  local key; key=$(pin_key "$dir/go.mod" "$dir/go.sum" "$ld" "$GOVER")
  if [ "$(stamp_get etcd)" = "$key" ] && have_all etcd; then result etcd cached
  elif on_path etcd "etcd Version: ${v#v}" --version; then stamp_set etcd "$key"; result etcd "from PATH"
  elif gobuild etcd "$dir" "$ld" "" go.etcd.io/etcd/server/v3; then
    # the main package is the module root (…/server/v3), so go names the binary "server"
    mv -f "$TC_BIN/server" "$TC_BIN/etcd"; stamp_set etcd "$key"; result etcd built
  else result etcd failed; fi
  step_end etcd "${RESULT[etcd]}"
}

t_kubernetes() {
  step_begin kubernetes
  local dir=$TOOLS/kubernetes v; v=$(modver "$dir" k8s.io/kubernetes)
  local mm=${v#v}; local major=${mm%%.*} minor; minor=${mm#*.}; minor=${minor%%.*}
  local ld="-s -w" p
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld+=" -X $p.gitVersion=$v -X $p.gitMajor=$major -X $p.gitMinor=$minor -X $p.gitTreeState=clean -X $p.buildDate=1970-01-01T00:00:00Z"
  done
  local bins=(kube-apiserver kube-controller-manager kube-scheduler kubectl)
  local key; key=$(pin_key "$dir/go.mod" "$dir/go.sum" "$ld" "$GOVER")
  if [ "$(stamp_get kubernetes)" = "$key" ] && have_all "${bins[@]}"; then result kubernetes cached
  elif on_path kube-apiserver "Kubernetes $v" --version && on_path kube-controller-manager "Kubernetes $v" --version \
    && on_path kube-scheduler "Kubernetes $v" --version && on_path kubectl "$v" version --client; then
    stamp_set kubernetes "$key"; result kubernetes "from PATH"
  elif gobuild kubernetes "$dir" "$ld" "" "${bins[@]/#/k8s.io/kubernetes/cmd/}"; then
    stamp_set kubernetes "$key"; result kubernetes built
  else result kubernetes failed; fi
  step_end kubernetes "${RESULT[kubernetes]}"
}

t_kwok() {
  step_begin kwok
  local dir=$TOOLS/kwok v; v=$(modver "$dir" sigs.k8s.io/kwok)
  local ld="-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=${v#v}"
  local key; key=$(pin_key "$dir/go.mod" "$dir/go.sum" "$ld" "$GOVER")
  if [ "$(stamp_get kwok)" = "$key" ] && have_all kwok; then result kwok cached
  elif on_path kwok "${v#v}" --version; then stamp_set kwok "$key"; result kwok "from PATH"
  elif gobuild kwok "$dir" "$ld" "" sigs.k8s.io/kwok/cmd/kwok; then stamp_set kwok "$key"; result kwok built
  else result kwok failed; fi
  # kwok's default "fast" stage set (what kwokctl uses): node-initialize, node-heartbeat-with-lease,
  # pod-ready/complete/delete. Taken from the pinned module zip, never copied into the repo.
  local kd f; kd=$(cd "$dir" && go mod download -json sigs.k8s.io/kwok | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  mkdir -p "$TC_DIR/kwok"
  {
    echo "# kwok stages from sigs.k8s.io/kwok@$v kustomize/stage/{node/fast,node/heartbeat-with-lease,pod/fast}"
    for f in "$kd"/kustomize/stage/node/fast/*.yaml "$kd"/kustomize/stage/node/heartbeat-with-lease/*.yaml "$kd"/kustomize/stage/pod/fast/*.yaml; do
      case $(basename "$f") in kustomization.yaml) continue ;; esac
      echo "---"; cat "$f"
    done
  } >"$TC_DIR/kwok/stages.yaml"
  log "   kwok stages -> $TC_DIR/kwok/stages.yaml ($(grep -c '^kind: Stage' "$TC_DIR/kwok/stages.yaml") stages)"
  step_end kwok "${RESULT[kwok]}"
}

# ---------------------------------------------------------------- CRD yaml (from module zips)
t_crds() {
  step_begin crds
  local dir=$TOOLS/crds key; key=$(pin_key "$dir/go.mod" "$dir/go.sum" "$PULSE_REPO_ROOT"/cluster/crds/*.yaml "v2")
  if [ "$(stamp_get crds)" = "$key" ] && [ -f "$TC_CRDS/PROVENANCE" ]; then result crds cached; step_end crds cached; return 0; fi
  rm -rf "$TC_CRDS"; mkdir -p "$TC_CRDS"
  local gw keda gwv kedav
  gwv=$(modver "$dir" sigs.k8s.io/gateway-api); kedav=$(modver "$dir" github.com/kedacore/keda/v2)
  gw=$(cd "$dir" && go mod download -json sigs.k8s.io/gateway-api | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  keda=$(cd "$dir" && go mod download -json github.com/kedacore/keda/v2 | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -d "$gw/config/crd/standard" ] && [ -d "$keda/config/crd/bases" ] || { result crds failed; step_end crds failed; return 0; }
  {
    echo "# CRD yaml installed by scripts/cluster-up.sh (extracted $(date -u +%Y-%m-%dT%H:%M:%SZ))"
    local f
    for f in "$gw"/config/crd/standard/gateway.networking.k8s.io_*.yaml; do
      case $f in *_vap_*) continue ;; esac
      cp "$f" "$TC_CRDS/"; echo "$(basename "$f")  sigs.k8s.io/gateway-api@$gwv config/crd/standard/ (standard channel)"
    done
    for f in "$keda"/config/crd/bases/keda.sh_*.yaml; do
      cp "$f" "$TC_CRDS/"; echo "$(basename "$f")  github.com/kedacore/keda/v2@$kedav config/crd/bases/"
    done
    for f in "$PULSE_REPO_ROOT"/cluster/crds/*.yaml; do
      cp "$f" "$TC_CRDS/"; echo "$(basename "$f")  repo cluster/crds/ (hand-written, see docs/toolchain.md)"
    done
  } >"$TC_CRDS/PROVENANCE"
  chmod u+w "$TC_CRDS"/*.yaml
  log "   $(grep -vc '^#' "$TC_CRDS/PROVENANCE") CRD files -> $TC_CRDS"
  stamp_set crds "$key"; result crds extracted
  step_end crds extracted
}

