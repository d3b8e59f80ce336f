# shellcheck shell=bash
# Sourced by the other scripts: puts a Node 22 first on PATH and installs the workspace when the
# lockfile changed. Everything it fetches goes under .tools/ and node_modules/ in the checkout.
#
# Why: Backstage 1.55 needs Node 22 (Node 24 crashes better-sqlite3 here, Node 20 is too old), and
# the machines ship Node 20. See docs/decisions/0003-node-22-project-local.md.

SOUVERAIN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SOUVERAIN_NODE_VERSION="22.23.3"

souverain_log() { printf '\033[1;34m[souverain]\033[0m %s\n' "$*" >&2; }
souverain_die() { printf '\033[1;31m[souverain] error:\033[0m %s\n' "$*" >&2; exit 1; }

souverain_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

souverain_ensure_node() {
  if [ "$(souverain_node_major)" = "22" ]; then
    return 0
  fi
  local arch pkg tools
  if [ "$(uname -s)" != "Linux" ]; then
    souverain_die "Node 22 is needed (found $(node --version 2>/dev/null || echo none)); on $(uname -s), install Node 22 and put it first on PATH"
  fi
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) souverain_die "unsupported CPU $(uname -m): install Node 22 yourself and put it first on PATH" ;;
  esac
  pkg="node-linux-${arch}"
  tools="$SOUVERAIN_ROOT/.tools"
  local bin="$tools/node_modules/$pkg/bin"
  if [ ! -x "$bin/node" ] || [ "$("$bin/node" -p process.versions.node 2>/dev/null)" != "$SOUVERAIN_NODE_VERSION" ]; then
    command -v npm >/dev/null || souverain_die "npm is needed to fetch Node 22"
    souverain_log "system Node is $(node --version 2>/dev/null || echo missing); fetching Node $SOUVERAIN_NODE_VERSION into .tools/ (once)"
    mkdir -p "$tools"
    # A package.json of its own keeps npm from treating .tools as part of the workspace.
    [ -f "$tools/package.json" ] || echo '{"name":"souverain-tools","private":true}' >"$tools/package.json"
    (cd "$tools" && npm install --no-audit --no-fund --no-package-lock --loglevel=error "$pkg@$SOUVERAIN_NODE_VERSION" >&2) ||
      souverain_die "could not install $pkg@$SOUVERAIN_NODE_VERSION from the npm registry"
  fi
  export PATH="$bin:$PATH"
  hash -r
}

# Native addons (better-sqlite3) must be compiled against the headers of the Node that runs them;
# the machine-wide npm config points nodedir at the system Node 20 headers.
souverain_nodedir() {
  local prefix
  prefix="$(dirname "$(dirname "$(command -v node)")")"
  if [ -d "$prefix/include/node" ]; then
    export npm_config_nodedir="$prefix"
  fi
}

souverain_install_stamp() {
  {
    node --version
    cat "$SOUVERAIN_ROOT/package-lock.json" 2>/dev/null
  } | sha256sum | cut -c1-32
}

souverain_ensure_install() {
  local stamp_file="$SOUVERAIN_ROOT/node_modules/.souverain-install" want
  want="$(souverain_install_stamp)"
  if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$want" ]; then
    return 0
  fi
  cd "$SOUVERAIN_ROOT" || exit 1
  if [ -f package-lock.json ]; then
    souverain_log "installing dependencies (npm ci; about 3 minutes on a cold 2-core machine)"
    npm ci --no-audit --no-fund --loglevel=error >&2 || souverain_die "npm ci failed (see above)"
  else
    souverain_log "no package-lock.json: running npm install to create one"
    npm install --no-audit --no-fund --loglevel=error >&2 || souverain_die "npm install failed (see above)"
  fi
  if ! node -e "new (require('better-sqlite3'))(':memory:').close()" 2>/dev/null; then
    souverain_log "rebuilding better-sqlite3 against Node $(node --version)"
    npm rebuild better-sqlite3 >&2 || souverain_die "could not build better-sqlite3 (needs python3, make and g++)"
  fi
  souverain_install_stamp >"$stamp_file"
}

souverain_bootstrap() {
  souverain_ensure_node
  souverain_nodedir
  souverain_ensure_install
  export PATH="$SOUVERAIN_ROOT/node_modules/.bin:$PATH"
}
