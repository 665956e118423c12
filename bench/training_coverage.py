#!/usr/bin/env python3
"""Training coverage at national scale, through the release server on a copy of a seed-scale SQLite database.

    python3 bench/training_coverage.py --app-db /tmp/caunoi-public-*/public.sqlite [--runs 5]

The copy gets a central session (3 topics) attended by ~60% of the volunteers and one re-training session per province
(2 topics) attended by ~40%, written straight into the tables (the attendance pages are not what is timed here).
Timed, as the central admin: the coverage page for the nation (34 provinces and the national total), for Hà Nội
(its communes and total) and for its commune with the most members (with who still needs what), and the briefing of a week for the
nation (which now adds the coverage of the provinces). Medians go to BENCHMARKS.md.
"""
import argparse, os, shutil, sqlite3, statistics, sys, tempfile, time, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import BIN, append_results, sh, start_server  # noqa: E402


# A random version-4-shaped UUID as SQLite text (ids must read back as UUIDs).
UUID_SQL = ("lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-8' || "
            "substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))")


def seed(db):
    con = sqlite3.connect(db)
    cur = con.cursor()
    campaign = cur.execute("SELECT id FROM campaigns WHERE code = 'he-2025'").fetchone()[0]
    central = "c0000000-0000-7000-8000-000000000000"
    cur.execute("DELETE FROM training_attendance")
    cur.execute("DELETE FROM training_session_topics")
    cur.execute("DELETE FROM training_sessions")
    cur.execute("""INSERT INTO training_sessions (id, campaign_id, unit_code, province_code, commune_code, title, held_on, format,
                   connected_units, created_by, created_at) VALUES (?, ?, 'VN', '', '', 'Toàn quốc', '2025-07-10', 'hybrid', '', 'bench',
                   '2025-07-10 00:00:00')""", (central, campaign))
    cur.execute("""INSERT INTO training_sessions (id, campaign_id, unit_code, province_code, commune_code, title, held_on, format,
                   connected_units, parent_id, created_by, created_at)
                   SELECT 'd00000' || code || '-0000-7000-8000-000000000000', ?, code, code, '', 'Tỉnh ' || code, '2025-07-20', 'in_person',
                   '', ?, 'bench', '2025-07-20 00:00:00' FROM org_units WHERE level = 'province'""", (campaign, central))
    for i, topic in enumerate(["vneid", "huong_dan_trung_tam", "ai_co_ban"]):
        cur.execute(f"INSERT INTO training_session_topics (id, session_id, topic) VALUES ({UUID_SQL}, ?, ?)", (central, topic))
    for topic in ["dvc_truc_tuyen", "vneid"]:
        cur.execute(f"INSERT INTO training_session_topics (id, session_id, topic) SELECT {UUID_SQL}, id, ? FROM training_sessions WHERE unit_code <> 'VN'",
                    (topic,))
    cur.execute(f"""INSERT INTO training_attendance (id, session_id, volunteer_id, source, recorded_at)
                   SELECT {UUID_SQL}, ?, id, 'import', '2025-07-10 00:00:00' FROM volunteers WHERE abs(random()) % 10 < 6""", (central,))
    cur.execute(f"""INSERT INTO training_attendance (id, session_id, volunteer_id, source, recorded_at)
                   SELECT {UUID_SQL}, 'd00000' || province_code || '-0000-7000-8000-000000000000', id, 'import', '2025-07-20 00:00:00'
                   FROM volunteers WHERE abs(random()) % 10 < 4""")
    con.commit()
    commune = cur.execute("""SELECT t.home_commune_code FROM team_memberships m JOIN teams t ON t.id = m.team_id WHERE t.province_code = '01'
                             GROUP BY t.home_commune_code ORDER BY COUNT(*) DESC LIMIT 1""").fetchone()[0]
    volunteers = cur.execute("SELECT COUNT(*) FROM volunteers").fetchone()[0]
    attendance = cur.execute("SELECT COUNT(*) FROM training_attendance").fetchone()[0]
    con.close()
    return volunteers, attendance, commune


def get(base, token, path):
    request = urllib.request.Request(base + path, headers={"Authorization": f"Bearer {token}"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        body = response.read().decode()
    return time.perf_counter() - start, body


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--app-db", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--binary", default=BIN)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="caunoi-coverage-")
    db = os.path.join(work, "db.sqlite")
    shutil.copy(args.app_db, db)
    sh(args.binary, "migrate", "--sqlite", db)
    volunteers, attendance, commune = seed(db)
    print(f"{volunteers:,} volunteers, {attendance:,} attendances")
    server, base, token = start_server(args.binary, db, 18900 + os.getpid() % 90)
    pages = [("coverage page, nation (34 provinces + total)", "/tap-huan?chien-dich=he-2025", "Toàn quốc"),
             ("coverage page, Hà Nội (communes + total)", "/tap-huan?chien-dich=he-2025&don-vi=01", "Phường Hoàn Kiếm"),
             ("coverage page, Hà Nội's largest commune (with who still needs what)", f"/tap-huan?chien-dich=he-2025&don-vi={commune}", "Còn cần tập huấn"),
             ("briefing, nation, week of 7/8/2025", "/giao-ban?chien-dich=he-2025&tuan=2025-08-07", "Tập huấn và giám sát")]
    results = []
    try:
        for name, path, expect in pages:
            get(base, token, path)  # warm
            times = []
            for _ in range(args.runs):
                seconds, body = get(base, token, path)
                assert expect in body, f"{path}: '{expect}' missing"
                times.append(seconds * 1000)
            print(f"{name}: median {statistics.median(times):,.0f} ms (runs {', '.join(f'{t:,.0f}' for t in times)})")
            results.append((name, statistics.median(times), "ms", ""))
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)
    append_results(f"training coverage at seed scale ({volunteers:,} volunteers, {attendance:,} attendances; SQLite, release, median of {args.runs})",
                   results)


if __name__ == "__main__":
    main()
