#!/usr/bin/env python3
"""End-to-end: coordinating forces — a border commune short of H'Mông speakers gets two from another commune, walked
in the web pages of a phone-sized headless Chromium.

    python3 -B tests/e2e/reinforcement.py --base http://127.0.0.1:PORT --setup-link LINK

LINK is a central admin's unused one-time set-up link (`caunoi user create --username … --name …` prints one; a link
works once). Every step is a person on a 390×844 phone (vi-VN, Asia/Ho_Chi_Minh) clicking through the pages in their
own browser context; Python makes no HTTP call of its own, and only the field app calls the API.

The centre creates a campaign covering today for Hà Nội ("Điều phối" ranks a running campaign's communes), makes
Phường Cửa Nam a border commune speaking H'Mông, registers one Vietnamese-only volunteer there and five in Phường Hoàn
Kiếm (two H'Mông speakers with a motorbike, one without, two Vietnamese only) and a team in each commune (the default
minimum of 3 lets Hoàn Kiếm spare 2). /dieu-phoi lists Cửa Nam "Chưa có TNV nói tiếng H'Mông"; the centre asks for 2
riders who must speak H'Mông, gets exactly the two proposed and approves them. The Hoàn Kiếm team leader accepts one
and declines the other in the field app; the request page, the ranking and both teams' pages then show the move, with
the mover's old membership ended the day before. (The findings of its first run were fixed; none is left open.)

Re-runs on one database. Names carry a random tag, phones are random, and the centre first closes earlier `e2e-`
campaigns still running, ends earlier runs' Cửa Nam receiving teams (their H'Mông mover would make Cửa Nam look
served) and marks earlier runs' H'Mông riders ("Giàng … e2e…") "Đã rời" (they would tie with this run's in the proposal).
The receiving commune is Cửa Nam because weekly_cycle.py expects a report from it anyway: a team in any other Hà Nội
commune, active during last week, would add one to its "xã phải nộp" and fail it when run later on the same database.

Console errors, script errors, CSP violations and API calls outside /field/ fail the test. Prints
`e2e: 1 passed, 0 failed` on success and exits non-zero otherwise.
"""
import datetime as dt
import random
import re
import string
import time
import urllib.parse

from walk import (finish, main, HANOI, T0, Watch, create_account, expect_in, follow, form_with, main_text, menu, say,
                  set_password, submit, suffix, vn_date, wait_until, launch, close_earlier_campaigns, create_campaign)

TARGET = ("Phường Cửa Nam", "00073")
RECEIVING = "tiếp nhận tăng cường"  # in every run's Cửa Nam team name, for the housekeeping of later runs


def path_of(page):
    return urllib.parse.urlsplit(page.url).path


def links(rows):
    return [rows.nth(i).locator("a").first.get_attribute("href") for i in range(rows.count())]


def save_each(page, base, hrefs, selector, change):
    """Housekeeping: opens each page, changes the form's `selector` field and saves, unless `change` says no."""
    changed = 0
    for href in hrefs:
        page.goto(base + href)
        form = form_with(page, selector)
        if change(form.locator(selector)):
            submit(page, form.get_by_role("button", name="Lưu"))
            expect_in(page, "Đã lưu.")
            changed += 1
    return changed


def hanoi_shortages(page):
    """Menu "Điều phối", Hà Nội, the commune's name typed without accents; returns Cửa Nam's row of "Nơi đang thiếu hỗ trợ"."""
    menu(page, "Điều phối")
    assert path_of(page) == "/dieu-phoi", page.url
    filt = page.locator("main form", has=page.locator("select[name=tinh]"))
    filt.locator("select[name=tinh]").select_option(label="Thành phố Hà Nội")
    filt.locator("input[name=q]").fill("cua nam")
    submit(page, filt.get_by_role("button", name="Xem"))
    return page.locator("main tbody tr", has=page.locator("td b", has_text=re.compile(f"^{TARGET[0]}$")))


def add_volunteer(page, name, commune, since, hmong=False, motorbike=False):
    """Menu "Tình nguyện viên" → "Thêm tình nguyện viên"; a phone already taken is retried with another."""
    for _ in range(5):
        menu(page, "Tình nguyện viên")
        follow(page, page.get_by_role("link", name="Thêm tình nguyện viên"))
        form = form_with(page, "input[name=full_name]")
        form.locator("input[name=full_name]").fill(name)
        form.locator("input[name=phone]").fill("09" + "".join(random.choice(string.digits) for _ in range(8)))
        form.locator("input[name=birth_year]").fill("2002")
        form.locator("select[name=gender]").select_option(label="Nữ" if " Thị " in name else "Nam")
        form.locator("input[name=home_commune_code]").fill(commune)
        form.locator("select[name=force_type]").select_option(label="Tại chỗ")
        for language in ["Tiếng Việt"] + ["H'Mông"] * hmong:
            form.locator("fieldset", has_text="Ngôn ngữ sử dụng được").get_by_label(language).check()
        if motorbike:
            form.get_by_label("Có xe máy").check()
        form.locator("input[name=consent_date]").fill(since.isoformat())
        submit(page, form.get_by_role("button", name="Lưu"))
        if "da-luu=1" in page.url:
            return expect_in(page, "Đã lưu.", name)
        assert "điện thoại" in main_text(page).lower(), main_text(page)[:800]  # only a taken phone is retried
    raise AssertionError(f"could not register {name}")


def add_team(page, name, commune, since, members, tag):
    """Menu "Đội hình" → "Thêm đội hình", then each member through the page's search and "Thêm vào đội"."""
    menu(page, "Đội hình")
    follow(page, page.get_by_role("link", name="Thêm đội hình"))
    form = form_with(page, "select[name=kind]")
    form.locator("input[name=name]").fill(name)
    form.locator("select[name=kind]").select_option(label="Đội hình tại Trung tâm phục vụ hành chính công")
    form.locator("input[name=home_commune_code]").fill(commune)
    assert form.locator("input[name=min_members]").input_value() == "3", "the minimum is not 3 by default"
    form.locator("input[name=active_from]").fill(since.isoformat())
    submit(page, form.get_by_role("button", name="Lưu"))
    expect_in(page, "Đã lưu.", name, "Thành viên hiện tại (0)")
    team_url = page.url.split("?")[0]
    for who in members:
        # The list offers the commune's first 200 volunteers by name; the search finds this run's by its tag.
        search = page.locator("main form[role=search]")
        search.locator("input[name=tim]").fill(tag)
        submit(page, search.get_by_role("button", name="Tìm"))
        form = form_with(page, "select[name=volunteer_id]")
        form.locator("select[name=volunteer_id]").select_option(form.locator("option", has_text=who).get_attribute("value"))
        form.get_by_label("Ngày vào đội", exact=True).fill(since.isoformat())
        submit(page, form.get_by_role("button", name="Thêm vào đội"))
        expect_in(page, "Đã lưu.", who)
    expect_in(page, f"Thành viên hiện tại ({len(members)})")
    return team_url


def run(args):
    from playwright.sync_api import sync_playwright

    base = args.base.rstrip("/")
    tag = suffix()
    today = dt.datetime.now(HANOI).date()
    since, yesterday = today - dt.timedelta(days=7), today - dt.timedelta(days=1)
    campaign_code, campaign_name = f"e2e-dieu-{tag}", f"Điều phối lực lượng — kiểm thử {tag}"
    local, walker = f"Nguyễn Văn Bình {tag}", f"Vàng A Chứ {tag}"  # Vietnamese only in Cửa Nam; H'Mông, no motorbike
    riders = [f"Giàng A Páo e2e{tag}", f"Giàng Thị Mỷ e2e{tag}"]  # H'Mông and a motorbike; "e2e" for later runs
    others = [f"Trần Thị Hà {tag}", f"Lê Văn Kiên {tag}"]
    target_team, source_team = f"Đội {RECEIVING} Cửa Nam {tag}", f"Đội hình Hoàn Kiếm {tag}"
    note = f"Hỗ trợ người dân vùng biên kích hoạt VNeID (kiểm thử {tag})."
    watch = Watch()
    print(f"walk {tag}: {vn_date(today)}, campaign {campaign_code}")

    with sync_playwright() as p:
        browser, person = launch(p, watch)

        try:
            # ---- 1. Centre: password, housekeeping of earlier runs, a campaign covering today for Hà Nội ----
            centre = person("centre")
            centre_user = set_password(centre, base, args.setup_link, "centre")
            say("centre", f"set the password from the set-up link, signed in as {centre_user}")

            closed = close_earlier_campaigns(centre, base)

            create_campaign(centre, campaign_code, campaign_name, since, today + dt.timedelta(days=60), ["Thành phố Hà Nội"])
            say("centre", f"created campaign {campaign_code} for Hà Nội, running today")

            # Earlier runs' H'Mông riders would tie with this run's for the proposal: they leave the programme.
            menu(centre, "Tình nguyện viên")
            search = centre.locator("main form[role=search]")
            search.locator("input[name=q]").fill("Giàng e2e")
            submit(centre, search.get_by_role("button", name="Tìm"))
            stale = links(centre.locator("main tbody tr", has_text="Đang hoạt động"))
            retired = save_each(centre, base, stale, "select[name=status]", lambda s: s.select_option(label="Đã rời"))

            # ---- 2. Centre: Cửa Nam becomes a border commune whose people speak H'Mông ----
            menu(centre, "Đơn vị hành chính")
            centre.locator("main form input[name=q]").fill("cua nam")
            submit(centre, centre.locator("main form", has=centre.locator("input[name=q]")).get_by_role("button", name="Tìm"))
            row = centre.locator("main tbody tr", has_text="Thành phố Hà Nội")
            follow(centre, row.get_by_role("link", name=TARGET[0], exact=True))
            assert path_of(centre) == f"/don-vi/{TARGET[1]}", centre.url
            # Earlier runs' receiving teams now have a H'Mông speaker: they end, or Cửa Nam would look served.
            ended = save_each(centre, base, links(centre.locator("main tbody tr", has_text=RECEIVING)), "input[name=active_to]",
                              lambda i: not i.input_value() and i.fill(yesterday.isoformat()) is None)
            if closed or retired or ended:
                say("centre", f"earlier runs: closed {closed} campaign(s), {retired} H'Mông rider(s) “Đã rời”, ended {ended} team(s)")
                centre.goto(base + f"/don-vi/{TARGET[1]}")
            form = form_with(centre, "input[name=is_border]")
            form.get_by_label("Biên giới", exact=True).check()
            form.locator("fieldset", has_text="Ngôn ngữ thường dùng").get_by_label("H'Mông").check()
            submit(centre, form.get_by_role("button", name="Lưu"))
            expect_in(centre, "Đã lưu thông tin đơn vị.")
            tags = centre.inner_text("main ul.tags")
            assert "Biên giới" in tags and "Tiếng H'Mông" in tags, centre.inner_text("main")[:800]
            say("centre", f"marked {TARGET[0]} a border commune whose area language is H'Mông")

            # ---- 3. Centre: six volunteers, two teams ----
            for name in [local] + riders + [walker] + others:
                add_volunteer(centre, name, "Cửa Nam, Hà Nội" if name == local else "Hoàn Kiếm", since,
                              hmong=name in riders + [walker], motorbike=name in riders)
            say("centre", "registered 1 volunteer in Cửa Nam and 5 in Hoàn Kiếm (2 H'Mông riders, 1 H'Mông on foot)")

            target_url = add_team(centre, target_team, "Cửa Nam, Hà Nội", since, [local], tag)
            source_url = add_team(centre, source_team, "Hoàn Kiếm", since, riders + [walker] + others, tag)
            say("centre", f"created “{target_team}” (1 member) and “{source_team}” (5 members, minimum 3)")

            # ---- 4. Centre: Điều phối shows Cửa Nam short of H'Mông; asks for two riders ----
            row = hanoi_shortages(centre)
            assert row.count() == 1, f"{TARGET[0]} is not listed:\n{main_text(centre)[:2000]}"
            reasons = row.locator("ul.reasons").inner_text()
            assert "Chưa có TNV nói tiếng H'Mông" in reasons, reasons
            rank = row.locator("td").first.inner_text()
            say("centre", f"/dieu-phoi for Hà Nội, “cua nam” typed: {TARGET[0]} ranks #{rank}: “{' / '.join(reasons.splitlines())}”")

            follow(centre, row.get_by_role("link", name="Đề nghị tăng cường"))
            assert path_of(centre) == "/dieu-phoi/de-nghi-moi", centre.url
            expect_in(centre, f"Xã, phường: {TARGET[0]}, Thành phố Hà Nội")
            assert centre.locator("main input[name=xa]").input_value() == f"{TARGET[0]}, Thành phố Hà Nội", "the commune box shows a code"
            assert centre.evaluate("document.documentElement.scrollWidth") <= 390, "the request form scrolls sideways on a phone"
            form = form_with(centre, "input[name=people]")
            form.locator("select[name=team_id]").select_option(label=target_team)
            form.locator("input[name=people]").fill("2")
            form.locator("fieldset", has_text="Tiếng dân tộc cần").get_by_label("H'Mông").check()
            form.get_by_label("Bắt buộc biết tiếng đã chọn").check()
            form.get_by_label("Cần có xe máy").check()
            assert form.locator("input[name=from_date]").input_value() == today.isoformat(), "the start is not today"
            form.locator("textarea[name=note]").fill(note)
            submit(centre, form.get_by_role("button", name="Gửi đề nghị"))
            assert path_of(centre).startswith("/dieu-phoi/de-nghi/"), centre.url
            request_url = centre.url
            expect_in(centre, f"Tăng cường cho {TARGET[0]}", "tiếng H'Mông (bắt buộc)", "có xe máy", note, "Đã nhận 0/2 người")
            assert centre.locator("main dl.facts").get_by_role("link", name=target_team).count() == 1, "the receiving team is not linked"
            say("centre", "asked for 2 people from today, H'Mông required, motorbike required")

            submit(centre, centre.get_by_role("button", name="Đề xuất người"))
            expect_in(centre, "Đã đề xuất người cho các chỗ còn trống.", "2 đề xuất chờ duyệt")
            rows = centre.locator("main tbody tr")
            names = sorted(rows.nth(i).locator("td b").inner_text() for i in range(rows.count()))
            assert names == sorted(riders), f"proposed {names}, expected {riders}:\n{main_text(centre)[:1500]}"
            for i in range(rows.count()):
                why = rows.nth(i).locator("td").nth(2).inner_text()
                assert why.startswith("nói tiếng H'Mông, có xe máy, cùng tỉnh"), why
                assert rows.nth(i).locator("input[type=checkbox]").is_checked()
            assert walker not in main_text(centre), "the H'Mông speaker without a motorbike is proposed"
            say("centre", f"“Đề xuất người” proposed {', '.join(names)}: “{why}”")
            submit(centre, centre.get_by_role("button", name="Duyệt các đề xuất đã chọn", exact=True))
            expect_in(centre, "Đã duyệt.", "2 chờ TNV trả lời")
            assert all("Đã duyệt, chờ TNV trả lời" in rows.nth(i).inner_text() for i in range(rows.count()))
            say("centre", "approved both proposals")

            # ---- 5. Centre: the Hoàn Kiếm team leader's account from the team page ----
            centre.goto(source_url)
            follow(centre, centre.get_by_role("link", name="Tạo tài khoản đội trưởng"))
            leader_link = create_account(centre, "centre", others[0], f"doitruong.dieu.{tag}", from_team_page=True)
            say("centre", "created the Hoàn Kiếm team leader's account from the team page")

            # ---- 6. Team leader: accepts one move and declines the other in the field app ----
            leader = person("team leader")
            set_password(leader, base, leader_link, "team leader")
            expect_in(leader, "Trả lời điều động", "2 đề nghị điều động tăng cường chờ trả lời.")
            follow(leader, leader.get_by_role("link", name="Mở ứng dụng ghi nhận hỗ trợ"))
            leader.wait_for_selector("#main-view", state="visible")
            moves = leader.locator("[data-testid=moves]")
            wait_until(leader, lambda: moves.is_visible() and moves.locator("[data-testid=move]").count() == 2, 15,
                       "the two moves in the field app")
            mover, decliner = riders
            card = moves.locator("[data-testid=move]", has_text=mover)
            assert target_team in card.inner_text() and TARGET[0] in card.inner_text(), card.inner_text()
            card.locator("[data-testid=move-accept]").click()
            msg = leader.locator("[data-testid=move-msg]")
            wait_until(leader, lambda: "Đã nhận điều động" in msg.inner_text(), 10, "the accept to be saved")
            assert msg.is_visible(), "the accept's confirmation is not shown"
            say("team leader", f"field app: accepted {mover}: “{msg.inner_text()}”")
            moves.locator("[data-testid=move]", has_text=decliner).locator("[data-testid=move-decline]").click()
            wait_until(leader, lambda: "Đã từ chối" in msg.text_content(), 10, "the decline to be saved")
            assert moves.locator("[data-testid=move]").count() == 0, moves.inner_text()
            assert msg.is_visible() and "chưa có người phù hợp khác" in msg.inner_text(), msg.text_content()
            say("team leader", f"field app: declined {decliner}: “{msg.inner_text()}”")

            # ---- 7. Centre: the answers on the request page; the teams' members and history ----
            centre.goto(request_url)
            rows = centre.locator("main tbody tr")
            status = {rows.nth(i).locator("td b").inner_text(): rows.nth(i).locator("td").nth(3).inner_text()
                      for i in range(rows.count())}
            assert status.get(mover, "").startswith("TNV đã nhận"), status
            assert status.get(decliner, "").startswith("TNV từ chối"), status
            assert len(status) == 2, f"someone new was proposed: {status}"
            expect_in(centre, "Đã nhận 1/2 người; còn 1 chỗ chưa có người")
            submit(centre, centre.get_by_role("button", name="Đề xuất lại các chỗ còn trống"))
            expect_in(centre, "Đã đề xuất người cho các chỗ còn trống.", "Đã nhận 1/2 người; còn 1 chỗ chưa có người")
            assert centre.locator("main tbody tr").count() == 2, main_text(centre)[:1500]
            say("centre", f"request page: {mover} “TNV đã nhận”, {decliner} “TNV từ chối”; nobody else fits")

            row = hanoi_shortages(centre)
            assert row.count() == 0 or "H'Mông" not in row.inner_text(), row.inner_text()
            say("centre", f"/dieu-phoi no longer lists {TARGET[0]} as short of H'Mông speakers")

            centre.goto(target_url)
            expect_in(centre, "Thành viên hiện tại (2)", mover, local)
            assert centre.get_by_label(f"Ngày vào đội của {mover}").input_value() == today.isoformat(), "wrong joining day"
            say("centre", f"{target_team} lists {mover} from {vn_date(today)}")
            centre.goto(source_url)
            history = f"{mover}: {vn_date(since)} – {vn_date(yesterday)}"
            expect_in(centre, "Thành viên hiện tại (4)", "Đã luân chuyển", history)
            assert centre.get_by_label(f"Ngày vào đội của {decliner}").count() == 1, "the decliner left the team"
            say("centre", f"{source_team} keeps {mover}'s membership {vn_date(since)} – {vn_date(yesterday)}")
        finally:
            browser.close()

    finish(watch)
    print(f"reinforcement walked in {time.time() - T0:.0f} s")


if __name__ == "__main__":
    main(run, __doc__)
