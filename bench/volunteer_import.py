#!/usr/bin/env python3
"""A province's list of 55,000 volunteers from one XLSX through the import API: how long the first import takes
(every row stored), how long the same file takes again (every row already there, nothing stored), and the server's
peak memory. Appends to BENCHMARKS.md.

    python3 bench/volunteer_import.py [--binary PATH] [--rows 55000] [--smoke]
"""
import argparse, csv, io, json, os, sys, tempfile, time, urllib.error, urllib.request, zipfile
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import BIN, ROOT, append_results, peak_rss_mb, start_server  # noqa: E402

HEADER = ["Họ và tên", "Số điện thoại", "Năm sinh", "Giới tính", "Đoàn viên", "Trường / đơn vị", "Xã, phường cư trú", "Lực lượng",
          "Kỹ năng công nghệ", "Kỹ năng giao tiếp", "Ngôn ngữ", "Có xe máy", "Ngày đồng ý"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
GIVEN = ["Thị Mai", "Văn An", "Minh Đức", "Thu Hà", "Quốc Bảo", "Ngọc Anh", "Hải Nam", "Thanh Tâm", "Gia Huy", "Khánh Linh"]


def communes(province="1"):
    """Hà Nội's communes by name, as a province officer types them."""
    path = os.path.join(ROOT, "Sources/CauNoiApp/Resources/vn-divisions-2025.csv")
    with open(path, encoding="utf-8") as f:
        return [r["commune_name"] for r in csv.DictReader(f) if r["province_code"] == province]


def workbook(rows):
    """An XLSX as Excel writes it: shared strings, one sheet."""
    strings, index = [], {}

    def s(text):
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]

    names = communes()
    out = []
    cols = "ABCDEFGHIJKLM"
    out.append('<row r="1">' + "".join(f'<c r="{cols[i]}1" t="s"><v>{s(h)}</v></c>' for i, h in enumerate(HEADER)) + "</row>")
    for n in range(rows):
        r = n + 2
        values = [f"{FAMILY[n % 10]} {GIVEN[(n // 10) % 10]} {n}", f"09{n:08d}", 1995 + n % 12, "Nữ" if n % 2 else "Nam",
                  "Có", f"Trường Đại học số {n % 40}", names[n % len(names)], "Sinh viên" if n % 3 else "Tại chỗ",
                  "Khá", "Thành thạo", "Tiếng Việt", "Không", "15/07/2025"]
        cells = []
        for i, v in enumerate(values):
            ref = f"{cols[i]}{r}"
            cells.append(f'<c r="{ref}"><v>{v}</v></c>' if isinstance(v, int) else f'<c r="{ref}" t="s"><v>{s(v)}</v></c>')
        out.append(f'<row r="{r}">' + "".join(cells) + "</row>")
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    sheet = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {ns}><sheetData>' + "".join(out) + "</sheetData></worksheet>"
    sst = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst {ns} count="{len(strings)}" uniqueCount="{len(strings)}">'
           + "".join(f"<si><t>{escape(t)}</t></si>" for t in strings) + "</sst>")
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Tình nguyện viên" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet,
        "xl/sharedStrings.xml": sst,
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return buf.getvalue()


def post(base, token, data):
    req = urllib.request.Request(base + "/api/v1/volunteers/import", data=data, method="POST", headers={
        "Authorization": f"Bearer {token}",
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    start = time.perf_counter()
    try:
        body = urllib.request.urlopen(req, timeout=600).read()
    except urllib.error.HTTPError as e:
        body = e.read()
        raise SystemExit(f"import answered {e.code}: {body[:2000]!r}")
    return time.perf_counter() - start, json.loads(body)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary", default=BIN)
    p.add_argument("--rows", type=int, default=55_000)
    p.add_argument("--smoke", action="store_true", help="a small file, no results file")
    a = p.parse_args()
    rows = 500 if a.smoke else a.rows
    data = workbook(rows)
    print(f"workbook: {rows:,} rows, {len(data) / 1e6:.1f} MB")
    with tempfile.TemporaryDirectory() as work:
        server, base, admin = start_server(a.binary, os.path.join(work, "import.sqlite"), 18900 + os.getpid() % 90)
        try:
            # Hà Nội's officer imports Hà Nội's list: names are looked up in the province first.
            req = urllib.request.Request(base + "/api/v1/tokens", method="POST", data=json.dumps(
                {"name": "bench", "role": "province_admin", "unit_code": "01"}).encode(),
                headers={"Authorization": f"Bearer {admin}", "Content-Type": "application/json"})
            token = json.loads(urllib.request.urlopen(req, timeout=60).read())["token"]
            first, r1 = post(base, token, data)
            assert r1["stored"] == rows and not r1["errors"], {k: r1[k] for k in ("rows", "stored", "existing")} | {"errors": r1["errors"][:5]}
            again, r2 = post(base, token, data)
            assert r2["stored"] == 0 and r2["existing"] == rows, {k: r2[k] for k in ("rows", "stored", "existing")}
            memory = peak_rss_mb(server.pid)
        finally:
            server.terminate()
            server.wait()
    results = [(f"import {rows:,} volunteers from one XLSX ({len(data) / 1e6:.1f} MB), all new", first, "s", "≤ 60 s"),
               (f"the same file again, all {rows:,} already registered (nothing stored)", again, "s", None),
               ("server peak memory during the imports", memory, "MB", None)]
    for name, value, unit, target in results:
        print(f"{name}: {value:,.1f} {unit}" + (f" (target {target})" if target else ""))
    if not a.smoke:
        append_results("volunteer list import (release, SQLite)", results)


if __name__ == "__main__":
    main()
