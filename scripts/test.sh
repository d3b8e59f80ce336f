#!/usr/bin/env bash
# npm test: type check, lint, unit and database tests (SQLite and PostgreSQL), backend start-up
# tests and browser tests. Ends with "N passed, N failed".
#   npm test                 everything
#   npm test -- unit e2e     only the named stages (typecheck, lint, unit, backend, e2e)
set -euo pipefail
source "$(dirname "$0")/env.sh"
souverain_bootstrap
cd "$SOUVERAIN_ROOT"
exec node scripts/test.mjs "$@"
