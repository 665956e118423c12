#!/usr/bin/env python3
"""Creates one record of each kind through the API, so that schemathesis reads and writes real records
instead of answering 404 to random ids. Prints `export NAME=value` lines for run.sh; schemathesis.toml
pins path parameters to these ids. Standard library only.

usage: seed.py BASE_URL ADMIN_TOKEN
"""
import json, sys, urllib.error, urllib.request

base, token = sys.argv[1].rstrip("/"), sys.argv[2]

def call(method, path, body=None, expect=(200, 201)):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req) as res:
            status, payload = res.status, res.read()
    except urllib.error.HTTPError as e:
        status, payload = e.code, e.read()
    if status not in expect:
        sys.exit(f"seed: {method} {path} answered {status}: {payload.decode(errors='replace')[:500]}")
    return json.loads(payload) if payload else None

def volunteer(phone, commune, name):
    return call("POST", "/api/v1/volunteers", {
        "full_name": name, "phone": phone, "gender": "female", "home_commune_code": commune, "force_type": "local",
        "consent_date": "2025-06-20", "birth_year": 2003, "languages": ["vi"]})["id"]

me = call("GET", "/api/v1/auth/me")
own_token = [t for t in call("GET", "/api/v1/tokens") if t["name"] == "e2e"]
if len(own_token) != 1:
    sys.exit("seed: expected exactly one token named e2e (tests/e2e/bootstrap_admin.py)")

v1 = volunteer("0912000001", "00070", "Nguyễn Thị Hạt Giống")
v2 = volunteer("0912000002", "00073", "Trần Thị Hạt Giống")
team = call("POST", "/api/v1/teams", {
    "name": "Đội hạt giống", "home_commune_code": "00070", "kind": "service_centre", "active_from": "2025-07-01",
    "leader_id": v1, "covered_communes": ["00073"], "members": [{"volunteer_id": v1, "from": "2025-07-01"}]})
entry_id = "0198a000-0000-7000-8000-000000000001"
batch = call("POST", "/api/v1/support-entries/batch", {"entries": [{
    "id": entry_id, "team_id": team["id"], "commune_code": "00070", "date": "2025-08-12", "volunteer_ids": [v1],
    "counts": {"vneid": 3, "ho_so": 2}, "place": "service_centre", "languages": ["vi"]}]})
if batch["summary"]["created"] != 1:
    sys.exit(f"seed: the support entry was not stored: {batch}")
report = call("POST", "/api/v1/weekly-reports", {
    "commune_code": "00070", "week": "2025-08-07", "highlights": "Tuần đầu hỗ trợ tại trung tâm phục vụ hành chính công.",
    "difficulties": [{"category": "network", "severity": "medium", "description": "Đường truyền chậm vào buổi sáng."}]})
# Spares: the run may revoke this token and disable this user as often as it likes.
spare_user = call("POST", "/api/v1/users", {"username": "schemathesis.spare", "display_name": "Tài khoản thử",
                                            "assignments": [{"role": "observer", "unit_code": "01"}]})
spare_token = call("POST", "/api/v1/tokens", {"name": "schemathesis spare", "days": 1})

for name, value in {
    "CAUNOI_OWN_USER_ID": me["id"], "CAUNOI_OWN_TOKEN_ID": own_token[0]["id"],
    "CAUNOI_SPARE_USER_ID": spare_user["id"], "CAUNOI_SPARE_TOKEN_ID": spare_token["id"],
    "CAUNOI_VOLUNTEER_ID": v1, "CAUNOI_VOLUNTEER2_ID": v2, "CAUNOI_TEAM_ID": team["id"], "CAUNOI_ENTRY_ID": entry_id,
    "CAUNOI_REPORT_ID": report["id"], "CAUNOI_DIFFICULTY_ID": report["difficulties"][0]["id"],
}.items():
    print(f"export {name}={str(value).lower()}")
