# shellcheck shell=bash
# Shared helpers for scripts/toolchain.sh and scripts/cluster-*.sh.
# Sourced, never executed. Safe to source more than once.

if [ -z "${PULSE_COMMON_SOURCED:-}" ]; then
PULSE_COMMON_SOURCED=1

PULSE_REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Cache root: everything built or downloaded lives here, outside the repo.
TC_DIR=${PULSE_TOOLCHAIN_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pulse-os-toolchain}
TC_BIN=$TC_DIR/bin
# Plugin binaries the engine loads from PULUMI_HOME; kept off PATH on purpose.
TC_PLUGIN_BIN=$TC_DIR/plugin-bin
TC_LOGS=$TC_DIR/logs
TC_SCRATCH=$TC_DIR/scratch
TC_STAMP=$TC_DIR/versions
TC_CLUSTER=$TC_DIR/cluster
TC_CRDS=$TC_DIR/crds

_ts() { date +%s; }
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
warn() { printf '[%s] WARNING: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }

# step_begin NAME / step_end NAME: print how long a step took.
declare -A _STEP_T0 2>/dev/null || true
step_begin() { _STEP_T0[$1]=$(_ts); log "==> $1"; }
step_end() {
  local t0=${_STEP_T0[$1]:-$(_ts)}
  log "<== $1 (${2:-done}) in $(( $(_ts) - t0 ))s"
}

# Human-readable size of a file.
fsize() { du -h "$1" 2>/dev/null | cut -f1; }

# Stamp file: one "target key" line per target. A pin change changes the key.
stamp_get() { [ -f "$TC_STAMP" ] && awk -v t="$1" '$1==t {print $2}' "$TC_STAMP" | tail -n1; }
stamp_set() {
  mkdir -p "$TC_DIR"
  local tmp; tmp=$(mktemp "$TC_DIR/.versions.XXXXXX")
  { [ -f "$TC_STAMP" ] && awk -v t="$1" '$1!=t' "$TC_STAMP"; echo "$1 $2"; } >"$tmp"
  mv "$tmp" "$TC_STAMP"
}
# Key over the given files plus extra strings (build flags, versions).
pin_key() {
  local files=() extra=()
  for a in "$@"; do if [ -f "$a" ]; then files+=("$a"); else extra+=("$a"); fi; done
  { cat "${files[@]}" 2>/dev/null; printf '%s\n' "${extra[@]}"; } | sha256sum | cut -c1-16
}

fi
