#!/usr/bin/env python3
"""End-to-end: the field app records entries online and offline, survives an offline reload from the
service-worker cache, and the server ends up with each entry exactly once.

    python3 tests/e2e/field_offline.py --base http://127.0.0.1:PORT --admin-token TOKEN

Set-up goes through the API with the admin bearer token (urllib only); the browser part uses Playwright's
sync API with the system Chromium. Prints `e2e: 1 passed, 0 failed` on success and exits non-zero otherwise.
"""
import argparse
import json
import random
import re
import string
import sys
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request

from walk import wait_until

CAMPAIGN_DATES = ["2025-08-12", "2025-08-13", "2025-08-14"]  # inside Hè 2025 (01/07–31/08/2025) and in the past
PASSPHRASE = "cầu nối số mùa hè xanh 2025"


def suffix(n=6):
    return "".join(random.choice(string.ascii_lowercase + string.digits) for _ in range(n))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """The set-up form answers 303; the test wants to see that, not follow it."""

    def redirect_request(self, *args, **kwargs):
        return None


class Api:
    def __init__(self, base, token):
        self.base = base.rstrip("/")
        self.token = token

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Authorization", "Bearer " + self.token)
        req.add_header("Accept", "application/json")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                raw = r.read()
                return r.status, (json.loads(raw) if raw else None)
        except urllib.error.HTTPError as e:
            raw = e.read()
            try:
                return e.code, json.loads(raw)
            except ValueError:
                return e.code, raw.decode("utf-8", "replace")

    def must(self, method, path, body=None, expect=(200, 201)):
        status, data = self.call(method, path, body)
        if status not in expect:
            raise AssertionError(f"{method} {path} -> {status}: {data}")
        return data


def create_volunteer(api, name):
    # Phones are unique server-side; a random 09xxxxxxxx makes re-runs on the same database work.
    for _ in range(5):
        phone = "09" + "".join(random.choice(string.digits) for _ in range(8))
        status, data = api.call("POST", "/api/v1/volunteers", {
            "full_name": name, "phone": phone, "gender": "female", "home_commune_code": "00070",
            "force_type": "local", "consent_date": "2025-07-01"})
        if status in (200, 201):
            return data["id"]
    raise AssertionError(f"could not create volunteer: {status} {data}")


def create_leader(api, team_id):
    for username in ("leader1", "leader1-" + suffix()):
        status, data = api.call("POST", "/api/v1/users", {
            "username": username, "display_name": "Đội trưởng",
            "assignments": [{"role": "team_leader", "team_id": team_id}]})
        if status in (200, 201):
            return username, data["setup_link"]
        # Only a taken name (from an earlier run on the same database) is worth a second try.
        if status not in (409, 422):
            break
    raise AssertionError(f"could not create leader: {status} {data}")


def complete_setup(base, link, password):
    """Sets the leader's password the way a browser would: GET the form, POST it back with its CSRF field."""
    parsed = urllib.parse.urlsplit(link)
    url = base.rstrip("/") + parsed.path + ("?" + parsed.query if parsed.query else "")
    token = urllib.parse.parse_qs(parsed.query).get("ma", [""])[0]
    with urllib.request.urlopen(url, timeout=30) as r:
        html = r.read().decode("utf-8")
        cookies = [c.split(";", 1)[0] for c in r.headers.get_all("Set-Cookie") or []]
    m = re.search(r'name="_csrf"\s+value="([^"]+)"', html) or re.search(r'value="([^"]+)"\s+name="_csrf"', html)
    if not m:
        raise AssertionError("no _csrf field on the set-up page")
    form = urllib.parse.urlencode({"_csrf": m.group(1), "ma": token, "password": password,
                                   "password_confirm": password}).encode()
    req = urllib.request.Request(base.rstrip("/") + "/thiet-lap", data=form, method="POST")
    req.add_header("Content-Type", "application/x-www-form-urlencoded")
    if cookies:
        req.add_header("Cookie", "; ".join(cookies))
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(req, timeout=30) as r:
            status = r.status
    except urllib.error.HTTPError as e:
        status = e.code
    if status != 303:
        raise AssertionError(f"set-up form answered {status}, expected 303")


def pending(page):
    return int(page.get_attribute("#pending", "data-count") or "-1")


def wait_pending(page, want, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if pending(page) == want:
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"pending stayed {pending(page)}, wanted {want} within {seconds} s "
                         f"(status: {page.inner_text('#bar')!r})")


def record(page, team_id, date, taps):
    page.wait_for_selector("#main-view", state="visible")
    page.wait_for_selector("[data-testid=inc]", state="visible")
    if page.input_value("#team") != team_id:
        page.select_option("#team", team_id)
    page.fill("#date", date)
    page.wait_for_selector("[data-testid=member]")
    page.click("#all-present")
    page.click("#place-service_centre")
    inc = page.locator("[data-testid=inc]").first
    for _ in range(taps):
        inc.click()
    assert page.inner_text("#total").strip() == str(taps), page.inner_text("#total")
    page.click("#save")  # the app hides #saved synchronously on submit, so this waits for this save
    wait_until(page, lambda: page.is_visible("#saved") or page.is_visible("#form-error"), 10, "the save to finish")
    assert page.is_hidden("#form-error"), page.inner_text("#form-error")
    assert page.inner_text("#total").strip() == "0", "counters were not reset after saving"


def run(args):
    from playwright.sync_api import sync_playwright

    base = args.base.rstrip("/")
    api = Api(base, args.admin_token)
    tag = suffix()

    v1 = create_volunteer(api, f"Nguyễn Thị Thử {tag}")
    v2 = create_volunteer(api, f"Trần Thị Thử {tag}")
    team = api.must("POST", "/api/v1/teams", {
        "name": f"Đội hình thử nghiệm {tag}", "home_commune_code": "00070", "kind": "service_centre",
        "active_from": "2025-07-01",
        "members": [{"volunteer_id": v1, "from": "2025-07-05"}, {"volunteer_id": v2, "from": "2025-07-07"}]})
    team_id = team["id"]
    username, link = create_leader(api, team_id)
    complete_setup(base, link, PASSPHRASE)
    print(f"set-up: team {team_id}, user {username}")

    problems = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"], headless=True)
        context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        page = context.new_page()
        # CSP violations and script errors show up here; the app must have none.
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" and "Failed to load resource" not in m.text else None)
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        try:
            page.goto(base + "/field/")
            page.wait_for_selector("#login-view", state="visible")
            page.fill("#username", username)
            page.fill("#password", PASSPHRASE)
            page.click("#login-btn")
            page.wait_for_selector("#main-view", state="visible")

            page.evaluate("navigator.serviceWorker.ready.then(() => true)")
            page.reload()
            page.wait_for_selector("#main-view", state="visible")
            wait_until(page, lambda: page.evaluate("navigator.serviceWorker.controller !== null"), 15,
                       "the service worker to control the page")
            print("service worker controls the page")

            # A day before anyone joined: the app names the reason (joining days), not the network.
            page.wait_for_selector("[data-testid=inc]", state="visible")
            if page.input_value("#team") != team_id:
                page.select_option("#team", team_id)
            page.fill("#date", "2025-07-02")
            page.dispatch_event("#date", "change")
            wait_until(page, lambda: page.is_visible("[data-testid=no-members]"), 10, "the empty-list reason")
            reason = page.inner_text("[data-testid=no-members]")
            assert "05/07/2025" in reason and "mạng" not in reason, reason
            print("empty member list explained:", reason)

            record(page, team_id, CAMPAIGN_DATES[0], 3)
            wait_pending(page, 0, 30)
            print("online entry sent")

            context.set_offline(True)
            record(page, team_id, CAMPAIGN_DATES[1], 2)
            record(page, team_id, CAMPAIGN_DATES[2], 5)
            wait_pending(page, 2, 5)
            assert "2 bản ghi đang chờ gửi" in page.inner_text("#pending"), page.inner_text("#pending")

            page.reload()  # offline: only the service worker's cache can answer
            page.wait_for_selector("#main-view", state="visible")
            wait_pending(page, 2, 10)
            assert page.evaluate("navigator.serviceWorker.controller !== null")
            print("offline reload served from cache, 2 entries still waiting")

            context.set_offline(False)
            wait_pending(page, 0, 60)
            assert page.get_attribute("#problem-count", "data-count") == "0", page.inner_text("#problems")
            print("offline entries sent after reconnecting")

            # What this phone sent stays listed, each with its web page for corrections.
            wait_until(page, lambda: page.locator("[data-testid=sent-entry]").count() == 3, 10, "three sent entries listed")
            links = page.eval_on_selector_all("[data-testid=sent-link]", "els => els.map(e => e.getAttribute('href'))")
            assert all(l.startswith("/ban-ghi/") for l in links), links
            first = page.locator("[data-testid=sent-link]").first
            with page.expect_navigation():
                first.click()
            assert page.url.split("?")[0].endswith(links[0]), page.url
            body = page.inner_text("main")
            assert "Sửa bản ghi" in body or "Lịch sử" in body or "Lượt hỗ trợ" in body, body[:300]
            print("sent entries listed with a working link to their web page")
        finally:
            context.close()
            browser.close()

    listing = api.must("GET", f"/api/v1/support-entries?per=500&team={team_id}")
    items = listing["items"]
    ids = [e["id"] for e in items]
    assert len(items) == 3, f"server holds {len(items)} entries, expected 3: {ids}"
    assert len(set(ids)) == 3, f"entry ids are not distinct: {ids}"
    assert sorted(e["date"] for e in items) == CAMPAIGN_DATES, [e["date"] for e in items]
    assert sorted(e["total"] for e in items) == [2, 3, 5], [e["total"] for e in items]
    assert all(sorted(e["volunteer_ids"]) == sorted([v1, v2]) for e in items), "attendance was not recorded"
    csp = [m for m in problems if "Content Security Policy" in m or "Refused to" in m]
    assert not csp, f"CSP violations: {csp}"
    if problems:
        print("console errors (not fatal):", *problems, sep="\n  ")
    print(f"server holds exactly 3 distinct entries for team {team_id}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="e.g. http://127.0.0.1:8091")
    parser.add_argument("--admin-token", required=True, help="API token of an admin covering commune 00070")
    args = parser.parse_args()
    try:
        run(args)
    except Exception:  # noqa: BLE001 — any failure is a failed test, reported with its traceback
        traceback.print_exc()
        print("e2e: 0 passed, 1 failed")
        sys.exit(1)
    print("e2e: 1 passed, 0 failed")


if __name__ == "__main__":
    main()
