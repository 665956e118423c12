"""What the browser walks share: a phone-sized person, the console watch, and the steps every walk takes (set a
password from a one-time link, follow a link, submit a form, create an account). Playwright's sync API, system Chromium."""
import argparse
import datetime as dt
import random
import re
import string
import sys
import time
import traceback
import urllib.parse

PASSPHRASE = "mật khẩu kiểm thử đầu cuối"
HANOI = dt.timezone(dt.timedelta(hours=7))  # Vietnam keeps no daylight saving time
PHONE = dict(viewport={"width": 390, "height": 844}, device_scale_factor=3, is_mobile=True, has_touch=True,
             locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
T0 = time.time()

def say(who, what):
    print(f"[{time.time() - T0:5.1f}s] {who}: {what}", flush=True)


def suffix(n=5):
    return "".join(random.choice(string.ascii_lowercase + string.digits) for _ in range(n))


def vn_date(d):
    return d.strftime("%d/%m/%Y")


class Watch:
    """Console errors, page errors and CSP violations of every page of every person."""

    def __init__(self):
        self.problems = []
        self.refusal_expected = False

    def attach(self, page, who):
        page.on("console", lambda m: self._console(page, who, m))
        page.on("pageerror", lambda e: self.problems.append(f"{who}: script error on {page.url}: {e}"))
        page.on("request", lambda r: self._request(page, who, r))

    def _request(self, page, who, request):
        # Only the field app talks to the API; every other step must be a plain page, as on a phone without it.
        path, on = urllib.parse.urlsplit(request.url).path, urllib.parse.urlsplit(page.url).path
        if path.startswith("/api/") and not on.startswith("/field/"):
            self.problems.append(f"{who}: {on} called the API: {request.method} {path}")

    def _console(self, page, who, m):
        if m.type != "error":
            return
        source = (m.location or {}).get("url", "")
        if self.refusal_expected and "status of 422" in m.text:
            pass  # the form refused on purpose, and the page says why
        else:
            self.problems.append(f"{who}: console error on {page.url}: {m.text} ({source})")


def launch(p, watch):
    """System Chromium, and a maker of phone-sized people, each in their own context, whose pages the watch follows."""
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"], headless=True)

    def person(who):
        context = browser.new_context(**PHONE)
        page = context.new_page()
        page.set_default_timeout(20_000)
        watch.attach(page, who)
        return page

    return browser, person


def wait_until(page, check, seconds, what):
    # Polled from Python: Playwright's wait_for_function evaluates strings, which the page's CSP forbids.
    deadline = time.time() + seconds
    while time.time() < deadline:
        if check():
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


def main_text(page):
    return page.inner_text("main")


def expect_in(page, *texts):
    body = main_text(page)
    for t in texts:
        assert t in body, f"{page.url}: expected {t!r} on the page, got:\n{body[:1500]}"
    return body


def submit(page, button):
    """Clicks a form's button and waits for the page the server answers with (after its 303, if any)."""
    with page.expect_navigation():
        button.click()


def follow(page, link):
    with page.expect_navigation():
        link.click()


def menu(page, name):
    """The phone layout hides the navigation behind "Menu"."""
    page.locator("details.menu > summary").click()
    follow(page, page.locator("details.menu nav").get_by_role("link", name=name, exact=True))


def form_with(page, selector):
    return page.locator("form", has=page.locator(selector))


def same_origin(base, link):
    parts = urllib.parse.urlsplit(link)
    return base + parts.path + ("?" + parts.query if parts.query else "")


def set_password(page, base, link, who):
    """Opens a one-time set-up link, chooses the passphrase; the page signs the person in."""
    page.goto(same_origin(base, link))
    body = main_text(page)
    if "Đặt mật khẩu" not in body:
        raise AssertionError(f"{who}: the set-up link does not open the password form (used or expired?): {body[:300]}")
    m = re.search(r"Tài khoản:\s*(\S+)", body)
    assert m, body[:300]
    page.fill("input[name=password]", PASSPHRASE)
    page.fill("input[name=password_confirm]", PASSPHRASE)
    submit(page, form_with(page, "input[name=password_confirm]").get_by_role("button"))
    assert page.locator("form.account").get_by_role("button", name="Đăng xuất").is_visible(), \
        f"{who}: not signed in after setting the password ({page.url})"
    return m.group(1)


def create_account(page, who, display_name, username, role=None, unit=None, from_team_page=False):
    """/tai-khoan → Tạo tài khoản, or the team page's "Tạo tài khoản đội trưởng"; returns the one-time link."""
    if not from_team_page:
        menu(page, "Tài khoản")
        follow(page, page.get_by_role("link", name="Tạo tài khoản", exact=True))
    form = form_with(page, "input[name=username]")
    form.locator("input[name=display_name]").fill(display_name)
    form.locator("input[name=username]").fill(username)
    if role:
        form.locator("select[name=role]").select_option(label=role)
    if unit:
        form.locator("input[name=unit]").fill(unit)
    submit(page, form.get_by_role("button"))
    expect_in(page, "Đã tạo tài khoản", username)
    link = page.get_by_label("Liên kết đặt mật khẩu").input_value()
    assert "/thiet-lap?ma=" in link, link
    return link


def close_earlier_campaigns(page, base):
    """Menu "Chiến dịch": every `e2e-` campaign still running is set "Đã kết thúc" on its page (with two running in one
    province the pages show the older one); returns how many."""
    menu(page, "Chiến dịch")
    rows = page.locator("main tbody tr", has=page.locator("a[href^='/chien-dich/e2e-']"), has_text="Đang diễn ra")
    stale = [rows.nth(i).locator("a").first.get_attribute("href") for i in range(rows.count())]
    for href in stale:
        page.goto(base + href)
        form = form_with(page, "select[name=status]")
        form.locator("select[name=status]").select_option(label="Đã kết thúc")
        submit(page, form.get_by_role("button", name="Lưu"))
        expect_in(page, "Đã lưu.")
    return len(stale)


def create_campaign(page, code, name, start, end, provinces):
    """The centre creates a running campaign on /chien-dich/moi for `provinces` (their names as labelled): its weeks
    start on today's weekday with the report due that day at 23:59, so last week is complete, briefed the day after."""
    today = dt.datetime.now(HANOI).date()
    menu(page, "Chiến dịch")
    follow(page, page.get_by_role("link", name="Tạo chiến dịch"))
    form = form_with(page, "input[name=code]")
    for field, value in (("code", code), ("name", name), ("start_date", start.isoformat()), ("end_date", end.isoformat()),
                         ("deadline_time", "23:59")):
        form.locator(f"input[name={field}]").fill(value)
    form.locator("select[name=status]").select_option(label="Đang diễn ra")
    for field, day in (("week_starts_on", today), ("deadline_weekday", today), ("briefing_weekday", today + dt.timedelta(days=1))):
        form.locator(f"select[name={field}]").select_option(str(day.isoweekday()))
    for province in provinces:
        form.get_by_label(province).check()
    submit(page, form.get_by_role("button", name="Lưu"))
    expect_in(page, "Đã lưu.", name)


def finish(watch):
    """Fails the walk on any CSP violation, console or script error that any page showed."""
    csp = [m for m in watch.problems if "Content Security Policy" in m or "Refused to" in m]
    assert not csp, "CSP violations:\n  " + "\n  ".join(csp)
    assert not watch.problems, "console or script errors:\n  " + "\n  ".join(watch.problems)


def main(run, doc):
    """A walk's command line: --base and a central admin's --setup-link; prints `e2e: 1 passed, 0 failed` or fails."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--base", required=True, help="e.g. http://127.0.0.1:8091")
    parser.add_argument("--setup-link", required=True, help="a central admin's unused one-time set-up link")
    args = parser.parse_args()
    try:
        run(args)
    except Exception:  # noqa: BLE001 — any failure is a failed test, reported with its traceback
        traceback.print_exc()
        print("e2e: 0 passed, 1 failed")
        sys.exit(1)
    print("e2e: 1 passed, 0 failed")
