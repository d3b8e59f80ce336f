#!/usr/bin/env bash
# Browser tests drive Debian's Chromium; test tools never download a browser of their own.
set -euo pipefail
bin="${SOUVERAIN_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$bin" ]; then exit 0; fi
echo "[souverain test] Chromium not found at $bin; installing Debian's chromium package" >&2
if [ "$(id -u)" != 0 ]; then
  echo "[souverain test] error: need root to apt-get install chromium (or set SOUVERAIN_CHROMIUM to a Chromium binary)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2 && apt-get install -y -qq chromium >&2
[ -x "$bin" ] || { echo "[souverain test] error: chromium did not install at $bin" >&2; exit 1; }
