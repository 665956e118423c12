#!/usr/bin/env bash
# Property-based API test: schemathesis against the server's own /openapi.json.
#
#   tests/schemathesis/run.sh path/to/caunoi        (CI: tests/schemathesis/run.sh .build/debug/caunoi)
#
# Starts the binary on a random loopback port with a fresh SQLite file, makes a central admin and an API token the
# way a person would (tests/e2e/bootstrap_admin.py), seeds one record of each kind (seed.py), then runs every
# phase of schemathesis (examples, coverage, fuzzing, stateful) over every operation with the checks and budget of
# schemathesis.toml. Exits non-zero on any failure. Needs `pip install -r tests/schemathesis/requirements.txt`.
# For local exploration: SCHEMATHESIS_SCHEMA=file tests another document than the one the binary serves,
# SCHEMATHESIS_CONFIG=file another configuration, SCHEMATHESIS_EXTRA_ARGS more `st run` options.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
[ $# -eq 1 ] || { echo "usage: $0 path/to/caunoi" >&2; exit 2; }
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -x "$binary" ] || { echo "schemathesis: no executable at $1" >&2; exit 2; }
# The same interpreter pip installed into (its `st` script need not be on PATH).
python3 -c 'import schemathesis' 2>/dev/null \
  || { echo "schemathesis: not installed; python3 -m pip install -r tests/schemathesis/requirements.txt" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/caunoi-schemathesis.XXXXXX")
server=""
cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:$port"
db="$work/caunoi.sqlite"
export LOG_LEVEL=${LOG_LEVEL:-error}

link=$("$binary" user create --sqlite "$db" --username e2e.admin --name "Kiểm thử" --public-url "$base" \
  | grep -o 'http://[^ ]*thiet-lap?ma=[A-Za-z0-9_-]*')
"$binary" serve --sqlite "$db" --hostname 127.0.0.1 --port "$port" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  curl -fsS "$base/healthz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { echo "schemathesis: the server exited:" >&2; cat "$work/server.log" >&2; exit 1; }
  sleep 1
done
curl -fsS "$base/healthz" >/dev/null

export CAUNOI_TOKEN
CAUNOI_TOKEN=$(python3 "$root/tests/e2e/bootstrap_admin.py" "$link")
seed_env=$(python3 "$here/seed.py" "$base" "$CAUNOI_TOKEN")   # a failing seed stops the run here (set -e)
eval "$seed_env"

# The configuration with this run's ids and token filled in (schemathesis reads ${NAME} itself only in some places).
python3 -c 'import os, sys; sys.stdout.write(os.path.expandvars(open(sys.argv[1], encoding="utf-8").read()))' \
  "${SCHEMATHESIS_CONFIG:-$here/schemathesis.toml}" >"$work/schemathesis.toml"

schema=${SCHEMATHESIS_SCHEMA:-$base/openapi.json}
started=$(date +%s)
status=0
(
  cd "$work"   # anything schemathesis writes stays in the temporary directory
  # The budget is max-examples per operation and phase (schemathesis.toml); `timeout` is only a backstop
  # so that a hung run cannot hold CI (it counts as a failure).
  PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}" timeout --signal=INT --kill-after=30 300 \
    python3 -m schemathesis.cli --config-file "$work/schemathesis.toml" run "$schema" --url "$base" ${SCHEMATHESIS_EXTRA_ARGS:-}
) || status=$?
echo "schemathesis: finished in $(( $(date +%s) - started )) s with exit code $status"

# A run whose token died half-way would pass on 403s alone; make sure it was alive to the end.
alive=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $CAUNOI_TOKEN" "$base/api/v1/auth/me")
if [ "$alive" != 200 ]; then
  echo "schemathesis: the run's API token no longer works (GET /api/v1/auth/me answered $alive)" >&2
  status=1
fi
if ! kill -0 "$server" 2>/dev/null; then
  echo "schemathesis: the server died during the run:" >&2
  tail -n 50 "$work/server.log" >&2
  status=1
fi
if [ "$status" -ne 0 ] && [ -s "$work/server.log" ]; then
  echo "== server log (last 50 lines)" >&2
  tail -n 50 "$work/server.log" >&2
fi
exit "$status"
