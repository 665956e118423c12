#!/usr/bin/env python3
"""A CauNoi cluster on loopback with one command: PostgreSQL (Debian's postgresql), N `caunoi serve` nodes and
nginx (Debian's nginx) in front, the way deploy/ describes a real deployment.

    python3 scripts/cluster.py                     # 2 nodes, debug build, nginx on 127.0.0.1:8088; Ctrl-C stops all
    python3 scripts/cluster.py --nodes 3 --binary .build-release/release/caunoi --port 9000

It prints the address, a set-up link for a first central administrator and where the logs are. Imported by the
fault tests (tests/cluster/faults.py) and the throughput benchmark (bench/cluster_throughput.py).
"""
import argparse, glob, os, re, shutil, signal, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def sh(*args, **kw):
    return subprocess.run(args, check=True, text=True, capture_output=True, **kw).stdout


def wait_http(url, seconds=120, ok=lambda status: status == 200):
    """Until `url` answers with a status `ok` accepts; returns the seconds waited or raises."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        try:
            status = urllib.request.urlopen(url, timeout=2).status
        except urllib.error.HTTPError as e:
            status = e.code
        except Exception:
            status = None
        if status is not None and ok(status):
            return time.monotonic() - start
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


class Postgres:
    """A PostgreSQL cluster in `work`, durable as a deployment runs it (fsync on)."""

    def __init__(self, work, port):
        bindirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
        if not bindirs:
            sys.exit("PostgreSQL is not installed: apt-get install -y postgresql")
        self.bin, self.dir, self.port = bindirs[-1], os.path.join(work, "pg"), port
        os.makedirs(self.dir)
        self.as_user = []
        if os.getuid() == 0:
            shutil.chown(self.dir, "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        sh(*self.as_user, f"{self.bin}/initdb", "-D", f"{self.dir}/data", "-U", "caunoi", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        self.start()
        sh("psql", "-h", "127.0.0.1", "-p", str(port), "-U", "caunoi", "-d", "postgres", "-c", "CREATE DATABASE caunoi")
        self.url = f"postgres://caunoi@127.0.0.1:{port}/caunoi"

    def start(self):
        sh(*self.as_user, f"{self.bin}/pg_ctl", "-D", f"{self.dir}/data", "-l", f"{self.dir}/log", "-w", "-o",
           f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c max_connections=200", "start")

    def stop(self, mode="fast"):
        """mode "immediate" is a crash: no checkpoint, connections cut, recovery at the next start."""
        subprocess.run([*self.as_user, f"{self.bin}/pg_ctl", "-D", f"{self.dir}/data", "-m", mode, "-w", "stop"], capture_output=True)

    def psql(self, sql):
        return sh("psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "caunoi", "-d", "caunoi", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql)


class Node:
    def __init__(self, binary, database_url, port, public_url, log):
        self.binary, self.database_url, self.port, self.public_url, self.log = binary, database_url, port, public_url, log
        self.base = f"http://127.0.0.1:{port}"
        self.process = None

    def start(self, wait=True):
        env = {**os.environ, "DATABASE_URL": self.database_url, "CAUNOI_PORT": str(self.port), "CAUNOI_PUBLIC_URL": self.public_url,
               "CAUNOI_TRUST_PROXY": "1", "LOG_LEVEL": os.environ.get("LOG_LEVEL", "warning")}
        self.process = subprocess.Popen([self.binary, "serve"], env=env, stdout=open(self.log, "a"), stderr=subprocess.STDOUT)
        if wait:
            wait_http(self.base + "/healthz")

    def kill(self):
        """SIGKILL: no shutdown handlers, connections dropped mid-request."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


NGINX_CONF = """
{user}worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 2048; }}
http {{
    access_log off;
    client_body_temp_path {work}/nginx-tmp/body;
    proxy_temp_path {work}/nginx-tmp/proxy;
    fastcgi_temp_path {work}/nginx-tmp/fastcgi;
    uwsgi_temp_path {work}/nginx-tmp/uwsgi;
    scgi_temp_path {work}/nginx-tmp/scgi;
    upstream caunoi_nodes {{
{servers}
        keepalive 64;
    }}
    server {{
        listen 127.0.0.1:{port};
        include {root}/deploy/nginx-caunoi-locations.conf.inc;
    }}
}}
"""


class Nginx:
    def __init__(self, work, port, node_ports):
        self.work, self.port = work, port
        os.makedirs(os.path.join(work, "nginx-tmp"), exist_ok=True)
        servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=0;" for p in node_ports)
        user = "user root;\n" if os.getuid() == 0 else ""
        self.conf = os.path.join(work, "nginx.conf")
        with open(self.conf, "w") as f:
            f.write(NGINX_CONF.format(user=user, work=work, root=ROOT, servers=servers, port=port))
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not os.path.exists(nginx):
            sys.exit("nginx is not installed: apt-get install -y nginx")
        sh(nginx, "-t", "-q", "-c", self.conf, "-p", work)
        self.process = subprocess.Popen([nginx, "-c", self.conf, "-p", work, "-g", "daemon off;"],
                                        stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "nginx-error.log"), "a"))
        self.base = f"http://127.0.0.1:{port}"
        wait_http(self.base + "/healthz")

    def stop(self):
        self.process.terminate()
        self.process.wait()


class Cluster:
    def __init__(self, binary, nodes=2, port=8088, work=None):
        self.work = work or tempfile.mkdtemp(prefix="caunoi-cluster-")
        os.chmod(self.work, 0o755)  # PostgreSQL runs as its own user when this runs as root
        self.binary = os.path.abspath(binary)
        self.pg = Postgres(self.work, 55400 + os.getpid() % 500)
        self.url = self.pg.url
        public = f"http://127.0.0.1:{port}"
        # Migrations and reference data once, as a deployment step, before any node starts.
        sh(self.binary, "migrate", "--database-url", self.url)
        node_ports = [port + 1 + i for i in range(nodes)]
        self.nodes = [Node(self.binary, self.url, p, public, os.path.join(self.work, f"node-{i + 1}.log")) for i, p in enumerate(node_ports)]
        for node in self.nodes:
            node.start(wait=False)
        for node in self.nodes:
            wait_http(node.base + "/healthz")
        self.nginx = Nginx(self.work, port, node_ports)
        self.base = self.nginx.base

    def setup_link(self, username="quan.tri", name="Quản trị Trung ương"):
        out = sh(self.binary, "user", "create", "--database-url", self.url, "--username", username, "--name", name, "--public-url", self.base)
        return re.search(r"http://\S+thiet-lap\?ma=[A-Za-z0-9_-]+", out).group(0)

    def stop(self, keep=False):
        for part in [self.nginx, *self.nodes]:
            try:
                part.stop()
            except Exception:
                pass
        self.pg.stop()
        if not keep and not os.environ.get("CAUNOI_KEEP_CLUSTER"):
            shutil.rmtree(self.work, ignore_errors=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--nodes", type=int, default=2)
    p.add_argument("--port", type=int, default=8088, help="nginx's port; nodes take the next ones")
    p.add_argument("--binary", default=os.path.join(ROOT, ".build/debug/caunoi"))
    args = p.parse_args()
    if not os.path.exists(args.binary):
        sys.exit(f"{args.binary} is missing: swift build --product caunoi (or -c release)")
    cluster = Cluster(args.binary, args.nodes, args.port)
    print(f"CauNoi on {cluster.base} (nginx) → {', '.join(n.base for n in cluster.nodes)}; PostgreSQL {cluster.url}")
    print(f"First central administrator: {cluster.setup_link()}")
    print(f"Logs and data: {cluster.work} (removed on exit). Ctrl-C stops everything.")
    try:
        signal.sigwait([signal.SIGINT, signal.SIGTERM])
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
