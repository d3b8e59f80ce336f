#!/usr/bin/env bash
# npm start: the portal on http://localhost:3000 (backend on :7007).
#   npm start                  SQLite under .data/, guest sign-in, demo org
#   npm run start:postgres     the same on the PostgreSQL at $POSTGRES_HOST (default 127.0.0.1:5432)
set -euo pipefail
source "$(dirname "$0")/env.sh"
souverain_bootstrap
cd "$SOUVERAIN_ROOT"

configs=(--config "$SOUVERAIN_ROOT/app-config.yaml")
if [ "${1:-}" = "--postgres" ]; then
  shift
  export POSTGRES_HOST="${POSTGRES_HOST:-127.0.0.1}" POSTGRES_PORT="${POSTGRES_PORT:-5432}"
  export POSTGRES_USER="${POSTGRES_USER:-postgres}" POSTGRES_PASSWORD="${POSTGRES_PASSWORD:-}"
  export POSTGRES_DATABASE_PREFIX="${POSTGRES_DATABASE_PREFIX:-souverain_}"
  # The concierge's encryption key; a random one per start unless you set it (credentials not
  # yet revealed cannot be read after a restart with a new key).
  export CONCIERGE_ENCRYPTION_KEY="${CONCIERGE_ENCRYPTION_KEY:-$(node -e "process.stdout.write(require('crypto').randomBytes(32).toString('base64'))")}"
  # app-config.local-postgres.yaml sets auth.environment to development, where the GitHub
  # provider's `production` block is not used; these only satisfy the config check.
  export AUTH_GITHUB_CLIENT_ID="${AUTH_GITHUB_CLIENT_ID:-unused-in-development}"
  export AUTH_GITHUB_CLIENT_SECRET="${AUTH_GITHUB_CLIENT_SECRET:-unused-in-development}"
  export APP_BASE_URL="${APP_BASE_URL:-http://localhost:3000}" BACKEND_BASE_URL="${BACKEND_BASE_URL:-http://localhost:7007}"
  configs+=(--config "$SOUVERAIN_ROOT/app-config.production.yaml" --config "$SOUVERAIN_ROOT/app-config.local-postgres.yaml")
  souverain_log "backend on PostgreSQL at $POSTGRES_HOST:$POSTGRES_PORT (databases ${POSTGRES_DATABASE_PREFIX}<plugin>)"
fi

if [ -n "${SOUVERAIN_CONFIG_OVERLAY:-}" ]; then
  configs+=(--config "$(realpath "$SOUVERAIN_CONFIG_OVERLAY")")
fi

node scripts/preflight.mjs
node scripts/check-config.mjs "${configs[@]}"
mkdir -p .data/sqlite
souverain_log "starting the portal: http://localhost:3000 (backend http://localhost:7007)"
exec backstage-cli repo start "${configs[@]}" "$@"
