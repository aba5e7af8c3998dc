# shellcheck shell=bash
# Source this file to use the locally built toolchain and the local cluster:
#
#   source scripts/lib/env.sh
#
# It exports:
#   PATH                         cache bin dir first (pulumi, kubectl, helm, ...; never a language host)
#   PULUMI_HOME                  plugin store inside the cache (provider installed by scripts/toolchain.sh)
#   PULUMI_BACKEND_URL           file://<cache>/state  (local DIY backend, no Pulumi Cloud login)
#   PULUMI_CONFIG_PASSPHRASE     secrets passphrase for the local backend. The default below is a
#                                LOCAL-ONLY throwaway value that protects nothing; it only exists so
#                                that non-interactive runs against the local state work. Set your own
#                                value (or PULUMI_CONFIG_PASSPHRASE_FILE) before sourcing to override.
#   PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true, PULUMI_SKIP_UPDATE_CHECK=true
#   KUBECONFIG                   kubeconfig of the local cluster written by scripts/cluster-up.sh
#                                (always set; use PULSE_KUBECONFIG to point elsewhere)
#
# Every value can be pre-set by the caller; nothing already set is overwritten except PATH
# (prepended to, once) and KUBECONFIG. The cache dir is ${PULSE_TOOLCHAIN_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pulse-os-toolchain}.

# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

case ":$PATH:" in *":$TC_BIN:"*) ;; *) PATH="$TC_BIN:$PATH" ;; esac
export PATH
export PULUMI_HOME=${PULUMI_HOME:-$TC_DIR/pulumi-home}
export PULUMI_BACKEND_URL=${PULUMI_BACKEND_URL:-file://$TC_DIR/state}
if [ -z "${PULUMI_CONFIG_PASSPHRASE+x}" ] && [ -z "${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ]; then
  export PULUMI_CONFIG_PASSPHRASE="local-dev-only-not-a-secret"
fi
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=${PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION:-true}
export PULUMI_SKIP_UPDATE_CHECK=${PULUMI_SKIP_UPDATE_CHECK:-true}
# Always the local cluster (a kubeconfig inherited from the shell must not leak in);
# PULSE_KUBECONFIG overrides.
export KUBECONFIG=${PULSE_KUBECONFIG:-$TC_CLUSTER/kubeconfig}
mkdir -p "$TC_BIN" "$PULUMI_HOME" 2>/dev/null || true
case $PULUMI_BACKEND_URL in file://*) mkdir -p "${PULUMI_BACKEND_URL#file://}" 2>/dev/null || true ;; esac
