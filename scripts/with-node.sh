#!/usr/bin/env bash
# Runs a command with the project's Node 22 and installed dependencies: scripts/with-node.sh CMD...
set -euo pipefail
source "$(dirname "$0")/env.sh"
souverain_bootstrap
cd "$SOUVERAIN_ROOT"
exec "$@"
