#!/usr/bin/env python3
"""Gzipped weight of the field app's first load (all six files); fails above the 60 KB budget."""
import gzip
import pathlib
import sys

FIELD = pathlib.Path(__file__).resolve().parents[2] / "Sources/CauNoiApp/Resources/field"
FILES = ["index.html", "app.js", "app.css", "sw.js", "manifest.webmanifest", "icon.svg"]
BUDGET = 60 * 1024

total = 0
for name in FILES:
    raw = (FIELD / name).read_bytes()
    size = len(gzip.compress(raw, compresslevel=9, mtime=0))
    total += size
    print(f"{name:22} {len(raw):7d} B raw {size:7d} B gzip")
print(f"{'total':22} {'':17} {total:7d} B gzip ({total / 1024:.1f} KB, budget {BUDGET // 1024} KB)")
sys.exit(0 if total <= BUDGET else 1)
