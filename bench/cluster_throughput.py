#!/usr/bin/env python3
"""One node against two, on PostgreSQL at seed scale, through nginx (scripts/cluster.py), side by side.

    python3 bench/cluster_throughput.py                 # seeds, release build; appends a table to BENCHMARKS.md
    python3 bench/cluster_throughput.py --smoke         # tiny, debug build, one short run, nothing appended

wrk at 64 connections on the national dashboard page and the national rollup API (one reporting week), first through
an nginx that sends everything to node 1, then through the cluster's nginx that spreads over both nodes; then API
ingest (batches of 500, 4 clients) through each. Everything (PostgreSQL, nodes, nginx, wrk) shares this machine's
cores, so the figures say what a second node adds on one host, not on two.
"""
import argparse, concurrent.futures, json, os, random, shutil, statistics, sys, time, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "scripts"))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests", "cluster"))
from common import BIN, ROOT, append_results, sh  # noqa: E402
from run import wrk  # noqa: E402
from cluster import Cluster, Nginx  # noqa: E402
from faults import admin_token, make_entry, teams_and_members  # noqa: E402


def batches_for(pg, count, size, seed):
    teams, members = teams_and_members(pg)
    rng = random.Random(seed)
    return [[make_entry(rng, teams, members) for _ in range(size)] for _ in range(count)]


def ingest(base, token, batches):
    def post(batch):
        req = urllib.request.Request(base + "/api/v1/support-entries/batch", data=json.dumps({"entries": batch}).encode(),
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
        return json.loads(urllib.request.urlopen(req, timeout=300).read())["summary"]["created"]

    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        created = sum(pool.map(post, batches))
    return created / (time.perf_counter() - start)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--smoke", action="store_true")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--binary", default=BIN)
    args = p.parse_args()
    has_wrk = shutil.which("wrk") is not None
    if not has_wrk and not args.smoke:
        sys.exit("wrk is not installed: apt-get install -y wrk")
    binary = os.path.join(ROOT, ".build/debug/caunoi") if args.smoke and args.binary == BIN else args.binary
    runs, seconds, scale = (1, 2, "tiny") if args.smoke else (args.runs, 10, "seeds")
    port = 18100 + os.getpid() % 300
    cluster = Cluster(binary, nodes=2, port=port)
    results = []

    def record(name, value, unit, target=""):
        print(f"{name}: {value:,.1f} {unit}", flush=True)
        results.append((name, value, unit, target))

    try:
        start = time.perf_counter()
        sh(binary, "simulate", "--database-url", cluster.url, "--scale", scale, "--seed", "2025")
        print(f"simulate {scale} on PostgreSQL: {time.perf_counter() - start:.1f} s", flush=True)
        token = admin_token(cluster.setup_link())
        one = Nginx(os.path.join(cluster.work, "one-node"), port + 50, [cluster.nodes[0].port])
        fronts = [("1 node", one.base), ("2 nodes", cluster.base)]
        paths = [("national dashboard page", "/"), ("national rollup API, one week", "/api/v1/reports/rollup?unit=VN&week=2025-08-07")]
        seen = {}
        for run in range(runs):
            for front, base in fronts:
                for name, path in paths if has_wrk else []:  # the smoke run reads the ingest path only, without wrk
                    for label, value, unit, _ in wrk(base + path, token, seconds):
                        seen.setdefault((front, name, label, unit), []).append(value)
                rate = ingest(base, token, batches_for(cluster.pg, 8 if args.smoke else 40, 500, seed=run * 10 + len(front)))
                seen.setdefault((front, "API ingest, batches of 500, 4 clients", "entries/s", "entries/s"), []).append(rate)
                print(f"run {run + 1}, {front}: ingest {rate:,.0f} entries/s", flush=True)
        for (front, name, label, unit), values in seen.items():
            shown = ", ".join(f"{v:,.1f}" for v in values)
            record(f"{name}, {front} via nginx: {label} (median of {len(values)}: {shown})", statistics.median(values), unit)
        one.stop()
    finally:
        cluster.stop()
    if not args.smoke:
        append_results(f"one node against two behind nginx, PostgreSQL 15, seeds, {os.cpu_count()} cores", results)


if __name__ == "__main__":
    main()
