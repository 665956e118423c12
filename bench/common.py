"""What both benchmark scripts share: a release server on a SQLite file with an admin token, and the results file."""
import contextlib, datetime, glob, os, re, shutil, socket, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# CAUNOI_BIN: another build to compare against (A/B runs of the same bench).
BIN = os.environ.get("CAUNOI_BIN") or os.path.join(ROOT, ".build-release/release/caunoi")


def sh(*args):
    done = subprocess.run(args, text=True, capture_output=True)
    if done.returncode != 0:
        # Its own words: a bare exit status said nothing when a set-up step failed in CI.
        sys.stderr.write(done.stderr[-4000:])
        done.check_returncode()
    return done.stdout


def peak_rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except FileNotFoundError:
        return 0.0
    return 0.0


def db_args(db):
    """The CLI's database options: a PostgreSQL URL or a SQLite file."""
    return ["--database-url", db] if db.startswith("postgres") else ["--sqlite", db]


def free_port(preferred):
    """`preferred` if nothing listens there, else one the system picks: a port left taken by another step (CI runs
    many servers one after another) made a harness fail with nothing but a refused connection."""
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", preferred))
            return preferred
        except OSError:
            probe.bind(("127.0.0.1", 0))
            return probe.getsockname()[1]


def start_server(binary, db, port):
    """Starts `caunoi serve` and returns (process, base URL, admin API token) made the way a person would."""
    port = free_port(port)
    link = re.search(r"http://\S+thiet-lap\?ma=[A-Za-z0-9_-]+",
                     sh(binary, "user", "create", *db_args(db), "--username", f"bench.{os.getpid()}.{port}", "--name", "Benchmark",
                        "--public-url", f"http://127.0.0.1:{port}")).group(0)
    # SERVER_STDERR: a file for the server's warnings (discarded otherwise).
    errors = open(os.environ["SERVER_STDERR"], "w") if os.environ.get("SERVER_STDERR") else subprocess.DEVNULL
    server = subprocess.Popen([binary, "serve", *db_args(db), "--port", str(port)], stdout=subprocess.DEVNULL,
                              stderr=errors, env={**os.environ, "LOG_LEVEL": "warning"})
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            break
        except Exception:
            if server.poll() is not None:
                sys.exit(f"caunoi serve on port {port} exited with status {server.returncode} before answering /healthz")
            time.sleep(0.3)
    else:
        sys.exit(f"caunoi serve on port {port} did not answer /healthz within a minute")
    token = sh(sys.executable, os.path.join(ROOT, "tests/e2e/bootstrap_admin.py"), link).strip()
    return server, base, token


def metric(base, token, name):
    """One value from the server's /metrics (the first series of that name), or NaN."""
    text = urllib.request.urlopen(urllib.request.Request(base + "/metrics", headers={"Authorization": f"Bearer {token}"})).read().decode()
    found = re.search(r"^" + name + r"(?:\{[^}]*\})? ([0-9.e+]+)$", text, re.M)
    return float(found.group(1)) if found else float("nan")


def wait_counted(base, token, timeout=300):
    """Waits until no entry the server acknowledged waits to be counted in the rollup ledger (entries are stored with
    a pending mark and counted after their commit, issue 16); returns False on timeout."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if metric(base, token, "caunoi_ledger_pending_entries_count") == 0:
            return True
        time.sleep(0.05)
    return False


def append_results(title, results):
    with open(os.path.join(ROOT, "BENCHMARKS.md"), "a") as f:
        f.write(f"\n### {datetime.date.today().isoformat()} — {title}\n\n| measure | value | target |\n|---|---|---|\n")
        for name, value, unit, target in results:
            f.write(f"| {name} | {value:,.1f} {unit} | {target or ''} |\n")


@contextlib.contextmanager
def scratch_database(engine):
    """A throwaway PostgreSQL for `engine == "postgres"` (stopped afterwards), else None: the caller uses a SQLite file."""
    pg = ScratchPostgres() if engine == "postgres" else None
    try:
        yield pg
    finally:
        if pg:
            pg.stop()


class ScratchPostgres:
    """A throwaway PostgreSQL cluster on loopback (Debian's postgresql package), with default durability
    settings (fsync on), so engine and API are measured as a deployment would run them."""

    def __init__(self):
        bindirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
        if not bindirs:
            sys.exit("PostgreSQL is not installed: apt-get install -y postgresql")
        self.bin = bindirs[-1]
        self.dir = tempfile.mkdtemp(prefix="caunoi-bench-pg-")
        self.port = 55000 + os.getpid() % 900
        self.as_user = []
        if os.getuid() == 0:
            shutil.chown(self.dir, "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        sh(*self.as_user, f"{self.bin}/initdb", "-D", f"{self.dir}/data", "-U", "caunoi", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        sh(*self.as_user, f"{self.bin}/pg_ctl", "-D", f"{self.dir}/data", "-l", f"{self.dir}/log", "-w", "-o",
           f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB", "start")
        sh("psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "caunoi", "-d", "postgres", "-c", "CREATE DATABASE bench")
        self.url = f"postgres://caunoi@127.0.0.1:{self.port}/bench"

    def psql(self, *args, stdin=None):
        return subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "caunoi", "-d", "bench", "-v", "ON_ERROR_STOP=1",
                               *args], check=True, text=True, capture_output=True, input=stdin).stdout

    def stop(self):
        subprocess.run([*self.as_user, f"{self.bin}/pg_ctl", "-D", f"{self.dir}/data", "-m", "fast", "-w", "stop"], capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)
