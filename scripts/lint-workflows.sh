#!/usr/bin/env bash
# Static check of the GitHub Actions workflows with actionlint (docs/security.md).
#
#   scripts/lint-workflows.sh [FILE...]        (npm run lint:workflows; default: .github/workflows/*)
#
# actionlint is pinned in tools/linters/actionlint/go.mod and built by `scripts/toolchain.sh linters`.
# Its shellcheck and pyflakes integrations are switched off (-shellcheck= -pyflakes=): neither is part
# of the toolchain, and a result must not depend on what happens to be on PATH.
# Exit 0 when actionlint finds nothing; 1 when it does; 2 on a setup error.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib/common.sh
. "$HERE/lib/common.sh"
cd "$PULSE_REPO_ROOT"
export GOTOOLCHAIN=${GOTOOLCHAIN:-local}

T0=$(_ts)
mkdir -p "$TC_LOGS"
step_begin tools
bash "$HERE/toolchain.sh" linters >"$TC_LOGS/lint-workflows-toolchain.log" 2>&1 \
  || { tail -n 20 "$TC_LOGS/lint-workflows-toolchain.log" >&2; log "ERROR: scripts/toolchain.sh linters failed"; exit 2; }
ACTIONLINT=$TC_BIN/actionlint
[ -x "$ACTIONLINT" ] || { log "ERROR: actionlint missing in $TC_BIN"; exit 2; }
step_end tools "actionlint $("$ACTIONLINT" -version | head -n1)"

step_begin actionlint
RC=0
"$ACTIONLINT" -no-color -shellcheck= -pyflakes= "$@" || RC=$?
step_end actionlint "exit $RC"
case $RC in
  0) log "OK: actionlint found nothing in ${*:-.github/workflows} (total $(( $(_ts) - T0 ))s)" ;;
  1) log "FAILED: actionlint findings above (total $(( $(_ts) - T0 ))s)" ;;
  *) log "ERROR: actionlint exit $RC"; exit 2 ;;
esac
exit "$RC"
