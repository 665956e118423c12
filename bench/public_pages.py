#!/usr/bin/env python3
"""Citizens' pages (issue 14): the weight of each public page (HTML + stylesheet + script, gzip -9), wrk at 64
connections against each, and a guide search over 2,000 fixture guides, on a simulated database. Appends a dated
section to BENCHMARKS.md.

    python3 bench/public_pages.py                          # simulate seeds into a fresh SQLite file, then measure
    python3 bench/public_pages.py --reuse-db FILE          # measure an already simulated file
    python3 bench/public_pages.py --smoke --binary .build/debug/caunoi   # tiny scale, no results file (CI)
"""
import argparse, gzip, json, os, subprocess, tempfile, time, urllib.request

from common import BIN, append_results, start_server
from run import wrk


def fetch(url, token=None):
    req = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"} if token else {})
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.read()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary", default=BIN)
    p.add_argument("--reuse-db")
    p.add_argument("--smoke", action="store_true")
    p.add_argument("--seconds", type=int, default=10)
    args = p.parse_args()
    work = tempfile.mkdtemp(prefix="caunoi-public-")
    db = args.reuse_db or os.path.join(work, "public.sqlite")
    if not args.reuse_db:
        scale = "tiny" if args.smoke else "seeds"
        subprocess.run([args.binary, "simulate", "--sqlite", db, "--scale", scale, "--seed", "2025"], check=True, capture_output=True)
    server, base, token = start_server(args.binary, db, 18900 + os.getpid() % 80)
    results = []

    def record(name, value, unit, target=None):
        print(f"{name}: {value:.1f} {unit}" + (f" (target {target})" if target else ""), flush=True)
        results.append((name, value, unit, target))

    try:
        # A commune with teams on the ground: the home commune of the first team listed.
        team = json.loads(fetch(f"{base}/api/v1/teams?per=1", token))["items"][0]
        commune = team["home_commune_code"]
        css = fetch(base + "/assets/app.css")
        script = fetch(base + "/tim-ho-tro/vi-tri.js")
        pages = [("find help (search form)", "/tim-ho-tro", True),
                 ("find help, results for 'hoan kiem'", "/tim-ho-tro?q=hoan%20kiem", True),
                 (f"a commune's help page ({commune})", f"/tim-ho-tro/{commune}", False),
                 ("home-visit request form", f"/ho-tro-tai-nha?xa={commune}", False),
                 ("request status lookup", "/ho-tro-tai-nha/tra-cuu", False)]
        for name, path, uses_script in pages:
            html = fetch(base + path)
            weight = sum(len(gzip.compress(part, compresslevel=9)) for part in [html, css] + ([script] if uses_script else []))
            record(f"{name}: weight, gzip (page + stylesheet{' + script' if uses_script else ''})", weight / 1024, "KB", "≤ 30 KB")
        # 2,000 fixture guides (made-up text, never legal content) through the import page, then a guide search.
        guides = 50 if args.smoke else 2_000
        words = ["khai sinh", "thường trú", "tạm trú", "kết hôn", "VNeID", "hộ kinh doanh", "đất đai", "bảo hiểm", "người có công", "giấy phép"]
        rows = ["Tên thủ tục,Giấy tờ cần mang,Các bước,Nguồn,Ngày kiểm tra"]
        for i in range(guides):
            rows.append(f"Đăng ký {words[i % 10]} mẫu thử {i},\"Giấy tờ mẫu {i}; Tờ khai {words[(i * 7) % 10]}\",Nộp hồ sơ; Nhận kết quả,"
                        f"https://dichvucong.gov.vn/mau/{i},01/08/2025")
        boundary = "caunoi-bench-boundary"
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"guides.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                + "\n".join(rows) + f"\r\n--{boundary}--\r\n").encode()
        req = urllib.request.Request(base + "/thu-tuc/nhap", data=body, method="POST",
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": f"multipart/form-data; boundary={boundary}"})
        start = time.perf_counter()
        urllib.request.urlopen(req, timeout=600).read()
        record(f"import {guides} guides from one CSV", time.perf_counter() - start, "s")
        search = base + "/thu-tuc?q=dang%20ky%20khai%20sinhh"
        fetch(search)
        timings = []
        for _ in range(20):
            start = time.perf_counter()
            page = fetch(search)
            timings.append((time.perf_counter() - start) * 1000)
        assert "mẫu thử" in page.decode(), "the guide search found nothing"
        timings.sort()
        record(f"guide search over {guides} guides, one request (median of 20)", timings[10], "ms", "≤ 20 ms")
        if args.smoke:
            print("smoke: weights and the guide search read; wrk skipped")
            return
        pages.append((f"guide search over {guides} guides", "/thu-tuc?q=dang%20ky%20khai%20sinhh", False))
        for name, path, _ in pages:
            for label, value, unit, is_target in wrk(base + path, None, seconds=args.seconds):
                record(f"{name}: {label} (64 connections)", value, unit, "≤ 50 ms" if is_target else None)
    finally:
        server.terminate()
        server.wait()
    if not args.smoke:
        append_results("Citizens' pages (issue 14)", results)


if __name__ == "__main__":
    main()
