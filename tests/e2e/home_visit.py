#!/usr/bin/env python3
"""End-to-end: a citizen's home-visit request, from the public pages to the team's doorstep and back, walked in the
web pages of a phone-sized headless Chromium.

    python3 -B tests/e2e/home_visit.py --base http://127.0.0.1:PORT --setup-link LINK

LINK is a central admin's unused one-time set-up link (`caunoi user create --username … --name …` prints one; a link
works once, so every run needs a fresh one). Python makes no HTTP call of its own, least of all to /api/: every step is
a person on a 390×844 phone (vi-VN, Asia/Ho_Chi_Minh) clicking through the pages, each in their own browser context.
The field app calls the API from the browser, as it does on a real phone.

Set-up. Hè 2025 has ended, so the centre first creates a campaign covering today for Thành phố Hà Nội at
/chien-dich/moi (a done visit is logged as a support entry, which needs a campaign running that day). With two
campaigns running in one province on one day, closing a visit as done is refused ("Có nhiều chiến dịch cùng diễn ra
…; hãy chọn một chiến dịch") and the queue's form offers no campaign to choose, so test campaigns left running by
earlier runs (code `e2e-…`, this walk's `e2e-nha-…` and weekly_cycle.py's `e2e-tuan-…`) are closed first through the
same page; any other campaign running in Hà Nội today makes the walk fail at that step. The centre then creates the Phường Hoàn Kiếm officer's account directly. The officer fills in the ward's
service-centre address and hotline on /don-vi/00070 (found through the unit search), registers a volunteer, creates a home-support team (on duty
Monday to Friday, 7:30–11:30, with a public hotline) with the volunteer in it, and the team leader's account from the
team's page.

The request. A relative, not signed in, in a fresh phone context, goes from the home page to "Tìm nơi hỗ trợ gần
bạn", searches "hoan kiem" without accents, opens the ward, sees the team's duty days, hours and phone, and taps
"Đề nghị hỗ trợ tại nhà". A first try with a CCCD number typed as the name and the consents unticked is refused with
the reason beside each field; the corrected form gives a reference code, and the status page shows neither name,
phone nor address. The officer's queue (/de-nghi-ho-tro) shows the request with its phone but no address, exactly
once for that phone (the refused try stored nothing), and the officer assigns it to the team. The team leader sees
it with the address in the field app, follows its link to the queue, is refused a visit date in the past, schedules
today (the relative then reads the appointment on /ho-tro-tai-nha/tra-cuu, the code typed with spaces), and closes
it as done with a support category, which logs a home support entry. The relative reads "Đã hỗ trợ xong" with the
code typed in lower case, and the leader's and the ward's /ban-ghi list the entry "Tại nhà người dân". The done
form asks who went: the leader ticks herself, and the entry counts her.

Re-runs on one database. Names carry a random tag and the citizen's phone is random (one phone may send 3 requests
in 24 hours). All requests come from 127.0.0.1 and one address may send 10 an hour; each run sends one (the refused
try is not stored), so a database walked more than about ten times within an hour answers the form with
"Có quá nhiều đề nghị gửi từ cùng một nơi trong một giờ", and the test fails there until the hour has passed.
Closing earlier `e2e-` campaigns means a weekly_cycle.py run going on at the same time on the same database would
lose its campaign.

Script errors, console errors and CSP violations on any page fail the test. Prints `e2e: 1 passed, 0 failed` on
success and exits non-zero otherwise.
"""
import datetime as dt
import random
import re
import string
import time
import urllib.parse

from walk import (finish, main, HANOI, T0, Watch, create_account, expect_in, follow, form_with, main_text, menu, say,
                  set_password, submit, suffix, vn_date, wait_until, launch)

WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


def digits(n):
    return "".join(random.choice(string.digits) for _ in range(n))


def spaced(phone):
    """As the pages print a phone number: "0912 345 678", "024 3825 1234"."""
    if len(phone) == 10:
        return f"{phone[:4]} {phone[4:7]} {phone[7:]}"
    if len(phone) == 11:
        return f"{phone[:3]} {phone[3:7]} {phone[7:]}"
    return phone


def refused(watch, page, button):
    """Submits a form the server is expected to refuse (422): the browser logs that, and the page says why."""
    watch.refusal_expected = True
    try:
        submit(page, button)
    finally:
        watch.refusal_expected = False


def path_of(page):
    return urllib.parse.urlsplit(page.url).path


def request_item(page, reference):
    return page.locator("li[data-testid=help-request]", has_text=reference)


def field_error(page, name):
    """The error printed next to a field: inside its label, or right after a checkbox's label."""
    inside = page.locator("label.field", has=page.locator(f"[name='{name}']")).locator("p.error")
    if inside.count():
        return inside.inner_text().strip()
    after = page.locator("label.check", has=page.locator(f"[name='{name}']")).locator("xpath=following-sibling::*[1][self::p]")
    return after.inner_text().strip() if after.count() and "error" in (after.get_attribute("class") or "") else ""


def run(args):
    from playwright.sync_api import sync_playwright

    base = args.base.rstrip("/")
    tag = suffix()
    today = dt.datetime.now(HANOI).date()
    campaign_code, campaign_name = f"e2e-nha-{tag}", f"Hỗ trợ người dân tại nhà — kiểm thử {tag}"
    team_name = f"Đội hỗ trợ tại nhà Hoàn Kiếm {tag}"
    leader_name = f"Nguyễn Thị Hoa {tag}"
    team_hotline = "024" + digits(8)
    ward_hotline = "024" + digits(8)
    ward_address = f"Số 126 Hàng Trống, Phường Hoàn Kiếm (kiểm thử {tag})"
    citizen_phone = "09" + digits(8)  # one phone may send 3 requests in 24 hours: a new one every run
    call_name = "bà Lan"
    address = f"Số {random.randint(10, 199)} ngõ Hàng Hành, đối diện nhà văn hóa tổ dân phố, cổng sắt xanh"
    note = "Đã kích hoạt VNeID mức 2 và hướng dẫn thanh toán trực tuyến."
    watch = Watch()
    print(f"walk {tag}: {vn_date(today)}, campaign {campaign_code}, citizen phone {citizen_phone}")

    with sync_playwright() as p:
        browser, person = launch(p, watch)

        try:
            # ---- 1. Centre: password, a campaign covering today, the ward officer's account ----
            centre = person("centre")
            centre_user = set_password(centre, base, args.setup_link, "centre")
            say("centre", f"set the password from the set-up link, signed in as {centre_user}")

            # With two campaigns running in Hà Nội today, closing the visit as done is refused, with no way to choose.
            menu(centre, "Chiến dịch")
            rows = centre.locator("main tbody tr", has=centre.locator("a[href^='/chien-dich/e2e-']"))
            stale = [rows.nth(i).locator("a").first.get_attribute("href") for i in range(rows.count())
                     if rows.nth(i).locator("td").nth(2).inner_text().strip() == "Đang diễn ra"]
            for href in stale:
                centre.goto(base + href)
                form = form_with(centre, "select[name=status]")
                form.locator("select[name=status]").select_option(label="Đã kết thúc")
                submit(centre, form.get_by_role("button", name="Lưu"))
                expect_in(centre, "Đã lưu.")
            if stale:
                say("centre", f"closed {len(stale)} test campaign(s) left running by earlier runs")

            menu(centre, "Chiến dịch")
            follow(centre, centre.get_by_role("link", name="Tạo chiến dịch"))
            form = form_with(centre, "input[name=code]")
            form.locator("input[name=code]").fill(campaign_code)
            form.locator("input[name=name]").fill(campaign_name)
            form.locator("input[name=start_date]").fill((today - dt.timedelta(days=7)).isoformat())
            form.locator("input[name=end_date]").fill((today + dt.timedelta(days=60)).isoformat())
            form.locator("select[name=status]").select_option(label="Đang diễn ra")
            form.locator("select[name=week_starts_on]").select_option(str(today.isoweekday()))
            form.locator("select[name=deadline_weekday]").select_option(str(today.isoweekday()))
            form.locator("input[name=deadline_time]").fill("23:59")
            form.locator("select[name=briefing_weekday]").select_option(str((today + dt.timedelta(days=1)).isoweekday()))
            form.get_by_label("Thành phố Hà Nội").check()
            submit(centre, form.get_by_role("button", name="Lưu"))
            expect_in(centre, "Đã lưu.", campaign_name)
            say("centre", f"created campaign {campaign_code} for Hà Nội, running today")

            # A procedure guide (a fixture, not legal content) for volunteers to read offline later.
            centre.goto(base + "/thu-tuc/moi")
            guide_title = f"Đăng ký khai sinh (mẫu thử {tag})"
            gform = form_with(centre, "input[name=source_url]")
            gform.locator("input[name=title]").fill(guide_title)
            gform.locator("textarea[name=documents]").fill(f"Giấy tờ mẫu A {tag}\nGiấy tờ mẫu B")
            gform.locator("textarea[name=steps]").fill("Bước một\nBước hai")
            gform.locator("input[name=source_url]").fill("https://dichvucong.gov.vn/p/home/dvc-trang-chu.html")
            submit(centre, gform.get_by_role("button", name="Lưu"))
            expect_in(centre, "Đã lưu (phiên bản 1)", guide_title, f"Giấy tờ mẫu A {tag}", "Kiểm tra lần cuối")
            say("centre", f"added the guide “{guide_title}” with its source and checked date")

            hk_link = create_account(centre, "centre", f"Trần Thị Hoàn Kiếm {tag}", f"xa.hoankiem.nha.{tag}",
                                     role="Quản trị cấp xã", unit="hoan kiem")  # typed without accents
            say("centre", "created the Phường Hoàn Kiếm officer's account")

            # ---- 2. Ward officer: the ward's public facts, a volunteer, the home-support team, its leader ----
            hk = person("Hoàn Kiếm")
            set_password(hk, base, hk_link, "Hoàn Kiếm")
            # The unit list opens on the 34 provinces, even for a ward officer; the search finds the ward.
            menu(hk, "Đơn vị hành chính")
            hk.locator("main form input[name=q]").fill("hoan kiem")
            submit(hk, hk.locator("main form", has=hk.locator("input[name=q]")).get_by_role("button", name="Tìm"))
            follow(hk, hk.locator("main").get_by_role("link", name="Phường Hoàn Kiếm", exact=True))
            assert path_of(hk) == "/don-vi/00070", hk.url
            form = form_with(hk, "input[name=service_centre_address]")
            form.locator("input[name=service_centre_address]").fill(ward_address)
            form.locator("input[name=hotline]").fill(ward_hotline)
            submit(hk, form.get_by_role("button", name="Lưu"))
            expect_in(hk, "Đã lưu thông tin đơn vị.", ward_address)
            say("Hoàn Kiếm", "set the ward's service-centre address and public hotline")

            for _ in range(5):
                menu(hk, "Tình nguyện viên")
                follow(hk, hk.get_by_role("link", name="Thêm tình nguyện viên"))
                form = form_with(hk, "input[name=full_name]")
                form.locator("input[name=full_name]").fill(leader_name)
                # Phones are unique server-side; a random 09xxxxxxxx keeps re-runs on one database working.
                form.locator("input[name=phone]").fill("09" + digits(8))
                form.locator("input[name=birth_year]").fill("2003")
                form.locator("select[name=gender]").select_option(label="Nữ")
                form.locator("input[name=home_commune_code]").fill("Hoàn Kiếm")
                form.locator("select[name=force_type]").select_option(label="Tại chỗ")
                form.locator("input[name=consent_date]").fill((today - dt.timedelta(days=10)).isoformat())
                submit(hk, form.get_by_role("button", name="Lưu"))
                if "da-luu=1" in hk.url:
                    break
                assert "điện thoại" in main_text(hk).lower(), main_text(hk)[:800]  # only a taken phone is retried
            else:
                raise AssertionError(f"could not register {leader_name}")
            expect_in(hk, "Đã lưu.", leader_name)
            say("Hoàn Kiếm", f"registered the volunteer {leader_name}")

            menu(hk, "Đội hình")
            follow(hk, hk.get_by_role("link", name="Thêm đội hình"))
            form = form_with(hk, "select[name=kind]")
            form.locator("input[name=name]").fill(team_name)
            form.locator("select[name=kind]").select_option(label="Đội hỗ trợ tại nhà")
            form.locator("input[name=home_commune_code]").fill("Hoàn Kiếm")
            form.get_by_label("Đường dây nóng công khai").fill(team_hotline)
            for day in WEEKDAYS[:5]:
                form.locator("fieldset", has_text="Ngày trực").get_by_label(day, exact=True).check()
            form.get_by_label("Giờ trực").fill("7:30–11:30")
            form.locator("input[name=active_from]").fill((today - dt.timedelta(days=7)).isoformat())
            submit(hk, form.get_by_role("button", name="Lưu"))
            expect_in(hk, "Đã lưu.", team_name, "Thành viên hiện tại (0)")
            form = form_with(hk, "select[name=volunteer_id]")
            form.locator("select[name=volunteer_id]").select_option(
                form.locator("option", has_text=leader_name).get_attribute("value"))
            form.get_by_label("Ngày vào đội", exact=True).fill((today - dt.timedelta(days=7)).isoformat())
            submit(hk, form.get_by_role("button", name="Thêm vào đội"))
            expect_in(hk, "Đã lưu.", "Thành viên hiện tại (1)")
            say("Hoàn Kiếm", f"created {team_name}: Thứ Hai–Thứ Sáu 7:30–11:30, hotline {spaced(team_hotline)}")

            follow(hk, hk.get_by_role("link", name="Tạo tài khoản đội trưởng"))
            form = form_with(hk, "input[name=username]")
            assert form.locator("select[name=role]").input_value() == "team_leader"
            assert team_name in form.locator("select[name=team] option:checked").inner_text(), "team not preselected"
            leader_link = create_account(hk, "Hoàn Kiếm", leader_name, f"doitruong.nha.{tag}", from_team_page=True)
            say("Hoàn Kiếm", "created the team leader's account from the team page")

            # ---- 3. Citizen: finds the ward, reads the team's duty, asks for a home visit ----
            citizen = person("citizen")
            citizen.goto(base + "/")
            follow(citizen, citizen.get_by_role("link", name="Tìm nơi hỗ trợ gần bạn"))
            assert path_of(citizen) == "/tim-ho-tro", citizen.url
            citizen.get_by_label(re.compile("^Tên xã, phường")).fill("hoan kiem")
            submit(citizen, citizen.locator("form[role=search]").get_by_role("button", name="Tìm"))
            follow(citizen, citizen.locator("ul.places").get_by_role("link", name="Phường Hoàn Kiếm", exact=True))
            assert path_of(citizen) == "/tim-ho-tro/00070", citizen.url
            body = expect_in(citizen, "Phường Hoàn Kiếm", "Thành phố Hà Nội", ward_address, spaced(ward_hotline))
            assert citizen.locator(f"a[href='tel:{ward_hotline}']").count() == 1, "the ward hotline is not a tap-to-call link"
            team = citizen.locator("li.team", has=citizen.locator("h3", has_text=team_name))
            assert team.count() == 1, f"{team_name} is not listed on the ward's page:\n{body[:1500]}"
            card = team.inner_text()
            duty = re.search(r"Trực: (.*)", card)
            assert duty, card
            assert "7:30–11:30" in duty.group(1), card
            assert "Thứ Hai" in duty.group(1) and "Thứ Sáu" in duty.group(1), card
            assert "Thứ Bảy" not in duty.group(1) and "Chủ nhật" not in duty.group(1), card
            on_duty = today.isoweekday() <= 5
            assert ("hôm nay có trực" in card) == on_duty, f"today is {WEEKDAYS[today.weekday()]}: {card}"
            assert "<b>" not in card, f"markup printed as text: {card}"
            assert spaced(team_hotline) in card and team.locator(f"a[href='tel:{team_hotline}']").count() == 1, card
            assert "Đội hỗ trợ tại nhà" in card, card
            say("citizen", f"searched 'hoan kiem', opened the ward: team on duty “{duty.group(1)}”, "
                           f"phone {spaced(team_hotline)}")

            follow(citizen, citizen.get_by_role("link", name="Đề nghị hỗ trợ tại nhà"))
            assert path_of(citizen) == "/ho-tro-tai-nha", citizen.url
            form = form_with(citizen, "input[name=call_name]")
            assert "Phường Hoàn Kiếm" in form.locator("input[name=commune]").input_value(), "the ward is not filled in"
            # A first try as people do get it wrong: the CCCD number as the name, the consents left unticked.
            form.locator("input[name=call_name]").fill("079095001234")
            form.locator("input[name=phone]").fill(citizen_phone)
            form.locator("textarea[name=address]").fill(address)
            form.get_by_label("Cài đặt, kích hoạt VNeID").check()
            refused(watch, citizen, form.get_by_role("button", name="Gửi đề nghị"))
            assert path_of(citizen) == "/ho-tro-tai-nha", citizen.url
            expect_in(citizen, "Chưa gửi được")
            name_error = field_error(citizen, "call_name")
            assert name_error, f"no error beside the name:\n{main_text(citizen)[:1500]}"
            assert re.search(r"căn cước|CCCD|số định danh|giấy tờ", name_error, re.I), name_error
            assert "Cần bạn đồng ý" in field_error(citizen, "consent_processing"), field_error(citizen, "consent_processing")
            assert "Cần bạn đồng ý" in field_error(citizen, "consent_contact"), field_error(citizen, "consent_contact")
            assert citizen.locator("[data-testid=reference]").count() == 0
            form = form_with(citizen, "input[name=call_name]")
            assert form.locator("input[name=phone]").input_value() == citizen_phone, "the phone was not kept"
            assert form.locator("textarea[name=address]").input_value() == address, "the address was not kept"
            assert form.get_by_label("Cài đặt, kích hoạt VNeID").is_checked(), "the ticked need was not kept"
            say("citizen", f"a CCCD number as the name is refused: “{name_error}”; consents asked for")

            form.locator("input[name=call_name]").fill(call_name)
            form.get_by_label("Thanh toán trực tuyến").check()
            form.locator("select[name=window]").select_option(label="Buổi sáng")
            form.get_by_label("Tôi đề nghị giúp người thân").check()
            form.locator("input[name=consent_processing]").check()
            form.locator("input[name=consent_contact]").check()
            submit(citizen, form.get_by_role("button", name="Gửi đề nghị"))
            assert path_of(citizen) == "/ho-tro-tai-nha/tra-cuu", citizen.url
            reference = citizen.inner_text("[data-testid=reference]").strip()
            assert re.fullmatch(r"HT-[2-9A-Z]{4}-[2-9A-Z]{4}", reference), reference
            assert citizen.inner_text("[data-testid=status]").strip() == "Đã nhận đề nghị", citizen.inner_text("[data-testid=status]")
            expect_in(citizen, "Phường Hoàn Kiếm", vn_date(today))
            html = citizen.content()
            for secret in (call_name, citizen_phone, spaced(citizen_phone), address, "ngõ Hàng Hành"):
                assert secret not in html, f"the status page shows {secret!r}"
            assert citizen_phone not in citizen.url and "Lan" not in urllib.parse.unquote(citizen.url), citizen.url
            say("citizen", f"sent the request: code {reference}, “Đã nhận đề nghị”, no name, phone or address shown")

            # ---- 4. Ward officer: the queue shows the phone, not the address; assigns the team ----
            hk.goto(base + "/")
            menu(hk, "Hỗ trợ tại nhà")
            assert path_of(hk) == "/de-nghi-ho-tro", hk.url
            item = request_item(hk, reference)
            assert item.count() == 1, f"{reference} is not in the ward's queue:\n{main_text(hk)[:1500]}"
            text = item.inner_text()
            assert "Đã nhận đề nghị" in text and "Phường Hoàn Kiếm" in text, text
            assert f"Gọi: {call_name}" in text and spaced(citizen_phone) in text, text
            assert item.locator(f"a[href='tel:{citizen_phone}']").count() == 1, "the phone is not a tap-to-call link"
            assert "Cài đặt, kích hoạt VNeID" in text and "Thanh toán trực tuyến" in text and "Buổi sáng" in text, text
            assert "người thân đề nghị" in text, text
            assert "Địa chỉ" not in text and address not in main_text(hk), f"the ward officer sees the address: {text}"
            by_phone = hk.locator("li[data-testid=help-request]", has=hk.locator(f"a[href='tel:{citizen_phone}']"))
            assert by_phone.count() == 1, f"{by_phone.count()} requests with this phone: the refused try was stored"
            form = item.locator("form", has=hk.locator("select[name=team_id]"))
            form.locator("select[name=team_id]").select_option(label=team_name)
            submit(hk, form.get_by_role("button", name="Giao việc"))
            expect_in(hk, "Đã cập nhật.")
            text = request_item(hk, reference).inner_text()
            assert "Đã giao cho đội tình nguyện" in text and f"Đội: {team_name}" in text, text
            assert address not in text, "the ward officer sees the address after assigning"
            say("Hoàn Kiếm", f"found {reference} in “Hỗ trợ tại nhà” with the phone but no address, assigned it to the team")

            # ---- 5. Team leader: the field app lists it with the address; schedule, then close as done ----
            leader = person("team leader")
            set_password(leader, base, leader_link, "team leader")
            follow(leader, leader.get_by_role("link", name="Mở ứng dụng ghi nhận hỗ trợ"))
            leader.wait_for_selector("#main-view", state="visible")
            visit = leader.locator("[data-testid=visit]", has_text=reference)
            wait_until(leader, lambda: visit.count() == 1 and visit.is_visible(), 15, f"{reference} in the field app")
            assert leader.locator("[data-testid=visits] h2").inner_text().strip() == "Đề nghị hỗ trợ tại nhà"
            text = visit.inner_text()
            assert "Đã giao cho đội tình nguyện" in text and f"Địa chỉ: {address}" in text, text
            assert call_name in text and visit.locator(f"a[href='tel:{citizen_phone}']").count() == 1, text
            say("team leader", f"set the password; the field app lists {reference} with {call_name}'s phone and address")

            # Offline, the guides kept on the phone still say what to bring (accents not needed).
            wait_until(leader, lambda: leader.is_visible("[data-testid=guides]"), 15, "the guides in the field app")
            leader.context.set_offline(True)
            leader.fill("[data-testid=guide-q]", f"khai sinh {tag}")
            guide = leader.locator("[data-testid=guide]", has_text=guide_title)
            wait_until(leader, lambda: guide.count() == 1, 10, "the guide found offline")
            assert f"Giấy tờ mẫu A {tag}" in guide.inner_text() and "dichvucong.gov.vn" in guide.inner_text(), guide.inner_text()
            leader.context.set_offline(False)
            say("team leader", f"offline, found “{guide_title}” and what to bring")

            follow(leader, visit.locator("[data-testid=visit-link]"))
            assert path_of(leader) == "/de-nghi-ho-tro", leader.url
            item = request_item(leader, reference)
            text = item.inner_text()
            assert f"Địa chỉ: {address}" in text and spaced(citizen_phone) in text, text
            assert item.locator("select[name=team_id]").count() == 0, "a team leader is offered to reassign the request"

            form = item.locator("form", has=leader.locator("input[name=visit_date]"))
            form.locator("input[name=visit_date]").fill((today - dt.timedelta(days=1)).isoformat())
            form.locator("input[name=visit_time]").fill("8 giờ sáng")
            refused(watch, leader, form.get_by_role("button", name="Hẹn lịch"))
            expect_in(leader, "Chưa lưu", "Ngày hẹn phải từ hôm nay")
            assert "Đã giao cho đội tình nguyện" in request_item(leader, reference).inner_text()
            say("team leader", "a visit dated yesterday is refused: “Ngày hẹn phải từ hôm nay đến 60 ngày tới.”")

            item = request_item(leader, reference)
            form = item.locator("form", has=leader.locator("input[name=visit_date]"))
            form.locator("input[name=visit_date]").fill(today.isoformat())
            form.locator("input[name=visit_time]").fill("9 giờ sáng")
            submit(leader, form.get_by_role("button", name="Hẹn lịch"))
            expect_in(leader, "Đã cập nhật.")
            text = request_item(leader, reference).inner_text()
            assert "Đã hẹn lịch đến nhà" in text and "Hẹn:" in text and "9 giờ sáng" in text, text
            say("team leader", f"scheduled the visit for today ({vn_date(today)}), 9 giờ sáng")

            # The relative, after the team's call, checks the appointment (the code read out with spaces).
            citizen.goto(base + "/ho-tro-tai-nha/tra-cuu")
            citizen.get_by_label(re.compile("^Mã tra cứu")).fill(reference.replace("-", " "))
            submit(citizen, citizen.locator("form.search").get_by_role("button", name="Xem"))
            assert citizen.inner_text("[data-testid=status]").strip() == "Đã hẹn lịch đến nhà", main_text(citizen)[:800]
            visit_on = citizen.locator("dl.facts dt", has_text="Hẹn đến nhà").locator("xpath=following-sibling::dd[1]").inner_text()
            assert vn_date(today) in visit_on and "9 giờ sáng" in visit_on, visit_on
            assert address not in citizen.content() and citizen_phone not in citizen.content()
            say("citizen", f"typed “{reference.replace('-', ' ')}”: “Đã hẹn lịch đến nhà”, {visit_on}")

            item = request_item(leader, reference)
            form = item.locator("form", has=leader.locator("select[name=category]"))
            form.locator("select[name=category]").select_option(label="Cài đặt, kích hoạt VNeID")
            form.locator("input[name=count]").fill("2")
            form.locator("fieldset", has_text="Ai đã đến").get_by_label(leader_name).check()
            form.locator("input[name=note]").fill(note)
            submit(leader, form.get_by_role("button", name="Đã hỗ trợ xong"))
            expect_in(leader, "Đã cập nhật.")
            closed = leader.locator("h2", has_text="Đã đóng gần đây").locator("xpath=following-sibling::ul[1]") \
                .locator("li[data-testid=help-request]", has_text=reference)
            assert closed.count() == 1, f"{reference} is not under “Đã đóng gần đây”:\n{main_text(leader)[:1500]}"
            assert "Đã hỗ trợ xong" in closed.inner_text() and note in closed.inner_text(), closed.inner_text()
            assert closed.locator("form").count() == 0, "a closed request still offers actions"
            say("team leader", "closed the visit as done, 2 supports “Cài đặt, kích hoạt VNeID” logged")

            # ---- 6. Citizen: the status by code, typed in lower case ----
            citizen.goto(base + "/")
            follow(citizen, citizen.get_by_role("link", name="Tra cứu đề nghị đã gửi"))
            assert path_of(citizen) == "/ho-tro-tai-nha/tra-cuu", citizen.url
            citizen.get_by_label(re.compile("^Mã tra cứu")).fill(reference.lower())
            submit(citizen, citizen.locator("form.search").get_by_role("button", name="Xem"))
            assert citizen.inner_text("[data-testid=status]").strip() == "Đã hỗ trợ xong", main_text(citizen)[:800]
            expect_in(citizen, f"Đề nghị {reference}", "Phường Hoàn Kiếm", note, spaced(ward_hotline))
            html = citizen.content()
            for secret in (call_name, citizen_phone, spaced(citizen_phone), address, team_name):
                assert secret not in html, f"the status page shows {secret!r}"
            say("citizen", f"typed {reference.lower()}: “Đã hỗ trợ xong” with the team's note, nothing personal")

            # ---- 7. Team leader and ward: the logged entry ----
            menu(leader, "Bản ghi")
            assert path_of(leader) == "/ban-ghi", leader.url
            row = leader.locator("main tbody tr", has=leader.locator("td[data-label='Đội hình']", has_text=team_name))
            assert row.count() == 1, f"{row.count()} entries of {team_name}:\n{main_text(leader)[:1500]}"
            cell = lambda label: row.locator(f"td[data-label='{label}']").inner_text().strip()  # noqa: E731
            assert "Tại nhà người dân" in cell("Nội dung") and "Cài đặt, kích hoạt VNeID" in cell("Nội dung"), cell("Nội dung")
            assert cell("Lượt hỗ trợ") == "2", cell("Lượt hỗ trợ")
            assert cell("Ngày") == today.strftime("%d/%m"), cell("Ngày")  # the list writes days as dd/mm
            say("team leader", f"/ban-ghi lists the visit: {cell('Ngày')}, 2 supports, “Tại nhà người dân”")

            assert cell("Tình nguyện viên") == "1", f"who went was not recorded: {row.inner_text()}"

            menu(hk, "Bản ghi")
            row = hk.locator("main tbody tr", has=hk.locator("td[data-label='Đội hình']", has_text=team_name))
            assert row.count() == 1 and "Tại nhà người dân" in row.inner_text(), main_text(hk)[:1500]
            menu(hk, "Hỗ trợ tại nhà")
            assert "Đã hỗ trợ xong" in request_item(hk, reference).inner_text()
            assert address not in main_text(hk), "the ward officer sees the address of the closed request"
            say("Hoàn Kiếm", "sees the entry in /ban-ghi and the request closed, still without the address")
        finally:
            browser.close()

    finish(watch)
    print(f"home visit walked in {time.time() - T0:.0f} s")


if __name__ == "__main__":
    main(run, __doc__)
