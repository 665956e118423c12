"""Issue 12: a national reinforcement proposal (about 308,000 volunteers, requests in 500 communes for 5,000 people)
timed in the release binary, and its total cost checked against the optimum that an LP solver (scipy's HiGHS) finds
on the same instance. The LP is a transportation problem, so its optimum is integral and must equal CauNoi's.

    python3 bench/proposals.py [--runs 3]          # appends a section to BENCHMARKS.md
    python3 bench/proposals.py --smoke --binary .build/debug/caunoi   # small instance, no results file (CI)
"""
import argparse, json, os, subprocess, sys, tempfile, time

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import BIN, append_results


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


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary", default=BIN)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--smoke", action="store_true")
    args = p.parse_args()
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
        f"{first['people']:,} people; {first['candidate_pairs']:,} candidate pairs after the lossless cut)",
        [("proposal time, median of %d runs" % len(times), times[len(times) // 2], "s", "≤ 2 s"),
         ("proposal time, slowest", times[-1], "s", ""),
         ("places filled (CauNoi = HiGHS)", float(filled), "", "equal"),
         ("total cost in metres-equivalent (CauNoi = HiGHS)", float(cost), "m", "equal"),
         ("HiGHS time on the same cut instance", lp_seconds, "s", "")])


if __name__ == "__main__":
    main()
