#!/usr/bin/env bash
# Static checks of the Kubernetes manifests the program renders (docs/security.md).
#
#   scripts/lint-k8s.sh [--out DIR]        (npm run lint:k8s)
#
#   1. tools      kubeconform + kube-score + cyclonus (scripts/toolchain.sh linters), CRD yaml (toolchain.sh crds),
#                 Checkov pinned in tools/linters/checkov/ into a venv in the toolchain cache
#   2. render     every Pulumi.<stack>.yaml + tests/fixtures/Pulumi.lint-all-features.yaml
#                 into DIR (default out/lint, git-ignored), one <stack>/kubernetes/ each
#   3. schemas    offline, standalone-strict JSON schemas for Kubernetes v1.36 (from the
#                 k8s.io/kubernetes module zip) + every CRD the cluster installs; cached
#   4. kubeconform -strict, local schemas only, no -ignore-missing-schemas        (gates)
#   5. checkov    --framework kubernetes with .checkov.yaml                       (gates)
#   5b. cyclonus  the traffic matrix of every stack (tests/netpol/)              (gates)
#   6. kube-score --kubernetes-version v1.36, per stack, score summary only     (does not gate)
#
# Exit 0 when kubeconform and Checkov find nothing; 1 when either does; 2 on a setup error.
# Works with the local cluster down and without network once the cache is warm.
# Env: PULSE_TOOLCHAIN_DIR (cache root), PULSE_PYTHON (python for the Checkov venv, default python3),
#      PULSE_K8S_OPENAPI (use this swagger.json instead of the module zip's).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib/common.sh
. "$HERE/lib/common.sh"
ROOT=$PULSE_REPO_ROOT
cd "$ROOT"

OUT=$ROOT/out/lint
while [ $# -gt 0 ]; do
  case $1 in
    --out) OUT=$(mkdir -p "$2" && cd "$2" && pwd); shift 2 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (use --out DIR)" >&2; exit 2 ;;
  esac
done

fail_setup() { printf '[%s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 2; }
export GOTOOLCHAIN=${GOTOOLCHAIN:-local} GOFLAGS="${GOFLAGS:-} -buildvcs=false"
K8S_MINOR=v1.36
FIXTURE=tests/fixtures/Pulumi.lint-all-features.yaml
LINTERS=$ROOT/tools/linters
T_START=$(_ts)
declare -A SECS=()
timed_begin() { step_begin "$1"; SECS[$1]=$(_ts); }
timed_end() { SECS[$1]=$(( $(_ts) - SECS[$1] )); step_end "$1" "${2:-done}"; }

# go.mod require line -> version (no module graph needed).
gomod_version() { awk -v m="$2" '$1==m {print $2; exit} $1=="require" && $2==m {print $3; exit}' "$1"; }
go_mod_dir() { go mod download -json "$1" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p'; }

# ------------------------------------------------------------------------------------------ 1. tools
timed_begin tools
bash "$HERE/toolchain.sh" linters crds || fail_setup "scripts/toolchain.sh linters crds failed"
KUBECONFORM=$TC_BIN/kubeconform KUBE_SCORE=$TC_BIN/kube-score
[ -x "$KUBECONFORM" ] || fail_setup "kubeconform missing in $TC_BIN"
[ -f "$TC_CRDS/PROVENANCE" ] || fail_setup "CRD yaml missing in $TC_CRDS"

PY=${PULSE_PYTHON:-python3}
command -v "$PY" >/dev/null || fail_setup "$PY is required for Checkov (Python >= 3.9)"
CKV_REQ=$LINTERS/checkov/requirements.txt CKV_CON=$LINTERS/checkov/constraints.txt
CKV_KEY=$(pin_key "$CKV_REQ" "$CKV_CON" "$("$PY" -c 'import sys; print(sys.version)')")
CKV_VENV=$TC_DIR/checkov/venv
CHECKOV=$CKV_VENV/bin/checkov
if [ "$(stamp_get checkov)" = "$CKV_KEY" ] && [ -x "$CHECKOV" ]; then
  log "   checkov cached ($CKV_VENV)"
else
  log "   installing $(grep -v '^#' "$CKV_REQ" | xargs) into $CKV_VENV (pip, PyPI; log: $TC_LOGS/checkov.log)"
  rm -rf "$CKV_VENV"; mkdir -p "$TC_LOGS"
  if ! { "$PY" -m venv "$CKV_VENV" && "$CKV_VENV/bin/pip" install --disable-pip-version-check -r "$CKV_REQ" -c "$CKV_CON"; } >"$TC_LOGS/checkov.log" 2>&1; then
    tail -n 20 "$TC_LOGS/checkov.log" >&2; rm -rf "$CKV_VENV"; fail_setup "Checkov install failed"
  fi
  stamp_set checkov "$CKV_KEY"
fi
CHECKOV_VERSION=$("$CHECKOV" --version)
log "   kubeconform $("$KUBECONFORM" -v), kube-score $("$KUBE_SCORE" version | sed -n 's/.*version: \([^,]*\).*/\1/p'), checkov $CHECKOV_VERSION"
log "   kube-linter, polaris: not available (Go module proxy does not serve them; docs/security.md)"
timed_end tools

# ------------------------------------------------------------------------------------------ 2. render
timed_begin render
# Only ever delete a directory this script created (marker), never an arbitrary --out.
if [ -d "$OUT" ] && [ -n "$(ls -A "$OUT")" ] && [ ! -f "$OUT/.lint-k8s" ]; then
  fail_setup "$OUT is not empty and was not made by lint-k8s.sh; choose another --out"
fi
rm -rf "$OUT"; mkdir -p "$OUT"; : >"$OUT/.lint-k8s"
npm run --silent render -- --all --out "$OUT" || fail_setup "render of the stacks failed"
npm run --silent render -- --config-file "$FIXTURE" --out "$OUT" || fail_setup "render of $FIXTURE failed"
STACKS=()
for d in "$OUT"/*/kubernetes; do STACKS+=("$(basename "$(dirname "$d")")"); done
[ ${#STACKS[@]} -ge 2 ] || fail_setup "nothing rendered in $OUT"
N_OBJ=$(cat "$OUT"/*/kubernetes/*.yaml | grep -c '^kind:')
log "   ${#STACKS[@]} stacks (${STACKS[*]}), $N_OBJ objects; kinds: $(cat "$OUT"/*/kubernetes/*.yaml | sed -n 's/^kind: //p' | sort -u | paste -sd' ')"
timed_end render

# ------------------------------------------------------------------------------------------ 3. schemas
timed_begin schemas
K8S_VERSION=$(gomod_version "$ROOT/tools/kubernetes/go.mod" k8s.io/kubernetes)
KC_VERSION=$(gomod_version "$LINTERS/kubeconform/go.mod" github.com/yannh/kubeconform)
[ -n "$K8S_VERSION" ] && [ -n "$KC_VERSION" ] || fail_setup "cannot read pins from tools/kubernetes/go.mod / tools/linters/kubeconform/go.mod"
case $K8S_VERSION in "$K8S_MINOR".*) ;; *) fail_setup "tools/kubernetes pins $K8S_VERSION, lint targets $K8S_MINOR" ;; esac
SCHEMA_KEY=$(pin_key "$LINTERS/kubeconform/k8s-openapi-to-jsonschema.py" "$TC_CRDS"/*.yaml \
  "k8s.io/kubernetes@$K8S_VERSION" "kubeconform@$KC_VERSION" "${PULSE_K8S_OPENAPI:-}")
SCHEMAS=$TC_DIR/kubeconform-schemas/$K8S_VERSION-standalone-strict-$SCHEMA_KEY
if [ -f "$SCHEMAS/.complete" ]; then
  log "   schemas cached ($SCHEMAS)"
else
  rm -rf "$SCHEMAS" "$SCHEMAS.tmp"; mkdir -p "$SCHEMAS.tmp"
  if [ -n "${PULSE_K8S_OPENAPI:-}" ]; then SWAGGER=$PULSE_K8S_OPENAPI
  else SWAGGER=$(go_mod_dir "k8s.io/kubernetes@$K8S_VERSION")/api/openapi-spec/swagger.json; fi
  [ -f "$SWAGGER" ] || fail_setup "no OpenAPI document at $SWAGGER"
  KC_DIR=$(go_mod_dir "github.com/yannh/kubeconform@$KC_VERSION")
  [ -f "$KC_DIR/scripts/openapi2jsonschema.py" ] || fail_setup "kubeconform@$KC_VERSION module has no scripts/openapi2jsonschema.py"
  log "   built-in kinds: $SWAGGER (k8s.io/kubernetes@$K8S_VERSION)"
  "$PY" "$LINTERS/kubeconform/k8s-openapi-to-jsonschema.py" "$SWAGGER" "$SCHEMAS.tmp" >&2
  log "   CRDs: $TC_CRDS/*.yaml via kubeconform@$KC_VERSION scripts/openapi2jsonschema.py (from the module cache)"
  # It writes into the current directory; PyYAML comes from the Checkov venv.
  (cd "$SCHEMAS.tmp" && FILENAME_FORMAT='{kind}-{group}-{version}' DENY_ROOT_ADDITIONAL_PROPERTIES=1 \
     "$CKV_VENV/bin/python" "$KC_DIR/scripts/openapi2jsonschema.py" "$TC_CRDS"/*.yaml >/dev/null)
  touch "$SCHEMAS.tmp/.complete"; mv "$SCHEMAS.tmp" "$SCHEMAS"
fi
log "   $(find "$SCHEMAS" -name '*.json' | wc -l) schemas in $SCHEMAS"
timed_end schemas

# ------------------------------------------------------------------------------------------ 4. kubeconform
timed_begin kubeconform
KC_RC=0
KC_OUT=$("$KUBECONFORM" -strict -summary -kubernetes-version "${K8S_VERSION#v}" \
  -schema-location "$SCHEMAS/{{.ResourceKind}}{{.KindSuffix}}.json" "$OUT"/*/kubernetes) || KC_RC=$?
printf '%s\n' "$KC_OUT"
KC_SUMMARY=$(printf '%s\n' "$KC_OUT" | grep '^Summary:' || echo "Summary: (none; exit $KC_RC)")
timed_end kubeconform "exit $KC_RC"

# ------------------------------------------------------------------------------------------ 5. checkov
timed_begin checkov
CK_RC=0
CK_OUT=$("$CHECKOV" --config-file "$ROOT/.checkov.yaml" --framework kubernetes -d "$OUT" --compact --quiet 2>&1) || CK_RC=$?
printf '%s\n' "$CK_OUT"
CK_SUMMARY=$(printf '%s\n' "$CK_OUT" | grep -m1 '^Passed checks:' || echo "(no summary; exit $CK_RC)")
CK_SKIPS=$(sed -n '/^skip-check:/,$ s/^  - \(CKV[0-9A-Z_]*\).*/\1/p' "$ROOT/.checkov.yaml" | paste -sd' ')
timed_end checkov "exit $CK_RC"

# ------------------------------------------------------------------------------------------ 5b. traffic matrix
# The NetworkPolicies of every stack against the flows its config needs, evaluated by cyclonus
# (the local cluster enforces no NetworkPolicy). Gates.
timed_begin netpol
NP_RC=0
PULSE_LINT_OUT=$OUT node -r ts-node/register/transpile-only --test --test-reporter=spec tests/netpol/*.netpol.ts >&2 || NP_RC=$?
NP_SUMMARY=$([ "$NP_RC" = 0 ] && echo "every stack's traffic matrix as expected" || echo "traffic matrix FAILED")
timed_end netpol

# ------------------------------------------------------------------------------------------ 6. kube-score
timed_begin kube-score
KS_LINES=()
for s in "${STACKS[@]}"; do
  # One stack at a time: kube-score cross-references objects (HPA -> Deployment) by name.
  ks=$("$KUBE_SCORE" score --kubernetes-version "$K8S_MINOR" --output-format ci "$OUT/$s"/kubernetes/*.yaml 2>&1 || true)
  count() { printf '%s\n' "$ks" | grep -c "^\[$1\]" || true; }
  KS_LINES+=("$(printf '%-18s OK %3s  WARNING %3s  CRITICAL %3s  SKIPPED %3s' "$s" "$(count OK)" "$(count WARNING)" "$(count CRITICAL)" "$(count SKIPPED)")")
  printf '%s\n' "$ks" | grep -E '^\[(WARNING|CRITICAL)\]' | sed -E 's/^\[([A-Z]+)\] [^ ]+ [^:]+: (\([^)]*\) )?/\1 /' >>"$OUT/kube-score-findings.txt" || true
done
log "   kube-score $K8S_MINOR (not gating); findings by message over all stacks:"
sort "$OUT/kube-score-findings.txt" 2>/dev/null | uniq -c | sort -rn | sed 's/^/     /' >&2 || true
timed_end kube-score

# ------------------------------------------------------------------------------------------ summary
TOTAL=$(( $(_ts) - T_START ))
{
  echo
  echo "== lint:k8s summary (render: $OUT; total ${TOTAL}s)"
  printf '   %-12s %s\n' "kubeconform" "$KC_SUMMARY  [gate; exit $KC_RC; ${SECS[kubeconform]}s]"
  printf '   %-12s %s\n' "cyclonus" "$NP_SUMMARY  [gate; exit $NP_RC; ${SECS[netpol]}s]"
  printf '   %-12s %s\n' "checkov" "$CK_SUMMARY  [gate; exit $CK_RC; ${SECS[checkov]}s; config exceptions: ${CK_SKIPS:-none}]"
  for l in "${KS_LINES[@]}"; do printf '   %-12s %s\n' "kube-score" "$l"; done
  printf '   %-12s %s\n' "kube-linter" "not run: golang.stackrox.io/kube-linter/cmd/kube-linter@v0.8.3 not served by the Go module proxy"
  printf '   %-12s %s\n' "polaris" "not run: github.com/fairwindsops/polaris (pseudo-version only) not served by the Go module proxy"
  printf '   %-12s tools %ss, render %ss, schemas %ss, kubeconform %ss, checkov %ss, kube-score %ss\n' "timings" \
    "${SECS[tools]}" "${SECS[render]}" "${SECS[schemas]}" "${SECS[kubeconform]}" "${SECS[checkov]}" "${SECS[kube-score]}"
} >&2
if [ "$KC_RC" != 0 ] || [ "$CK_RC" != 0 ] || [ "$NP_RC" != 0 ]; then
  log "FAILED: fix the findings above in the program, or add an exception with its reason to docs/security.md (3 at most)"
  exit 1
fi
log "OK: kubeconform and Checkov clean, traffic matrices as expected"
