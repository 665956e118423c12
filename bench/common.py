"""What both benchmark scripts share: a release server on a SQLite file with an admin token, and the results file."""
import datetime, os, re, subprocess, sys, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build-release/release/caunoi")


def sh(*args):
    return subprocess.run(args, check=True, text=True, capture_output=True).stdout


def peak_rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except FileNotFoundError:
        return 0.0
    return 0.0


def start_server(binary, db, port):
    """Starts `caunoi serve` and returns (process, base URL, admin API token) made the way a person would."""
    link = re.search(r"http://\S+thiet-lap\?ma=[A-Za-z0-9_-]+",
                     sh(binary, "user", "create", "--sqlite", db, "--username", f"bench.{os.getpid()}.{port}", "--name", "Benchmark",
                        "--public-url", f"http://127.0.0.1:{port}")).group(0)
    server = subprocess.Popen([binary, "serve", "--sqlite", db, "--port", str(port)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env={**os.environ, "LOG_LEVEL": "warning"})
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            break
        except Exception:
            time.sleep(0.3)
    token = sh(sys.executable, os.path.join(ROOT, "tests/e2e/bootstrap_admin.py"), link).strip()
    return server, base, token


def append_results(title, results):
    with open(os.path.join(ROOT, "BENCHMARKS.md"), "a") as f:
        f.write(f"\n### {datetime.date.today().isoformat()} — {title}\n\n| measure | value | target |\n|---|---|---|\n")
        for name, value, unit, target in results:
            f.write(f"| {name} | {value:,.1f} {unit} | {target or ''} |\n")
