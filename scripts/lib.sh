# Shared helpers for the scripts in this folder. Source it; it defines functions and the repo root.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export NEXT_TELEMETRY_DISABLED=1
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
jobs_count() { nproc 2>/dev/null || echo 2; }
