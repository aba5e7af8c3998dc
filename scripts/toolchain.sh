#!/usr/bin/env bash
# Build the local toolchain from the Go module proxy into the cache (outside the repo).
#
#   scripts/toolchain.sh [all|pulumi|k8s-provider|cluster|crds|linters|status]...
#
#   pulumi        pulumi CLI + the policy analyzer script (no language host)  tools/pulumi/go.mod, tools/pins.env
#   k8s-provider  pulumi-resource-kubernetes, installed as a Pulumi plugin     tools/pins.env
#   cluster       etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kubectl, kwok, CRD yaml
#                                                                             tools/{etcd,kubernetes,kwok,crds}/go.mod
#   etcd | kubernetes | kwok | crds   the parts of `cluster`, one at a time
#   engine        pulumi + k8s-provider
#   helm          helm (only the e2e migration test needs it)             tools/helm/go.mod
#   linters       kubeconform, kube-score, cyclonus, trivy (npm run lint:k8s), tools/linters/*/go.mod
#                 actionlint (npm run lint:workflows)
#   all           pulumi k8s-provider cluster helm linters (in that order)
#   status        print what is cached
#
# Idempotent: a target whose pin key (hash of its go.mod/go.sum + build flags + go version) matches
# the cache's `versions` stamp and whose binaries exist is skipped; so is one whose binaries are
# already on PATH with the right version (they are symlinked into the cache bin dir).
#
# Env: PULSE_TOOLCHAIN_DIR (cache root), TOOLCHAIN_GO_P (go build -p, default 2),
#      PULSE_TOOLCHAIN_STRICT=1 (exit 3 when a component is unavailable upstream; default: warn).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib/common.sh
. "$HERE/lib/common.sh"
# shellcheck source=tools/pins.env
. "$PULSE_REPO_ROOT/tools/pins.env"
TOOLS=$PULSE_REPO_ROOT/tools

command -v go >/dev/null || die "go is required (Go >= 1.26)"
export CGO_ENABLED=0 GOTOOLCHAIN=${GOTOOLCHAIN:-local} GOFLAGS="${GOFLAGS:-} -buildvcs=false"
GO_P=${TOOLCHAIN_GO_P:-2}
GOVER=$(go env GOVERSION)
mkdir -p "$TC_BIN" "$TC_LOGS" "$TC_SCRATCH"

declare -A RESULT=()
BLOCKED=0 FAILED=0
result() { RESULT[$1]=$2; case $2 in blocked*) BLOCKED=1 ;; failed*) FAILED=1 ;; esac; }

modver() { (cd "$1" && go list -m -f '{{.Version}}' "$2"); }

# gobuild TARGET DIR LDFLAGS TAGS PKG... : build PKGs of the module in DIR into a staging dir, then
# move the binaries into $TC_BIN. Output goes to $TC_LOGS/TARGET.log.
gobuild() {
  local target=$1 dir=$2 ld=$3 tags=$4; shift 4
  local stage=$TC_DIR/.stage-$target log=$TC_LOGS/$target.log
  rm -rf "$stage"; mkdir -p "$stage"
  log "   go build ($target): $* (log: $log)"
  if ! (cd "$dir" && go build -p "$GO_P" -trimpath ${tags:+-tags "$tags"} -ldflags "$ld" -o "$stage/" "$@") >"$log" 2>&1; then
    tail -n 30 "$log" >&2; rm -rf "$stage"; return 1
  fi
  local f; for f in "$stage"/*; do mv -f "$f" "$TC_BIN/"; log "   built $(basename "$f") ($(fsize "$TC_BIN/$(basename "$f")"))"; done
  rmdir "$stage"
}

# on_path NAME EXPECTED CMD... : if NAME (outside the cache) prints EXPECTED, symlink it into the cache.
on_path() {
  local name=$1 want=$2; shift 2
  local p; p=$(PATH=$(printf '%s' "$PATH" | tr ':' '\n' | grep -vxF "$TC_BIN" | paste -sd:) command -v "$name" 2>/dev/null) || return 1
  "$p" "$@" 2>/dev/null | grep -qF -- "$want" || return 1
  ln -sfn "$p" "$TC_BIN/$name"; log "   using $p ($want) from PATH"
}

have_all() { local b; for b in "$@"; do [ -x "$TC_BIN/$b" ] || return 1; done; }

# ---------------------------------------------------------------- pulumi + language host
t_pulumi() {
  step_begin pulumi
  local dir=$TOOLS/pulumi v=v$PULUMI_VERSION
  [ "$(modver "$dir" github.com/pulumi/pulumi/pkg/v3)" = "$v" ] || die "tools/pulumi/go.mod does not pin pkg/v3 $v"
  local ld="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$v" tags=osusergo,grpcnotrace
  local key; key=$(pin_key "$dir/go.mod" "$dir/go.sum" "$TOOLS/pins.env" "$ld" "$tags" "$GOVER")
  if [ "$(stamp_get pulumi)" = "$key" ] && have_all pulumi; then
    result pulumi "cached"
  elif on_path pulumi "$v" version; then
    stamp_set pulumi "$key"; result pulumi "from PATH"
  else
    if gobuild pulumi "$dir" "$ld" "$tags" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi; then
      stamp_set pulumi "$key"; result pulumi "built"
    else result pulumi "failed"; fi
  fi
  "$TC_BIN/pulumi" version 2>/dev/null | sed 's/^/   pulumi version: /' >&2 || true
  step_end pulumi "${RESULT[pulumi]}"

  t_policy_analyzer
}

# The engine runs a Node.js policy pack through the Node language host when it finds one (on
# PATH or next to the resolved `pulumi` binary); otherwise it falls back to an analyzer plugin
# named policy-nodejs, started in the pack's directory with the engine address as arguments. The
# local toolchain has no language host (the Automation API runs the program inline), so it
# installs this analyzer as a plugin (in PULUMI_HOME, off PATH: the CLI warns about every plugin
# it takes from PATH): it runs the policy runtime of the pack's own @pulumi/pulumi. Written here,
# never copied.
ANALYZER_VERSION=v1.0.0
t_policy_analyzer() {
  step_begin policy-analyzer
  local lh=$TC_BIN/pulumi-language-nodejs f=$TC_PLUGIN_BIN/pulumi-analyzer-policy-nodejs
  # A language host beside the CLI would take precedence over the analyzer (and an old one cannot
  # run policy packs): the cache never holds one.
  if [ -e "$lh" ] || [ -L "$lh" ]; then rm -f "$lh"; log "   removed $lh (inline programs need no language host)"; fi
  rm -f "$TC_BIN/pulumi-analyzer-policy-nodejs"
  mkdir -p "$TC_PLUGIN_BIN"
  cat >"$f.tmp" <<'SH'
#!/bin/sh
# Generated by scripts/toolchain.sh (pulse-os): the policy analyzer the Pulumi engine starts for a
# Node.js policy pack when no Node language host is installed. It runs in the pack's directory;
# the engine passes its address and the pack's path as arguments.
set -e
entry=$(node -e 'process.stdout.write(require.resolve("@pulumi/pulumi/cmd/run-policy-pack"))')
exec node "$entry" "$@"
SH
  chmod +x "$f.tmp"; mv -f "$f.tmp" "$f"
  local home=${PULUMI_HOME:-$TC_DIR/pulumi-home}
  if [ -x "$TC_BIN/pulumi" ] && ! cmp -s "$f" "$home/plugins/analyzer-policy-nodejs-$ANALYZER_VERSION/pulumi-analyzer-policy-nodejs"; then
    PULUMI_HOME=$home PULUMI_SKIP_UPDATE_CHECK=true "$TC_BIN/pulumi" plugin install analyzer policy-nodejs "$ANALYZER_VERSION" --file "$f" --reinstall >&2
    result policy-analyzer "installed ($ANALYZER_VERSION)"
  else
    result policy-analyzer "cached"
  fi
  step_end policy-analyzer "${RESULT[policy-analyzer]}"
}

# ---------------------------------------------------------------- pulumi-resource-kubernetes
t_k8s_provider() {
  step_begin k8s-provider
  local v=v$K8S_PROVIDER_VERSION bin=pulumi-resource-kubernetes
  local ld="-s -w -X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$v"
  local key; key=$(pin_key "$TOOLS/pins.env" "$ld" "$GOVER")
  if [ "$(stamp_get k8s-provider)" = "$key" ] && [ -x "$TC_PLUGIN_BIN/$bin" ]; then
    result k8s-provider "cached"
  else
    # The provider embeds schema-embed.json / terraform-mapping-embed.json, which are generated
    # (gitignored upstream) and so are not in the module zip: copy the module out of the module
    # cache into scratch, run its generator, and build it as the main module.
    local sd=$TC_SCRATCH/k8s-provider src err
    if ! err=$(cd "$TC_SCRATCH" && GOFLAGS=-mod=mod go mod download -json "$K8S_PROVIDER_MODULE@$K8S_PROVIDER_COMMIT" 2>&1); then
      printf '%s\n' "$err" >"$TC_LOGS/k8s-provider.log"
      warn "k8s-provider: $K8S_PROVIDER_MODULE@$K8S_PROVIDER_COMMIT ($v) is not served by the Go module proxy:"
      printf '%s\n' "$err" | grep -E '"Error"|403|404|410' | head -n 3 >&2
      result k8s-provider "blocked (module not on proxy)"
      step_end k8s-provider "${RESULT[k8s-provider]}"; return 0
    fi
    src=$(printf '%s' "$err" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
    rm -rf "$sd"; cp -r "$src" "$sd"; chmod -R u+w "$sd"
    (cd "$sd" && go mod edit -dropreplace="$K8S_PROVIDER_SDK_MODULE" -require="$K8S_PROVIDER_SDK_MODULE@$v" \
      && go mod tidy && VERSION=$K8S_PROVIDER_VERSION go generate ./cmd/pulumi-resource-kubernetes) \
      >"$TC_LOGS/k8s-provider-generate.log" 2>&1 || { tail -n 20 "$TC_LOGS/k8s-provider-generate.log" >&2; result k8s-provider failed; step_end k8s-provider failed; return 0; }
    if gobuild k8s-provider "$sd" "$ld" "" ./cmd/pulumi-resource-kubernetes; then
      # Off PATH: the engine takes it from PULUMI_HOME (a plugin on PATH earns a warning per run).
      mkdir -p "$TC_PLUGIN_BIN"; mv -f "$TC_BIN/$bin" "$TC_PLUGIN_BIN/$bin"
      stamp_set k8s-provider "$key"; result k8s-provider "built"
    else result k8s-provider "failed"; fi
  fi
  # An older cache kept the binary on PATH.
  [ -x "$TC_BIN/$bin" ] && { mkdir -p "$TC_PLUGIN_BIN"; mv -f "$TC_BIN/$bin" "$TC_PLUGIN_BIN/$bin"; }
  local home=${PULUMI_HOME:-$TC_DIR/pulumi-home}
  if [ -x "$TC_BIN/pulumi" ] && [ -x "$TC_PLUGIN_BIN/$bin" ] && ! cmp -s "$TC_PLUGIN_BIN/$bin" "$home/plugins/resource-kubernetes-$v/$bin"; then
    # Register it as a plugin in the cache's PULUMI_HOME (the npm install script and the engine find it there).
    PULUMI_HOME=${PULUMI_HOME:-$TC_DIR/pulumi-home} PULUMI_SKIP_UPDATE_CHECK=true \
      "$TC_BIN/pulumi" plugin install resource kubernetes "$v" --file "$TC_PLUGIN_BIN/$bin" --reinstall >&2 \
      || warn "pulumi plugin install failed"
  fi
  step_end k8s-provider "${RESULT[k8s-provider]}"
}

# ---------------------------------------------------------------- cluster binaries, CRD yaml
# shellcheck source=scripts/lib/toolchain-cluster.sh
. "$HERE/lib/toolchain-cluster.sh"

# ---------------------------------------------------------------- helm (e2e: migration from the chart)
t_helm() {
  step_begin helm
  local dir=$TOOLS/helm v; v=$(modver "$dir" helm.sh/helm/v3)
  local ld="-s -w -X helm.sh/helm/v3/internal/version.version=$v"
  local key; key=$(pin_key "$dir/go.mod" "$dir/go.sum" "$ld" "$GOVER")
  if [ "$(stamp_get helm)" = "$key" ] && have_all helm; then result helm cached
  elif gobuild helm "$dir" "$ld" "" helm.sh/helm/v3/cmd/helm; then stamp_set helm "$key"; result helm built
  else result helm failed; fi
  step_end helm "${RESULT[helm]}"
}

# ---------------------------------------------------------------- static checkers (optional)
# One tools module per checker under tools/linters/<name>/. The fifth field is GOEXPERIMENT for
# the build ("-": none): trivy v0.74.0 uses encoding/json/v2, which Go 1.26 only compiles with
# GOEXPERIMENT=jsonv2 (part of the pin key, so a change rebuilds).
t_linters() {
  local spec name pkg mod var exp dir v ld key
  for spec in "kubeconform github.com/yannh/kubeconform/cmd/kubeconform github.com/yannh/kubeconform main.version -" \
              "kube-score github.com/zegl/kube-score/cmd/kube-score github.com/zegl/kube-score main.version -" \
              "cyclonus github.com/mattfenwick/cyclonus/cmd/cyclonus github.com/mattfenwick/cyclonus main.version -" \
              "trivy github.com/aquasecurity/trivy/cmd/trivy github.com/aquasecurity/trivy github.com/aquasecurity/trivy/pkg/version/app.ver jsonv2" \
              "actionlint github.com/rhysd/actionlint/cmd/actionlint github.com/rhysd/actionlint github.com/rhysd/actionlint.version -"; do
    read -r name pkg mod var exp <<<"$spec"
    [ "$exp" = - ] && exp=""
    step_begin "$name"
    dir=$TOOLS/linters/$name; v=$(modver "$dir" "$mod")
    ld="-s -w -X $var=${v#v}"
    key=$(pin_key "$dir/go.mod" "$dir/go.sum" "$ld" "$GOVER" ${exp:+"GOEXPERIMENT=$exp"})
    if [ "$(stamp_get "$name")" = "$key" ] && have_all "$name"; then result "$name" cached
    elif GOEXPERIMENT=$exp gobuild "$name" "$dir" "$ld" "" "$pkg"; then stamp_set "$name" "$key"; result "$name" "built ($v)"
    else result "$name" failed; fi
    step_end "$name" "${RESULT[$name]}"
  done
  # Not served by the module proxy here (checked: see docs/toolchain.md).
  result kube-linter "blocked ($KUBE_LINTER_MODULE@$KUBE_LINTER_VERSION: module host not permitted)"
  result polaris "blocked ($POLARIS_MODULE@$POLARIS_COMMIT: module not on proxy)"
  warn "kube-linter and polaris are not available from the Go module proxy (see docs/toolchain.md)"
}

# shellcheck source=scripts/lib/toolchain-status.sh
. "$HERE/lib/toolchain-status.sh"

T0=$(_ts)
[ $# -gt 0 ] || set -- all
for t in "$@"; do
  case $t in
    all) t_pulumi; t_k8s_provider; t_etcd; t_kubernetes; t_kwok; t_crds; t_helm; t_linters ;;
    engine) t_pulumi; t_k8s_provider ;;
    helm) t_helm ;;
    pulumi) t_pulumi ;;
    k8s-provider) t_k8s_provider ;;
    cluster) t_etcd; t_kubernetes; t_kwok; t_crds ;;
    etcd) t_etcd ;;
    kubernetes) t_kubernetes ;;
    kwok) t_kwok ;;
    crds) t_crds ;;
    linters) t_linters ;;
    status) t_status; exit 0 ;;
    *) die "unknown target '$t' (all|engine|pulumi|k8s-provider|cluster|etcd|kubernetes|kwok|crds|helm|linters|status)" ;;
  esac
done

log "summary (total $(( $(_ts) - T0 ))s, cache $TC_DIR):"
for k in "${!RESULT[@]}"; do printf '  %-26s %s\n' "$k" "${RESULT[$k]}"; done | sort >&2
[ "$FAILED" = 0 ] || exit 1
if [ "$BLOCKED" = 1 ]; then
  warn "some components are unavailable from the Go module proxy (listed above as blocked)"
  [ "${PULSE_TOOLCHAIN_STRICT:-0}" = 1 ] && exit 3
fi
exit 0
