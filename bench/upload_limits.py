#!/usr/bin/env python3
"""Hostile uploads: how fast a small workbook declaring millions of cells is refused, what the server
holds meanwhile, and whether /healthz keeps answering while two such files arrive at once.

    python3 bench/upload_limits.py [--binary PATH] [--rows 150000] [--columns 64]
"""
import argparse, concurrent.futures, io, os, sys, tempfile, time, urllib.error, urllib.request, zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import BIN, append_results, peak_rss_mb, start_server  # noqa: E402

PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Nhập liệu" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
}


def bomb(rows, columns):
    row = "<row>" + "<c/>" * columns + "</row>"
    sheet = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' \
        + row * rows + "</sheetData></worksheet>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, text in PARTS.items():
            z.writestr(name, text)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return out.getvalue()


def upload(base, token, data):
    req = urllib.request.Request(base + "/api/v1/support-entries/upload", data=data, method="POST",
                                 headers={"Content-Type": "application/octet-stream", "Authorization": f"Bearer {token}"})
    start = time.perf_counter()
    try:
        status = urllib.request.urlopen(req, timeout=300).status
    except urllib.error.HTTPError as e:
        status = e.code
    return status, time.perf_counter() - start


def health(base):
    start = time.perf_counter()
    urllib.request.urlopen(base + "/healthz", timeout=60).read()
    return time.perf_counter() - start


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary", default=BIN)
    p.add_argument("--rows", type=int, default=150_000)
    p.add_argument("--columns", type=int, default=64)
    a = p.parse_args()
    data = bomb(a.rows, a.columns)
    with tempfile.TemporaryDirectory() as tmp:
        server, base, token = start_server(a.binary, os.path.join(tmp, "bench.sqlite"), 18700 + os.getpid() % 90)
        try:
            status, one = upload(base, token, data)
            print(f"one upload of {len(data) / 1024:.0f} KB declaring {a.rows * a.columns:,} cells: {status} in {one:.3f} s")
            with concurrent.futures.ThreadPoolExecutor(4) as pool:
                started = time.perf_counter()
                uploads = [pool.submit(upload, base, token, data) for _ in range(2)]
                pings = []
                while not all(u.done() for u in uploads):
                    pings.append(health(base))
                both = time.perf_counter() - started
                statuses = sorted(u.result()[0] for u in uploads)
            worst_ping = max(pings) if pings else health(base)
            print(f"two at once: {statuses} in {both:.3f} s; /healthz meanwhile: {len(pings)} answers, slowest {worst_ping * 1000:.1f} ms")
            rss = peak_rss_mb(server.pid)
            print(f"server peak memory: {rss:.0f} MB")
        finally:
            server.terminate()
            server.wait()
    append_results(f"hostile upload ({os.path.basename(os.path.dirname(a.binary))} build, {len(data) // 1024} KB, {a.rows * a.columns:,} cells)", [
        ("refused in (one file)", one * 1000, "ms", "≤ 1,000 ms"),
        ("two files at once, both answered in", both * 1000, "ms", ""),
        ("slowest /healthz while they were parsed", worst_ping * 1000, "ms", "answers"),
        ("server peak memory", rss, "MB", "≤ 200 MB"),
    ])


if __name__ == "__main__":
    main()
