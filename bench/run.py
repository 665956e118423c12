#!/usr/bin/env python3
"""CauNoi benchmarks (release build). Prints each figure and appends a dated row to BENCHMARKS.md.

    python3 bench/run.py --scale seeds            # simulate into a fresh SQLite file, then measure
    python3 bench/run.py --scale tiny --smoke     # what CI runs so the harness cannot rot
    python3 bench/run.py --scale seeds --engine postgres   # the same on a throwaway PostgreSQL on loopback

Measured so far: the simulation's wall time and peak memory, the rollup API (national and province, one
week and the whole campaign, cold and warm) beside the naive GROUP BY over raw entries in the same run,
wrk at 64 connections on the national dashboard page, the rollup API and /healthz (when wrk is installed), and the
server's peak resident memory. Ingest vs raw bulk insert lives in bench/ingest_http.py.
"""
import argparse, json, os, re, shutil, sqlite3, statistics, subprocess, sys, tempfile, time, urllib.request

from common import BIN, ROOT, scratch_database, append_results, db_args, peak_rss_mb, sh, start_server


def get(url, token, timeout=120):
    req = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    start = time.perf_counter()
    body = urllib.request.urlopen(req, timeout=timeout).read()
    return (time.perf_counter() - start) * 1000, json.loads(body)


def patch(url, token, body):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="PATCH",
                                 headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    return json.loads(urllib.request.urlopen(req, timeout=60).read())


def wrk(url, token, seconds=10):
    """requests/s, p50 and p99 at 64 connections, as the admin's bearer token (token None: anonymous)."""
    auth = ["-H", f"Authorization: Bearer {token}"] if token else []
    out = subprocess.run(["wrk", "-t2", "-c64", f"-d{seconds}s", "--latency", *auth, url],
                         text=True, capture_output=True).stdout
    scale = {"us": 0.001, "ms": 1, "s": 1000}
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    rows = [("requests/s", float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "req/s", False),
            ("p50", float(p50.group(1)) * scale[p50.group(2)], "ms", False),
            ("p99", float(p99.group(1)) * scale[p99.group(2)], "ms", True)]
    if errors:
        rows.append(("non-2xx responses", float(errors.group(1)), "", False))
    return rows


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--scale", default="seeds", choices=["tiny", "seeds", "10x"])
    p.add_argument("--binary", default=BIN)
    p.add_argument("--smoke", action="store_true", help="small run, no results file")
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--reuse-db", help="measure an already simulated SQLite file instead of simulating again")
    p.add_argument("--engine", default="sqlite", choices=["sqlite", "postgres"])
    args = p.parse_args()
    if args.smoke:
        args.repeat = 1  # each warm read waits out the 1 s read cache
    with scratch_database(args.engine) as pg:
        run(args, pg)


def run(args, pg):
    engine = "PostgreSQL" if pg else "SQLite"
    work = tempfile.mkdtemp(prefix="caunoi-bench-")
    db = pg.url if pg else (args.reuse_db or os.path.join(work, "bench.sqlite"))
    results = []

    def record(name, value, unit, target=None):
        line = f"{name}: {value:.1f} {unit}" + (f" (target {target})" if target else "")
        print(line, flush=True)
        results.append((name, value, unit, target))

    # 1. Simulation through the domain validators and the API's write path.
    if args.reuse_db:
        print(f"reusing {db}: no simulation timing this run")
    start = time.perf_counter()
    if not args.reuse_db:
        sim = subprocess.run(["/usr/bin/time", "-v", args.binary, "simulate", *db_args(db), "--scale", args.scale, "--seed", "2025"],
                             text=True, capture_output=True)
        if sim.returncode != 0:
            print(sim.stdout, sim.stderr, file=sys.stderr)
            sys.exit(1)
        record(f"simulate {args.scale} ({engine})", time.perf_counter() - start, "s", "≤ 120 s at seeds" if not pg else None)
        rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", sim.stderr)
        if rss:
            record("simulate peak memory", int(rss.group(1)) / 1024, "MB")
        print(sim.stdout.strip())

    # 2. A server on the simulated data, with an admin token made the way a person would.
    server, base, token = start_server(args.binary, db, 18500 + os.getpid() % 400)
    try:
        # The ledger answers the campaign's reporting weeks (Thursday–Wednesday for the seeded campaign), "the campaign up
        # to a week's end" and single days from its counters; other ranges (an ISO week, 03/08–21/08) from the presence
        # rows of their weeks. Communes read their own entries.
        cases = [("national rollup, campaign week Thu–Wed 07/08–13/08", "unit=VN&week=2025-08-07", "≤ 300 ms warm at 10x" if args.scale == "10x" else "≤ 100 ms warm at seeds"),
                 ("province rollup, campaign week (a row per commune)", "unit=79&week=2025-08-07", None if args.scale == "10x" else "≤ 100 ms warm at seeds"),
                 ("national rollup, whole campaign 01/07–31/08", "unit=VN&from=2025-07-01&to=2025-08-31", None),
                 ("province rollup, whole campaign 01/07–31/08", "unit=79&from=2025-07-01&to=2025-08-31", None),
                 ("national rollup, any range 03/08–21/08 (presence rows of its weeks)", "unit=VN&from=2025-08-03&to=2025-08-21", "≤ 3 s warm at 10x" if args.scale == "10x" else "≤ 1 s warm at seeds"),
                 ("national rollup, ISO week 04/08–10/08 (presence rows of its weeks)", "unit=VN&week=2025-W32", None),
                 ("commune rollup, campaign week (raw path)", "unit=26506&week=2025-08-07", None)]
        # "warm": the ledger's figures are cached per node (checked against the ledger generation), but each request is
        # spaced past the node's 1 s read cache so the report is rebuilt; "after a write": each request follows a write
        # that moves the ledger generation (a commune's border flag toggled, then restored), so nothing cached is used,
        # as during a live campaign; "repeat within 1 s" is what a burst of viewers gets from the read cache.
        unit_url = f"{base}/api/v1/org-units/26506"
        border = get(unit_url, token)[1]["attributes"]["is_border"]
        for name, query, target in cases:
            url = f"{base}/api/v1/reports/rollup?{query}"
            cold, report = get(url, token)
            repeated = get(url, token)[0]
            warm, written = [], []
            for _ in range(args.repeat):
                time.sleep(1.1)
                warm.append(get(url, token)[0])
            for i in range(args.repeat + args.repeat % 2):  # an even number of toggles leaves the flag as it was
                patch(unit_url, token, {"is_border": border if i % 2 else not border})
                time.sleep(1.1)
                written.append(get(url, token)[0])
            record(f"{name} cold", cold, "ms")
            record(f"{name} warm (median of {args.repeat}, past the read cache)", statistics.median(warm), "ms", target)
            record(f"{name} after a write (median of {len(written)}, nothing cached)", statistics.median(written), "ms", target)
            record(f"{name} repeat within 1 s (node read cache)", repeated, "ms")
        if shutil.which("wrk") and not args.smoke:
            for name, path, target in [("healthz (minimal route)", "/healthz", None),
                                       ("national dashboard page", "/", "p99 ≤ 50 ms"),
                                       ("national rollup API, one week", "/api/v1/reports/rollup?unit=VN&week=2025-08-07", None)]:
                for label, value, unit, goal in wrk(base + path, token):
                    record(f"wrk 64 conns {name}: {label}", value, unit, goal and target)
        record("server peak memory", peak_rss_mb(server.pid), "MB", "≤ 200 MB")
    finally:
        server.terminate()
        server.wait()

    # 3. The naive GROUP BY over the raw entries, same database, same run.
    naive = {"week": "entry_date BETWEEN '2025-08-07' AND '2025-08-13'", "range 03/08–21/08": "entry_date BETWEEN '2025-08-03' AND '2025-08-21'",
             "campaign": "1=1"}
    queries = {name: [f"SELECT province_code, COUNT(DISTINCT team_id), SUM(total), COUNT(DISTINCT commune_code) "
                      f"FROM support_entries WHERE is_current = {'true' if pg else '1'} AND {where} GROUP BY province_code",
                      f"SELECT COUNT(DISTINCT v.volunteer_id) FROM support_entries e JOIN support_entry_volunteers v ON v.entry_seq = e.seq "
                      f"WHERE e.is_current = {'true' if pg else '1'} AND {where.replace('entry_date', 'e.entry_date')}"]
               for name, where in naive.items()}
    if pg:
        for name, sqls in queries.items():
            start = time.perf_counter()
            for q in sqls:
                pg.psql("-At", "-c", q)
            record(f"naive GROUP BY (psql, incl. connection), {name}", (time.perf_counter() - start) * 1000, "ms")
    else:
        con = sqlite3.connect(db)
        for name, sqls in queries.items():
            start = time.perf_counter()
            for q in sqls:
                con.execute(q).fetchall()
            record(f"naive GROUP BY (sqlite3), {name}", (time.perf_counter() - start) * 1000, "ms")
        con.close()

    if args.smoke:
        print("bench smoke: ok")
        return
    cpu = sh("sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip()
    append_results(f"scale {args.scale}, {engine}, {os.cpu_count()} cores, {cpu}", results)


if __name__ == "__main__":
    main()
