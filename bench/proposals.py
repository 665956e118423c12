"""Issue 12: a national reinforcement proposal (about 308,000 volunteers, requests in 500 communes for 5,000 people)
timed in the release binary, and its total cost checked against the optimum that an LP solver (scipy's HiGHS) finds
on a superset of the pairs CauNoi solved (each request's D cheapest candidates, D = all places asked for). The LP is a
transportation problem, so its optimum is integral and must equal CauNoi's.

    python3 bench/proposals.py [--runs 3]          # appends a section to BENCHMARKS.md
    python3 bench/proposals.py --smoke --binary .build/debug/caunoi   # small instance, no results file (CI)
    python3 bench/proposals.py --app-db FILE    # through the server: 500 requests on a copy of a seed-scale database
"""
import argparse, json, os, random, shutil, sqlite3, subprocess, sys, tempfile, time, urllib.request

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import BIN, append_results, start_server


def plan(binary, size, export=None):
    args = [binary, "bench-plan", *size] + (["--export", export] if export else [])
    return json.loads(subprocess.run(args, check=True, text=True, capture_output=True).stdout.strip().splitlines()[-1])


def lp_optimum(directory):
    """Most places filled, then least cost: every assignment earns a reward larger than any cost."""
    def read(name):
        return np.loadtxt(os.path.join(directory, name), delimiter=",", skiprows=1, dtype=np.int64, ndmin=2)
    needs, teams, edges = read("needs.csv"), read("teams.csv"), read("edges.csv")
    need, volunteer, team, cost = edges[:, 0], edges[:, 1], edges[:, 2], edges[:, 3].astype(float)
    reward = float(cost.max() + 1) * 10
    n = len(edges)
    vols, vol_row = np.unique(volunteer, return_inverse=True)
    with_team = team >= 0
    rows_need = need
    rows_vol = len(needs) + vol_row
    rows_team = len(needs) + len(vols) + team[with_team]
    data = np.ones(2 * n + with_team.sum())
    r = np.concatenate([rows_need, rows_vol, rows_team])
    c = np.concatenate([np.arange(n), np.arange(n), np.arange(n)[with_team]])
    a = coo_matrix((data, (r, c)), shape=(len(needs) + len(vols) + len(teams), n)).tocsr()
    b = np.concatenate([needs[:, 1], np.ones(len(vols)), teams[:, 1]]).astype(float)
    started = time.monotonic()
    res = linprog(cost - reward, A_ub=a, b_ub=b, bounds=(0, 1), method="highs")
    seconds = time.monotonic() - started
    assert res.status == 0, res.message
    filled = int(round(res.x.sum()))
    return filled, int(round(res.fun + reward * res.x.sum())), seconds, n


def post(base, token, path, body):
    req = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(req, timeout=600) as r:
        return json.loads(r.read())


def through_server(binary, source, runs):
    """Copies a seeded SQLite database, raises 500 requests for 5,000 people in communes that have a team through the API,
    then times the national proposal (POST /api/v1/reinforcement-proposals): reading the pool, planning, writing the moves."""
    with tempfile.TemporaryDirectory() as d:
        db = os.path.join(d, "app.sqlite")
        shutil.copyfile(source, db)
        con = sqlite3.connect(db)
        volunteers = con.execute("SELECT COUNT(*) FROM volunteers WHERE status = 'active'").fetchone()[0]
        teams = con.execute("SELECT id, home_commune_code FROM teams GROUP BY home_commune_code ORDER BY random() LIMIT 500").fetchall()
        con.close()
        server, base, token = start_server(binary, db, 18000 + random.randrange(900))
        try:
            rng, left = random.Random(12), 5000
            today = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 7 * 3600))
            for i, (team, commune) in enumerate(teams):
                size = left if i == len(teams) - 1 else max(1, min(left - (len(teams) - 1 - i), rng.randint(2, 18)))
                left -= size
                body = {"commune_code": commune, "team_id": team, "people": size, "from_date": today,
                        "skills": ["technology", "communication"], "motorbike_required": rng.random() < 0.3}
                post(base, token, "/api/v1/reinforcements", body)
            times, outcome = [], None
            for _ in range(runs):
                started = time.monotonic()
                outcome = post(base, token, "/api/v1/reinforcement-proposals", {})
                times.append(time.monotonic() - started)
                print(f"through the server: {outcome} in {times[-1]:.2f} s")
            return volunteers, times, outcome
        finally:
            server.terminate()
            server.wait()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary", default=BIN)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--smoke", action="store_true")
    p.add_argument("--app-db", help="a seed-scale SQLite database (copied, never changed) to time the proposal through the server")
    args = p.parse_args()
    if args.app_db:
        volunteers, times, outcome = through_server(args.binary, args.app_db, args.runs)
        times.sort()
        append_results(f"issue 12: national proposal through the server (SQLite, {volunteers:,} volunteers, 500 requests, 5,000 people)",
                       [("POST /api/v1/reinforcement-proposals, median of %d" % len(times), times[len(times) // 2], "s", "≤ 2 s"),
                        ("slowest", times[-1], "s", ""),
                        ("places proposed", float(outcome["proposed"]), "", ""), ("places unfilled", float(outcome["unfilled"]), "", "")])
        return
    size = ["--volunteers", "3000", "--needs", "20", "--people", "200"] if args.smoke else []
    with tempfile.TemporaryDirectory() as d:
        first = plan(args.binary, size, export=d)
        filled, cost, lp_seconds, variables = lp_optimum(d)
    print(f"CauNoi: {first['filled']} moves, cost {first['total_cost']}; HiGHS: {filled} moves, cost {cost} "
          f"({variables:,} variables, {lp_seconds:.1f} s)")
    assert (first["filled"], first["total_cost"]) == (filled, cost), "CauNoi's proposal is not the LP optimum"
    if args.smoke:
        print("smoke: the proposal equals the LP optimum")
        return
    times = [first["seconds"]] + [plan(args.binary, size)["seconds"] for _ in range(args.runs - 1)]
    for t in times:
        print(f"national proposal: {t:.2f} s")
    times.sort()
    append_results(
        f"issue 12: national reinforcement proposal ({first['volunteers']:,} volunteers, {first['needs']} requests, "
        f"{first['people']:,} people; {first['candidate_pairs']:,} candidate pairs in the certified lists, {first['rounds']} round(s))",
        [("proposal time, median of %d runs" % len(times), times[len(times) // 2], "s", "≤ 2 s"),
         ("proposal time, slowest", times[-1], "s", ""),
         ("places filled (CauNoi = HiGHS)", float(filled), "", "equal"),
         ("total cost in metres-equivalent (CauNoi = HiGHS)", float(cost), "m", "equal"),
         ("HiGHS time on the superset (each request's D cheapest)", lp_seconds, "s", "")])


if __name__ == "__main__":
    main()
