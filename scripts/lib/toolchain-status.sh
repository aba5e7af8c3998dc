# Sourced by scripts/toolchain.sh: `toolchain.sh status`, what the cache holds.
# shellcheck shell=bash

t_status() {
  local home=${PULUMI_HOME:-$TC_DIR/pulumi-home} f v
  echo "cache: $TC_DIR"
  printf '  %-34s %s\n' "part" "state"
  _st() { printf '  %-34s %s\n' "$1" "$2"; }
  if [ -x "$TC_BIN/pulumi" ]; then _st "pulumi CLI" "$("$TC_BIN/pulumi" version 2>/dev/null) ($(fsize "$TC_BIN/pulumi"))"; else _st "pulumi CLI" "MISSING (toolchain.sh pulumi)"; fi
  v=$(ls -d "$home"/plugins/resource-kubernetes-v*/ 2>/dev/null | sed 's#.*/resource-kubernetes-##; s#/$##' | paste -sd, - || true)
  if [ -n "$v" ]; then _st "kubernetes provider plugin" "$v (PULUMI_HOME=$home)"; else _st "kubernetes provider plugin" "MISSING (toolchain.sh k8s-provider)"; fi
  v=$(ls -d "$home"/plugins/analyzer-policy-nodejs-v*/ 2>/dev/null | sed 's#.*/analyzer-policy-nodejs-##; s#/$##' | paste -sd, - || true)
  if [ -n "$v" ]; then _st "policy analyzer plugin (ours)" "$v"; else _st "policy analyzer plugin (ours)" "MISSING (toolchain.sh pulumi)"; fi
  if [ -e "$TC_BIN/pulumi-language-nodejs" ]; then _st "node language host beside the CLI" "PRESENT (policy packs would fail: remove it)"; else _st "node language host beside the CLI" "none (inline programs, as intended)"; fi
  for f in etcd kube-apiserver kube-controller-manager kube-scheduler kubectl kwok helm; do
    if [ -x "$TC_BIN/$f" ]; then _st "$f" "present ($(fsize "$TC_BIN/$f"))"; else _st "$f" "missing"; fi
  done
  # The checkers print their own version (pinned in tools/linters/<name>/go.mod).
  local lv
  for f in kubeconform kube-score cyclonus trivy actionlint; do
    if [ -x "$TC_BIN/$f" ]; then
      case $f in
        kubeconform) lv=$("$TC_BIN/$f" -v 2>/dev/null) ;;
        kube-score) lv=$("$TC_BIN/$f" version 2>/dev/null | sed -n 's/.*version: \([^,]*\).*/\1/p') ;;
        trivy) lv=$("$TC_BIN/$f" --version 2>/dev/null | sed -n 's/^Version: //p') ;;
        actionlint) lv=$("$TC_BIN/$f" -version 2>/dev/null | head -n1) ;;
        *) lv=$(modver "$TOOLS/linters/$f" github.com/mattfenwick/cyclonus 2>/dev/null || true) ;;
      esac
      _st "$f" "${lv:-?} ($(fsize "$TC_BIN/$f"))"
    else _st "$f" "missing (toolchain.sh linters)"; fi
  done
  [ -f "$TC_CRDS/PROVENANCE" ] && _st "CRDs" "$(grep -vc '^#' "$TC_CRDS/PROVENANCE") files" || _st "CRDs" "missing"
  [ -f "$TC_STAMP" ] && sed 's/^/  stamp: /' "$TC_STAMP"
  return 0
}

