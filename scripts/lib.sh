# Shared helpers for the scripts in this folder. Source it; it defines functions and the repo root.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export NEXT_TELEMETRY_DISABLED=1
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"

log() { printf '\033[1m==> [%s] %s\033[0m\n' "$(date +%T)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
jobs_count() { nproc 2>/dev/null || echo 2; }

# ---- A private PostgreSQL for tests and the demo -------------------------------------------------
# pg_start DIR PORT: initialises (once) and starts a PostgreSQL cluster under DIR listening only on a Unix
# socket in DIR/sock, creates database "vendly", and exports VENDLY_DATABASE_URL (libpq conninfo).
# Root cannot run initdb, so as root the cluster belongs to the `postgres` user.
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
pg_as() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
pg_start() {
  local dir="$1" port="$2"
  [ -x "$PG_BIN/initdb" ] || die "PostgreSQL binaries not found (run scripts/setup)"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    pg_as "$PG_BIN/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 --no-locale >/dev/null
  fi
  pg_as mkdir -p "$dir/sock"
  pg_as "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir/sock -c listen_addresses='' -c fsync=${PG_FSYNC:-on} -c max_connections=200" start >/dev/null \
    || { tail -20 "$dir/server.log" >&2; die "PostgreSQL did not start (log: $dir/server.log)"; }
  PG_DIR="$dir"
  PG_PORT="$port"
  "$PG_BIN/psql" -h "$dir/sock" -p "$port" -U postgres -d postgres -qtAc \
    "SELECT 1 FROM pg_database WHERE datname='vendly'" | grep -q 1 \
    || "$PG_BIN/createdb" -h "$dir/sock" -p "$port" -U postgres vendly
  export VENDLY_DATABASE_URL="host=$dir/sock port=$port user=postgres dbname=vendly"
  export VENDLY_PG_ADMIN_URL="host=$dir/sock port=$port user=postgres dbname=postgres"
}
pg_stop() {
  [ -n "${PG_DIR:-}" ] && [ -f "$PG_DIR/data/postmaster.pid" ] && \
    pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
}
# free_port: a TCP port on loopback that nothing uses now, below the kernel's ephemeral range
# (net.ipv4.ip_local_port_range): a port from that range can be taken between runs as the source port
# of any outgoing connection, which once made the demo's second start refuse "port in use".
free_port() {
  python3 - <<'PY'
import random, socket
try:
    low = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
except (OSError, ValueError, IndexError):
    low = 32768
for _ in range(500):
    port = random.randint(10000, max(10001, low - 1))
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        continue
    finally:
        s.close()
    print(port)
    break
else:
    s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

# ---- libFuzzer targets (tests/fuzz), for scripts/test (briefly) and scripts/fuzz (longer) ---------
# fuzz_build LOG: configures and builds the fuzz preset (build/fuzz/: the core, the server's parsers of
# outside input and the targets, under ASan/UBSan), its output in LOG.
FUZZ_BUILD="$ROOT/build/fuzz"
# The targets that read caption text: their corpus also gets the dev captions and price examples.
FUZZ_CAPTION_TARGETS="draft_fuzz extract_fuzz price_fuzz reader_fuzz"
fuzz_build() {
  (cd "$ROOT" && cmake --preset fuzz >"$1" 2>&1) && cmake --build "$FUZZ_BUILD" -j "$(jobs_count)" >>"$1" 2>&1
}
fuzz_targets() { for bin in "$FUZZ_BUILD"/bin/*_fuzz; do [ -x "$bin" ] && basename "$bin"; done; }
# fuzz_run TARGET SECONDS WORKDIR: runs build/fuzz/bin/TARGET for SECONDS from its committed seeds
# (tests/fuzz/corpus/TARGET/, plus the captions for FUZZ_CAPTION_TARGETS), the inputs it finds in
# WORKDIR/corpus-TARGET, a crashing input in WORKDIR/crash-TARGET-*, its output in WORKDIR/TARGET.log.
# Returns libFuzzer's status (0: nothing found).
fuzz_run() {
  local name="$1" seconds="$2" work="$3"
  local corpus="$work/corpus-$name"
  mkdir -p "$corpus"
  [ -d "$ROOT/tests/fuzz/corpus/$name" ] && cp "$ROOT/tests/fuzz/corpus/$name"/* "$corpus"/ 2>/dev/null
  case " $FUZZ_CAPTION_TARGETS " in *" $name "*) fuzz_caption_seeds "$corpus" ;; esac
  (cd "$work" && "$FUZZ_BUILD/bin/$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
     -max_len=65536 -artifact_prefix="$work/crash-$name-" "$corpus" >"$work/$name.log" 2>&1)
}
# fuzz_caption_seeds DIR: the dev captions and the price parser's examples, one file each.
fuzz_caption_seeds() {
  python3 - "$ROOT/tests/fixtures" "$1" <<'PY'
import json, sys, os, hashlib
fx, out = sys.argv[1], sys.argv[2]
for name, key in (("captions-dev.jsonl", "caption"), ("price-parser-examples.jsonl", "price_raw")):
    for l in open(os.path.join(fx, name), encoding="utf-8"):
        c = (json.loads(l)[key] or "").encode()
        open(os.path.join(out, hashlib.sha1(c).hexdigest()), "wb").write(c)
PY
}
