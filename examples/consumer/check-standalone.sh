#!/usr/bin/env bash
# Builds and runs this example the way another repository would: outside this repo (so nothing
# resolves from its node_modules), depending on the packed @pulse-os/stack-contract tarball,
# with its own install, its own tsconfig and its own tsc. Prints each step and its time.
#   bash check-standalone.sh        (or: npm run check:standalone)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PKG=$(cd "$HERE/../../packages/contract" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
t0=$(date +%s)
step() { printf '==> %s\n' "$1"; s=$(date +%s); }
done_() { printf '    done in %ss\n' "$(( $(date +%s) - s ))"; }

step "pack @pulse-os/stack-contract (its prepare builds dist/)"
tarball=$(cd "$PKG" && npm pack --silent --pack-destination "$WORK" | tail -n 1)
tar -tzf "$WORK/$tarball" | sed 's/^/    /'
done_

step "copy the example to $WORK/consumer"
mkdir -p "$WORK/consumer/test"
cp "$HERE"/package.json "$HERE"/tsconfig.json "$HERE"/Pulumi.yaml "$HERE"/*.ts "$WORK/consumer/"
cp "$HERE"/test/*.ts "$HERE"/test/*.json "$WORK/consumer/test/"
done_

step "install its own dependencies (the contract from the tarball)"
cd "$WORK/consumer"
npm pkg set "dependencies.@pulse-os/stack-contract=file:../$tarball"
npm install --prefer-offline --no-audit --no-fund --loglevel=error
done_

step "build with its own tsc and run it under mocks"
npm test --silent
done_
printf '==> standalone check passed in %ss\n' "$(( $(date +%s) - t0 ))"
