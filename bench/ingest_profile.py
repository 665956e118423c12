#!/usr/bin/env python3
"""One ingest load against a release server on a fresh tiny SQLite simulation, for profiling (issue 16).

    python3 bench/ingest_profile.py small          # 1,000 batches of 20 from 64 clients
    python3 bench/ingest_profile.py big --perf     # 40 batches of 500 from 4 clients, under `perf record -g`
    python3 bench/ingest_profile.py small --engine postgres   # a throwaway PostgreSQL; prints its processes' CPU too
    python3 bench/ingest_profile.py small --scale seeds       # into a seed-scale database (352,568 entries; ~1 min to simulate)

Bodies are encoded before the clock starts and posted by bench/loadgen.py (one asyncio loop, a keep-alive connection
per client). Prints entries/s, p50/p99 of one batch, the server's and the client's CPU in cores (and the busiest threads'), and from /metrics the
group commits, the batches they stored and how long the writer was busy. Writes nothing to BENCHMARKS.md.
"""
import argparse, json, os, random, re, shutil, signal, sqlite3, subprocess, tempfile, time, urllib.request, uuid

from loadgen import p50, p99, post_all
from common import BIN, db_args, peak_rss_mb, scratch_database, sh, start_server, wait_counted

CATEGORIES = ["vneid", "ho_so", "thanh_toan", "ky_nang_so", "thu_tuc"]


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().split(")")[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def thread_cpu(pid):
    """CPU seconds per thread name (threads of one name summed): which thread does the work."""
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            name = open(f"/proc/{pid}/task/{tid}/comm").read().strip()
            out[name] = out.get(name, 0) + cpu_seconds(f"{pid}/task/{tid}")
        except OSError:
            pass
    return out


def written_bytes(pid):
    """Bytes the process has caused to be written to storage (/proc/<pid>/io)."""
    for line in open(f"/proc/{pid}/io"):
        if line.startswith("write_bytes:"):
            return int(line.split()[1])
    return 0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("load", choices=["small", "big"])
    p.add_argument("--perf", action="store_true", help="record the server with perf into bench-<load>.perf")
    p.add_argument("--dwarf", action="store_true", help="with --perf: DWARF call graphs (whole stacks through Swift's runtime; slower)")
    p.add_argument("--batches", type=int, help="how many batches (default: 1,000 small or 40 big)")
    p.add_argument("--engine", default="sqlite", choices=["sqlite", "postgres"])
    p.add_argument("--scale", default="tiny", help="the simulated database the load goes into (tiny, seeds, …): "
                   "at seeds scale every entry's index pages are further apart")
    p.add_argument("--copy-of", help="SQLite: load into a copy of this database file instead of simulating one (repeatable A/B "
                   "runs; a file with no WAL beside it, as `caunoi simulate` leaves it)")
    args = p.parse_args()
    with scratch_database(args.engine) as pg:
        profile(args, pg)


def postgres_cpu():
    """CPU seconds of every process named postgres (the scratch cluster's backends; nothing else runs one here)."""
    total = 0
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                if open(f"/proc/{pid}/comm").read().strip() == "postgres":
                    total += cpu_seconds(pid)
            except OSError:
                pass
    return total


def profile(args, pg):
    db = pg.url if pg else os.path.join(tempfile.mkdtemp(prefix="caunoi-profile-"), "ingest.sqlite")
    if args.copy_of and not pg:
        shutil.copyfile(args.copy_of, db)
    else:
        sh(BIN, "simulate", *db_args(db), "--scale", args.scale, "--seed", "3")
    if pg:
        teams = [tuple(line.split("\t")) for line in pg.psql("-At", "-F", "\t", "-c", "SELECT id, home_commune_code FROM teams").splitlines()]
        members = {}
        for line in pg.psql("-At", "-F", "\t", "-c", "SELECT team_id, volunteer_id FROM team_memberships").splitlines():
            team, volunteer = line.split("\t")
            members.setdefault(team, []).append(volunteer)
    else:
        con = sqlite3.connect(db)
        teams = con.execute("SELECT id, home_commune_code FROM teams").fetchall()
        members = {}
        for team, volunteer in con.execute("SELECT team_id, volunteer_id FROM team_memberships"):
            members.setdefault(team, []).append(volunteer)
        con.close()
    rng = random.Random(11)
    as_uuid = lambda v: str(uuid.UUID(bytes=v)) if isinstance(v, bytes) else str(uuid.UUID(v))

    def entry():
        team, commune = rng.choice(teams)
        people = members[team]
        return {"id": str(uuid.uuid4()), "team_id": as_uuid(team), "commune_code": commune, "date": f"2025-08-{rng.randint(1, 10):02d}",
                "volunteer_ids": [as_uuid(v) for v in rng.sample(people, min(len(people), rng.randint(1, 3)))],
                "counts": {c: rng.randint(1, 9) for c in rng.sample(CATEGORIES, 2)}, "place": "service_centre", "languages": ["vi"]}

    count, size, clients = (40, 500, 4) if args.load == "big" else (1_000, 20, 64)
    count = args.batches or count
    bodies = [json.dumps({"entries": [entry() for _ in range(size)]}).encode() for _ in range(count)]
    server, base, token = start_server(BIN, db, 18950 + os.getpid() % 40)
    perf = None
    try:
        if args.perf:
            perf = subprocess.Popen(["perf", "record", *(["-F", "300", "--call-graph", "dwarf,16384"] if args.dwarf else ["-F", "1999", "-g"]), "-o", f"bench-{args.load}.perf", "-p", str(server.pid)],
                                    stderr=subprocess.DEVNULL)
            time.sleep(1)
        written = written_bytes(server.pid)
        server_cpu, client, threads, database_cpu = cpu_seconds(server.pid), os.times(), thread_cpu(server.pid), postgres_cpu()
        created, elapsed, latencies, statuses = post_all(base, "/api/v1/support-entries/batch", token, bodies, clients)
        start = time.perf_counter() - elapsed
        if set(statuses) != {200}:
            print(f"warning: answers by status {statuses}")
        server_cpu, client_after, threads_after = cpu_seconds(server.pid) - server_cpu, os.times(), thread_cpu(server.pid)
        database_cpu = postgres_cpu() - database_cpu
        busiest = sorted(((threads_after[n] - threads.get(n, 0), n) for n in threads_after), reverse=True)[:6]
        print("threads (cores): " + ", ".join(f"{name} {cpu / elapsed:.2f}" for cpu, name in busiest))
        counted = wait_counted(base, token)
        until_counted = time.perf_counter() - start
        latencies.sort()
        print(f"{args.load}: {created / elapsed:,.0f} entries/s, p50 {p50(latencies) * 1000:.0f} ms, "
              f"p99 {p99(latencies) * 1000:.0f} ms, {created:,} created")
        print(f"server {server_cpu / elapsed:.2f} cores, client "
              f"{(client_after.user + client_after.system - client.user - client.system) / elapsed:.2f} cores, "
              + (f"PostgreSQL {database_cpu / elapsed:.2f} cores, " if pg else "") + f"over {elapsed:.1f} s")
        print(f"counted in the ledger after {until_counted:.1f} s: {created / until_counted:,.0f} entries/s stored and counted"
              if counted else "not all counted in the ledger within 300 s")
        print(f"server peak memory {peak_rss_mb(server.pid):.0f} MB; wrote {(written_bytes(server.pid) - written) / 1e6:,.0f} MB "
              "to storage from the load's start until counted (WAL, checkpoints)")
        metrics = urllib.request.urlopen(urllib.request.Request(base + "/metrics", headers={"Authorization": f"Bearer {token}"})).read().decode()

        def value(name):
            found = re.search(r"^" + name + r"(?:\{[^}]*\})? ([0-9.e+]+)$", metrics, re.M)
            return float(found.group(1)) if found else float("nan")
        print(f"{value('caunoi_group_commit_batches_total'):.0f} batches in {value('caunoi_group_commits_total'):.0f} commits; "
              f"writer busy {value('caunoi_group_commit_duration_seconds_sum'):.2f} s of {elapsed:.2f} s; ledger "
              f"{value('caunoi_ledger_apply_duration_seconds_count'):.0f} transactions, {value('caunoi_ledger_apply_duration_seconds_sum'):.2f} s")
    finally:
        if perf:
            perf.send_signal(signal.SIGINT)
            perf.wait()
        server.terminate()
        server.wait()
        if not pg:
            shutil.rmtree(os.path.dirname(db), ignore_errors=True)


if __name__ == "__main__":
    main()
