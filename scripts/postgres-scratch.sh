#!/usr/bin/env bash
# A disposable PostgreSQL cluster on 127.0.0.1 for tests and benchmarks (sourced, not run).
# Needs Debian's postgresql package; runs the server as the 'postgres' user when invoked as root.

postgres_scratch_start() {
  local bindir
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bindir" ]; then
    echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2
    return 1
  fi
  PG_SCRATCH_DIR=$(mktemp -d /tmp/caunoi-pg.XXXXXX)
  PG_SCRATCH_PORT=${PG_SCRATCH_PORT:-$(( 54000 + RANDOM % 1000 ))}
  local as=()
  if [ "$(id -u)" = "0" ]; then
    chown postgres "$PG_SCRATCH_DIR"
    as=(runuser -u postgres --)
  fi
  "${as[@]}" "$bindir/initdb" -D "$PG_SCRATCH_DIR/data" -U caunoi --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  # fsync off: a test cluster is thrown away, durability buys nothing here.
  "${as[@]}" "$bindir/pg_ctl" -D "$PG_SCRATCH_DIR/data" -l "$PG_SCRATCH_DIR/log" -w \
    -o "-p $PG_SCRATCH_PORT -k $PG_SCRATCH_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
  PG_SCRATCH_BIN=$bindir
  PG_SCRATCH_AS=("${as[@]}")
  export CAUNOI_TEST_POSTGRES_URL="postgres://caunoi@127.0.0.1:${PG_SCRATCH_PORT}/postgres"
}

postgres_scratch_stop() {
  if [ -n "${PG_SCRATCH_DIR:-}" ] && [ -d "$PG_SCRATCH_DIR/data" ]; then
    "${PG_SCRATCH_AS[@]}" "$PG_SCRATCH_BIN/pg_ctl" -D "$PG_SCRATCH_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_SCRATCH_DIR"
  fi
}
