#!/usr/bin/env python3
"""Fault tests: a steady load of support-entry batches while app nodes are killed and the database crashes.

    python3 tests/cluster/faults.py --binary .build-release/release/caunoi              # 10 node kills, 3 DB crashes, 20 SQLite kills
    python3 tests/cluster/faults.py --binary .build/debug/caunoi --short                # CI: 2, 1 and 5

PostgreSQL: the cluster of scripts/cluster.py (2 nodes behind nginx). Four clients send batches of 20 entries, as
phones do, through nginx, each batch again until it is answered (the entry ids make resending safe), honouring
Retry-After (`--clients 32`: many phones at once, so batches share commits). Meanwhile a node is killed with SIGKILL and restarted, and PostgreSQL is stopped with
`pg_ctl -m immediate` (a crash) and started again. SQLite: one node on a file, killed with SIGKILL during ingest.

It fails unless every entry acknowledged (created, or duplicate of an earlier unanswered send) is stored exactly
once, the other node kept answering during every kill, every 503 carried Retry-After, nothing else went wrong
(no 500, no rejected entry), and every node served again after each crash without being restarted; afterwards the
running nodes count every entry into the rollup ledger (also those a killed node left pending), and the ledger's
national total equals the entries'.
"""
import argparse, json, os, random, re, shutil, signal, sqlite3, subprocess, sys, tempfile, threading, time, urllib.error, urllib.request, uuid

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from cluster import Cluster, sh, wait_http  # noqa: E402

CATEGORIES = ["vneid", "ho_so", "thanh_toan", "ky_nang_so", "thu_tuc"]


def teams_and_members(pg):
    """(team id, home commune) of every team with current members, and those members, from the cluster's database."""
    members = {}
    for line in pg.psql("SELECT team_id, volunteer_id FROM team_memberships WHERE to_date IS NULL").split():
        team, volunteer = line.split("|")
        members.setdefault(team, []).append(volunteer)
    teams = [tuple(line.split("|")) for line in pg.psql("SELECT id, home_commune_code FROM teams").split()]
    return [t for t in teams if t[0] in members], members


def make_entry(rng, teams, members):
    """One valid support entry with a fresh id, as the field app sends it."""
    team, commune = rng.choice(teams)
    people = members[team]
    return {"id": str(uuid.uuid4()), "team_id": team, "commune_code": commune, "date": f"2025-08-{rng.randint(1, 10):02d}",
            "volunteer_ids": rng.sample(people, min(len(people), rng.randint(1, 3))),
            "counts": {c: rng.randint(1, 9) for c in rng.sample(CATEGORIES, 2)}, "place": "service_centre", "languages": ["vi"]}


class Load:
    """Client threads sending batches until each is answered; what was acknowledged and what was seen on the way."""

    def __init__(self, base, token, teams, members, clients=4, size=20, seed=7):
        self.base, self.token, self.teams, self.members, self.size = base, token, teams, members, size
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.acknowledged = set()
        self.answered_batches = 0
        self.seen = {}  # what the clients met: "200", "503 with Retry-After", "502", "connection refused" …
        self.problems = []
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.client, args=(i,), daemon=True) for i in range(clients)]

    def start(self):
        for t in self.threads:
            t.start()

    def stop(self):
        self.stopping.set()
        for t in self.threads:
            t.join(timeout=180)
            if t.is_alive():
                self.problems.append("a client never got its last batch answered")

    def note(self, what):
        with self.lock:
            self.seen[what] = self.seen.get(what, 0) + 1

    def batch(self, rng):
        return [make_entry(rng, self.teams, self.members) for _ in range(self.size)]

    def client(self, index):
        rng = random.Random(index * 7919 + 1)
        while not self.stopping.is_set():
            entries = self.batch(rng)
            body = json.dumps({"entries": entries}).encode()
            while True:  # the same batch until it is answered
                req = urllib.request.Request(self.base + "/api/v1/support-entries/batch", data=body,
                                             headers={"Content-Type": "application/json", "Authorization": f"Bearer {self.token}"})
                try:
                    answer = json.loads(urllib.request.urlopen(req, timeout=90).read())
                except urllib.error.HTTPError as e:
                    retry_after = e.headers.get("Retry-After")
                    text = e.read().decode(errors="replace")[:300]
                    if e.code == 503:
                        self.note("503 with Retry-After" if retry_after else "503 without Retry-After")
                        if not retry_after:
                            self.problems.append(f"503 without Retry-After: {text}")
                        time.sleep(min(float(retry_after or 1), 2) * rng.uniform(0.5, 1.0))
                    elif e.code in (502, 504):
                        self.note(f"{e.code} from nginx")  # the node died with the request in flight
                        time.sleep(0.2)
                    else:
                        self.note(str(e.code))
                        self.problems.append(f"HTTP {e.code}: {text}")
                        time.sleep(0.5)
                    continue
                except Exception as e:
                    kind = type(getattr(e, "reason", e)).__name__
                    self.note(kind)  # refused or reset: the node is down
                    if "Timeout" in kind:  # no answer in 90 s: the node's 60 s deadline should have answered 503
                        self.problems.append("a batch went unanswered for 90 s")
                    time.sleep(0.2)
                    continue
                statuses = {r["status"] for r in answer["results"]}
                if not statuses <= {"created", "duplicate"}:
                    self.problems.append(f"unexpected entry statuses {statuses}: {answer['results'][:2]}")
                self.note("200")
                with self.lock:
                    self.acknowledged.update(e["id"] for e in entries)
                    self.answered_batches += 1
                break

    def answered(self):
        with self.lock:
            return self.answered_batches


def admin_token(link):
    return sh(sys.executable, os.path.join(ROOT, "tests/e2e/bootstrap_admin.py"), link).strip()


def wait_for_answers(load, more=2, seconds=60):
    """Until `more` batches are answered after now; returns the seconds waited (None if never)."""
    start, target = time.monotonic(), load.answered() + more
    while time.monotonic() - start < seconds:
        if load.answered() >= target:
            return time.monotonic() - start
        time.sleep(0.05)
    return None


def check_stored(load, counts, label):
    lost = [i for i in load.acknowledged if counts.get(i, 0) == 0]
    doubled = [i for i in load.acknowledged if counts.get(i, 0) > 1]
    print(f"{label}: {len(load.acknowledged):,} entries acknowledged in {load.answered():,} batches; lost {len(lost)}, stored twice {len(doubled)}")
    print(f"{label}: clients met {json.dumps(load.seen, sort_keys=True)}")
    failures = [f"{label}: {p}" for p in sorted(set(load.problems))[:10]]
    if lost:
        failures.append(f"{label}: {len(lost)} acknowledged entries lost, e.g. {lost[:3]}")
    if doubled:
        failures.append(f"{label}: {len(doubled)} entries stored twice, e.g. {doubled[:3]}")
    return failures


LEDGER_CHECK = ("SELECT (SELECT COUNT(*) FROM rollup_pending), "
                "(SELECT COALESCE(SUM(value), 0) FROM rollup_daily_sums WHERE scope_code = 'VN' AND measure = 'supports'), "
                "(SELECT COALESCE(SUM(total), 0) FROM support_entries WHERE is_current)")


def check_ledger(query, label, seconds=120):
    """Entries are counted into the rollup ledger after their commit (issue 16); marks left by a killed node are
    counted by a running one. Waits until nothing is pending, then the ledger's national total must equal the
    entries' (an entry counted twice or never would show)."""
    deadline = time.monotonic() + seconds
    while True:
        pending, ledger, entries = query(LEDGER_CHECK)
        if pending == 0 or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    print(f"{label}: ledger: pending {pending}, national supports {ledger:,} against entries {entries:,}")
    if pending:
        return [f"{label}: {pending} entries still not counted in the ledger after {seconds} s"]
    if ledger != entries:
        return [f"{label}: the ledger counts {ledger} supports, the entries hold {entries}"]
    return []


def revocation_across_nodes(cluster, token, rounds=5):
    """A token revoked through one node is refused by the other: milliseconds until it is, per round."""
    first, second = cluster.nodes[0].base, cluster.nodes[1].base

    def call(base, method, path, bearer, body=None):
        req = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {bearer}"})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status, json.loads(r.read() or b"null")
        except urllib.error.HTTPError as e:
            return e.code, None

    took = []
    for i in range(rounds):
        status, probe = call(first, "POST", "/api/v1/tokens", token, {"name": f"probe {i}"})
        assert status == 201, f"token not issued: {status}"
        for _ in range(3):  # the second node now remembers who this token belongs to
            assert call(second, "GET", "/api/v1/auth/me", probe["token"])[0] == 200
        assert call(first, "POST", f"/api/v1/tokens/{probe['id']}/revoke", token)[0] == 200
        start = time.monotonic()
        while call(second, "GET", "/api/v1/auth/me", probe["token"])[0] == 200:
            if time.monotonic() - start > 5:
                break
            time.sleep(0.005)
        took.append(round((time.monotonic() - start) * 1000))
    return took


def postgres_faults(binary, kills, crashes, clients=4):
    cluster = Cluster(binary, nodes=2, port=18500 + os.getpid() % 400)
    failures = []
    try:
        sh(binary, "simulate", "--database-url", cluster.url, "--scale", "tiny", "--seed", "3")
        teams, members = teams_and_members(cluster.pg)
        token = admin_token(cluster.setup_link())
        took = revocation_across_nodes(cluster, token)
        print(f"PostgreSQL: a token revoked on node 1 was refused by node 2 after {took} ms")
        if max(took) >= 1000:
            failures.append(f"PostgreSQL: a revoked token still worked on the other node after {max(took)} ms")
        load = Load(cluster.base, token, teams, members, clients=clients)
        load.start()
        if wait_for_answers(load, 5) is None:
            raise RuntimeError("no batch answered before any fault")
        during_kills = []
        for k in range(kills):
            node = cluster.nodes[k % len(cluster.nodes)]
            time.sleep(random.uniform(0.5, 1.5))
            node.kill()
            before = load.answered()
            time.sleep(1.5)
            during_kills.append(load.answered() - before)
            node.start()
        print(f"PostgreSQL: {kills} node kills; batches answered by the other node while one was down: {during_kills}")
        if kills and min(during_kills) == 0:
            failures.append(f"PostgreSQL: no batch answered while a node was down (per kill: {during_kills})")
        for c in range(crashes):
            time.sleep(1.0)
            cluster.pg.stop("immediate")
            time.sleep(3.0)
            cluster.pg.start()
            waited = wait_for_answers(load, 2)
            # Each node, straight (not through nginx), serves again without a restart.
            back = []
            for node in cluster.nodes:
                try:
                    back.append(round(wait_node(node, token), 2))
                except RuntimeError as e:
                    failures.append(f"PostgreSQL: {e}")
            print(f"PostgreSQL: crash {c + 1}: writes answered again {waited and round(waited, 2)} s after the restart; nodes back in {back} s")
            if waited is None:
                failures.append("PostgreSQL: writes never answered again after a crash")
        time.sleep(1.0)
        load.stop()
        # How often batches shared a commit (since each node's last start).
        merged = []
        for node in cluster.nodes:
            text = urllib.request.urlopen(node.base + "/metrics", timeout=10).read().decode()
            value = lambda name: sum(float(l.split()[-1]) for l in text.splitlines() if l.startswith(name + " "))
            merged.append(f"{int(value('caunoi_group_commit_batches_total'))} batches in {int(value('caunoi_group_commits_total'))} commits")
        print(f"PostgreSQL: group commit per node: {merged}")
        counts = {}
        for line in cluster.pg.psql("SELECT entry_id, count(*) FROM support_entries GROUP BY entry_id").split():
            entry, n = line.split("|")
            counts[entry] = int(n)
        failures += check_stored(load, counts, "PostgreSQL")
        failures += check_ledger(lambda q: [int(v) for v in cluster.pg.psql(q).strip().split("|")], "PostgreSQL")
        if not any(k.startswith("503") for k in load.seen) and crashes:
            failures.append("PostgreSQL: no client saw a 503 while the database was down")
    finally:
        cluster.stop(keep=bool(failures))
        if failures:
            print(f"logs kept in {cluster.work}")
    return failures


def wait_node(node, token, seconds=30):
    """Seconds until the node answers a request that needs the database (who am I)."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        try:
            req = urllib.request.Request(node.base + "/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
            if urllib.request.urlopen(req, timeout=5).status == 200:
                return time.monotonic() - start
        except Exception:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"node {node.base} did not serve again within {seconds} s without a restart")


def sqlite_faults(binary, kills, clients=4):
    work = tempfile.mkdtemp(prefix="caunoi-faults-sqlite-")
    db = os.path.join(work, "caunoi.sqlite")
    sh(binary, "simulate", "--sqlite", db, "--scale", "tiny", "--seed", "3")
    con = sqlite3.connect(db)
    as_uuid = lambda v: str(uuid.UUID(bytes=v)) if isinstance(v, bytes) else str(uuid.UUID(v))
    teams = [(as_uuid(t), c) for t, c in con.execute("SELECT id, home_commune_code FROM teams")]
    members = {}
    for team, volunteer in con.execute("SELECT team_id, volunteer_id FROM team_memberships"):
        members.setdefault(as_uuid(team), []).append(as_uuid(volunteer))
    con.close()
    teams = [t for t in teams if t[0] in members]
    port = 18950 + os.getpid() % 40
    link = re.search(r"http://\S+thiet-lap\?ma=[A-Za-z0-9_-]+",
                     sh(binary, "user", "create", "--sqlite", db, "--username", "faults", "--name", "Kiểm thử", "--public-url", f"http://127.0.0.1:{port}")).group(0)
    log = os.path.join(work, "node.log")
    failures = []
    process = None

    def start():
        nonlocal process
        process = subprocess.Popen([binary, "serve", "--sqlite", db, "--port", str(port)], stdout=open(log, "a"), stderr=subprocess.STDOUT,
                                   env={**os.environ, "LOG_LEVEL": "warning"})
        wait_http(f"http://127.0.0.1:{port}/healthz")

    try:
        start()
        token = admin_token(link)
        load = Load(f"http://127.0.0.1:{port}", token, teams, members, clients=clients)
        load.start()
        wait_for_answers(load, 5)
        for _ in range(kills):
            time.sleep(random.uniform(0.3, 1.2))
            process.send_signal(signal.SIGKILL)
            process.wait()
            start()
        wait_for_answers(load, 2)
        load.stop()
        text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10).read().decode()
        value = lambda name: sum(float(l.split()[-1]) for l in text.splitlines() if l.startswith(name + " "))
        print(f"SQLite: group commit since the last start: {int(value('caunoi_group_commit_batches_total'))} batches "
              f"in {int(value('caunoi_group_commits_total'))} commits")
        con = sqlite3.connect(db)
        failures += check_ledger(lambda q: list(con.execute(q).fetchone()), "SQLite")
        process.terminate()
        process.wait()
        counts = {}
        for entry, n in con.execute("SELECT entry_id, count(*) FROM support_entries GROUP BY entry_id"):
            counts[as_uuid(entry)] = n
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        con.close()
        print(f"SQLite: {kills} kills during ingest; integrity_check: {integrity}")
        if integrity != "ok":
            failures.append(f"SQLite: integrity_check says {integrity}")
        failures += check_stored(load, counts, "SQLite")
    finally:
        if process and process.poll() is None:
            process.kill()
        if not failures:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"logs kept in {work}")
    return failures


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", default=os.path.join(ROOT, ".build/debug/caunoi"))
    p.add_argument("--short", action="store_true", help="CI: 2 node kills, 1 database crash, 5 SQLite kills")
    p.add_argument("--node-kills", type=int)
    p.add_argument("--db-crashes", type=int)
    p.add_argument("--sqlite-kills", type=int)
    p.add_argument("--clients", type=int, default=4, help="clients sending batches at once")
    args = p.parse_args()
    binary = os.path.abspath(args.binary)
    kills = args.node_kills if args.node_kills is not None else (2 if args.short else 10)
    crashes = args.db_crashes if args.db_crashes is not None else (1 if args.short else 3)
    sqlite_kills = args.sqlite_kills if args.sqlite_kills is not None else (5 if args.short else 20)
    random.seed(11)
    failures = postgres_faults(binary, kills, crashes, args.clients) + sqlite_faults(binary, sqlite_kills, args.clients)
    for f in failures:
        print("FAIL", f)
    print("faults: ok" if not failures else f"faults: {len(failures)} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
