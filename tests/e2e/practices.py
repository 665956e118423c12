#!/usr/bin/env python3
"""End-to-end: a commune's good practice becomes a national model and spreads to another province, walked in the web
pages of a phone-sized headless Chromium.

    python3 -B tests/e2e/practices.py --base http://127.0.0.1:PORT --setup-link LINK

LINK is a central admin's unused one-time set-up link (`caunoi user create --username … --name …` prints one; a link
works once). Every step is a person on a 390×844 phone (vi-VN, Asia/Ho_Chi_Minh) clicking through the pages in their
own browser context; Python makes no HTTP call of its own, and no page calls the API.

The centre creates a campaign covering today for Hà Nội and Thành phố Hồ Chí Minh (weeks start on today's weekday, so
last week is complete), and the accounts of the Phường Hoàn Kiếm officer and of the two province officers. Hoàn Kiếm
submits last week's report with a good practice ("Cách làm hay"). The Hà Nội officer reads it in that week's briefing,
follows "Ghi thành cách làm hay" to the prefilled form, tags it, saves it and recognises it ("Tỉnh ghi nhận"). The
centre finds it in "Cách làm hay" typed without accents and recommends it nationwide. The Hồ Chí Minh City officer
is refused an adoption dated before the practice began (nothing is added), then records Phường Vũng Tàu and Phường Sài
Gòn from today; the practice page lists both with the indicator before and after and the map of provinces reached,
and the centre's briefing of the current week lists the practice as recommended in it.

Re-runs on one database. Names carry a random tag (searched for with the title), and the centre first closes earlier
`e2e-` campaigns still running (with two running in one province the pages show the older one). No team is created,
so weekly_cycle.py's count of Hà Nội communes that must report is untouched.

The findings of its first run were fixed; none is left open.

Console errors, script errors, CSP violations and API calls outside /field/ fail the test. Prints
`e2e: 1 passed, 0 failed` on success and exits non-zero otherwise.
"""
import datetime as dt
import time
import urllib.parse

from walk import (finish, main, HANOI, T0, Watch, create_account, expect_in, follow, form_with, main_text, menu, say,
                  set_password, submit, suffix, vn_date, launch, close_earlier_campaigns, create_campaign)


def path_of(page):
    return urllib.parse.urlsplit(page.url).path


def status_of(page):
    return page.locator("main p", has_text=" · từ ").locator("b").inner_text()


def fits_phone(page, what):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, f"{what} scrolls sideways on a phone"


def run(args):
    from playwright.sync_api import sync_playwright

    base = args.base.rstrip("/")
    tag = suffix()
    today = dt.datetime.now(HANOI).date()
    week_start = today - dt.timedelta(days=7)
    campaign_code, campaign_name = f"e2e-hay-{tag}", f"Nhân rộng cách làm hay — kiểm thử {tag}"
    practice = f"Thứ năm ý nghĩa: mỗi thứ Năm đội đến nhà người cao tuổi sống một mình hướng dẫn VNeID (mã {tag})"
    adopters = ["Phường Vũng Tàu", "Phường Sài Gòn"]
    watch = Watch()
    print(f"walk {tag}: {vn_date(today)}, campaign {campaign_code}, report week from {vn_date(week_start)}")

    with sync_playwright() as p:
        browser, person = launch(p, watch)

        try:
            # ---- 1. Centre: password, housekeeping, a campaign for Hà Nội and Hồ Chí Minh City, three accounts ----
            centre = person("centre")
            centre_user = set_password(centre, base, args.setup_link, "centre")
            say("centre", f"set the password from the set-up link, signed in as {centre_user}")

            closed = close_earlier_campaigns(centre, base)

            create_campaign(centre, campaign_code, campaign_name, week_start, today + dt.timedelta(days=60), ["Thành phố Hà Nội", "Thành phố Hồ Chí Minh"])
            say("centre", f"closed {closed} earlier test campaign(s); created {campaign_code} for Hà Nội and Hồ Chí Minh City")

            hk_link = create_account(centre, "centre", f"Trần Thị Hoàn Kiếm {tag}", f"xa.hay.hk.{tag}",
                                     role="Quản trị cấp xã", unit="Hoàn Kiếm")
            hn_link = create_account(centre, "centre", f"Nguyễn Văn Hà Nội {tag}", f"tinh.hay.hn.{tag}",
                                     role="Quản trị cấp tỉnh", unit="Hà Nội")
            hcm_link = create_account(centre, "centre", f"Lê Thị Sài Gòn {tag}", f"tinh.hay.hcm.{tag}",
                                      role="Quản trị cấp tỉnh", unit="Hồ Chí Minh")
            say("centre", "created the Hoàn Kiếm, Hà Nội and Hồ Chí Minh City officers' accounts")

            # ---- 2. Hoàn Kiếm: last week's report, with a good practice ----
            hk = person("Hoàn Kiếm")
            set_password(hk, base, hk_link, "Hoàn Kiếm")
            follow(hk, hk.get_by_role("link", name="Nộp báo cáo tuần"))
            form = form_with(hk, "textarea[name=highlights]")
            assert form.locator("select[name=week]").input_value() == week_start.isoformat(), "wrong week preselected"
            form.get_by_label("Kết quả nổi bật").fill("Đội hình đến tận nhà hỗ trợ người cao tuổi kích hoạt VNeID.")
            form.get_by_label("Cách làm hay").fill(practice)
            submit(hk, form.get_by_role("button", name="Nộp báo cáo"))
            expect_in(hk, "Đã lưu báo cáo.")
            say("Hoàn Kiếm", f"submitted the report of the week from {vn_date(week_start)} with a good practice")

            # ---- 3. Hà Nội: the briefing's good practice becomes a practice, recognised by the province ----
            hn = person("Hà Nội")
            set_password(hn, base, hn_link, "Hà Nội")
            menu(hn, "Giao ban")
            expect_in(hn, campaign_name, "Cách làm hay")
            item = hn.locator("main li", has_text=tag)
            assert item.count() == 1 and "Phường Hoàn Kiếm" in item.inner_text(), main_text(hn)[-1500:]
            follow(hn, item.get_by_role("link", name="Ghi thành cách làm hay"))
            assert path_of(hn) == "/cach-lam-hay/moi" and "bao-cao=" in hn.url, hn.url
            fits_phone(hn, "the practice form")
            form = form_with(hn, "input[name=title]")
            prefilled = {f: form.locator(f"[name={f}]").input_value() for f in ("title", "origin", "start_date", "what_was_done")}
            assert prefilled["origin"] == "Phường Hoàn Kiếm, Thành phố Hà Nội", prefilled
            assert prefilled["start_date"] == week_start.isoformat() and prefilled["what_was_done"] == practice, prefilled
            # The title is the practice's name, cut at the colon; the tag keeps this run's apart from earlier ones.
            assert prefilled["title"] == "Thứ năm ý nghĩa", prefilled
            form.locator("input[name=title]").fill(f"Thứ năm ý nghĩa {tag}")
            width = form.locator("textarea[name=what_was_done]").bounding_box()["width"]
            assert width > 300, f"the text area is {width} px wide on a 390 px phone"
            form.get_by_label("Vấn đề cần giải quyết").fill("Người cao tuổi sống một mình khó đến trung tâm phục vụ hành chính công.")
            for label in ("Người cao tuổi", "Hỗ trợ tại nhà"):
                form.get_by_label(label, exact=True).check()
            form.locator("select[name=indicator]").select_option(label="Lượt hỗ trợ tại nhà")
            submit(hn, form.get_by_role("button", name="Lưu"))
            assert path_of(hn).startswith("/cach-lam-hay/") and path_of(hn) != "/cach-lam-hay/moi", hn.url
            practice_url = hn.url.split("?")[0]
            title = hn.inner_text("main h1")
            expect_in(hn, "Phường Hoàn Kiếm, Thành phố Hà Nội", f"từ {vn_date(week_start)}", campaign_name,
                      "từ báo cáo tuần của xã", "Người cao tuổi", "Hỗ trợ tại nhà", "Lượt hỗ trợ tại nhà")
            assert status_of(hn) == "Đề xuất", status_of(hn)
            expect_in(hn, "Đã lưu.")
            say("Hà Nội", f"briefing → “Ghi thành cách làm hay” → prefilled form, tagged and saved: “{title}”")
            submit(hn, hn.get_by_role("button", name="Tỉnh ghi nhận"))
            assert status_of(hn) == "Tỉnh ghi nhận", status_of(hn)
            expect_in(hn, "Tỉnh đã ghi nhận cách làm này.")
            assert hn.get_by_role("button", name="Khuyến nghị nhân rộng toàn quốc").count() == 0, "a province may recommend"
            say("Hà Nội", "recognised it: “Tỉnh ghi nhận”")
            menu(hn, "Giao ban")
            item = hn.locator("main li", has_text=tag)
            assert item.get_by_role("link", name="Ghi thành cách làm hay", exact=True).count() == 0, "offered to write it up again"
            assert item.get_by_role("link", name="Đã ghi thành cách làm hay").count() == 1, item.inner_text()
            say("Hà Nội", "back in the briefing, the report links to its practice (“Đã ghi thành cách làm hay”)")

            # ---- 4. Centre: finds it without accents, recommends it nationwide ----
            centre.goto(base + "/")
            expect_in(centre, "Khuyến nghị cách làm hay")
            menu(centre, "Cách làm hay")
            search = centre.locator("main form", has=centre.locator("input[name=q]"))
            search.locator("input[name=q]").fill(f"thu nam y nghia {tag}")
            submit(centre, search.get_by_role("button", name="Tìm"))
            found = centre.locator("main ul.queue > li")
            assert found.count() == 1 and "Tỉnh ghi nhận" in found.inner_text(), main_text(centre)[:1500]
            follow(centre, found.get_by_role("link"))
            assert centre.url.split("?")[0] == practice_url, centre.url
            submit(centre, centre.get_by_role("button", name="Khuyến nghị nhân rộng toàn quốc"))
            assert status_of(centre) == "Trung ương khuyến nghị nhân rộng", status_of(centre)
            say("centre", f"found it by “thu nam y nghia {tag}”, recommended it nationwide")

            # ---- 5. Hồ Chí Minh City: one refused adoption, then two from today ----
            hcm = person("Hồ Chí Minh")
            set_password(hcm, base, hcm_link, "Hồ Chí Minh")
            menu(hcm, "Cách làm hay")
            search = hcm.locator("main form", has=hcm.locator("input[name=q]"))
            search.locator("input[name=q]").fill(f"nguoi cao tuoi {tag}")
            search.locator("select[name=nhan]").select_option(label="Hỗ trợ tại nhà")
            submit(hcm, search.get_by_role("button", name="Tìm"))
            found = hcm.locator("main ul.queue > li")
            assert found.count() == 1 and "Trung ương khuyến nghị nhân rộng" in found.inner_text(), main_text(hcm)[:1500]
            follow(hcm, found.get_by_role("link"))
            expect_in(hcm, "Chưa có nơi nào ghi áp dụng.", "Ghi nơi áp dụng")

            def adopt(unit, start, changes):
                form = form_with(hcm, "input[name=unit]")
                form.locator("input[name=unit]").fill(unit)
                form.locator("input[name=start_date]").fill(start.isoformat())
                form.locator("textarea[name=changes]").fill(changes)
                submit(hcm, form.get_by_role("button", name="Ghi áp dụng"))

            too_early = week_start - dt.timedelta(days=3)
            watch.refusal_expected = True
            adopt(adopters[0], too_early, "Thêm buổi chiều thứ Bảy.")
            watch.refusal_expected = False
            expect_in(hcm, "Chưa lưu được", "Chưa có nơi nào ghi áp dụng.")
            why = hcm.inner_text("#start_date-error")
            assert why == f"Ngày áp dụng {vn_date(too_early)} trước khi cách làm bắt đầu ({vn_date(week_start)}).", why
            assert hcm.locator("input[name=unit]").input_value() == adopters[0], "the refused form lost what was typed"
            assert hcm.locator("main .notice").count() == 0, "a refusal shown in the green notice box"
            say("Hồ Chí Minh", f"an adoption from {vn_date(too_early)} is refused beside the date: “{why}”, nothing added")
            adopt(adopters[0], today, "Thêm buổi chiều thứ Bảy cho người đi làm.")
            assert path_of(hcm) == urllib.parse.urlsplit(practice_url).path, hcm.url
            adopt(adopters[1], today, "Phối hợp tổ dân phố lập danh sách người cao tuổi sống một mình.")
            say("Hồ Chí Minh", f"recorded {' and '.join(adopters)} from {vn_date(today)}")

            # ---- 6. The practice page: both adopters, before and after, the map ----
            table = hcm.locator("main table", has=hcm.locator("th", has_text="Nơi áp dụng"))
            heads = [h.strip() for h in table.locator("th").all_inner_texts()]
            assert heads == ["Nơi áp dụng", "Từ ngày", "Lượt hỗ trợ tại nhà, 4 tuần trước", "4 tuần sau"], heads
            rows = table.locator("tbody tr")
            assert rows.count() == 2, table.inner_text()
            for unit in adopters:
                row = table.locator("tbody tr", has_text=unit)
                cells = [c.strip() for c in row.locator("td").all_inner_texts()]
                assert cells[0].startswith(f"{unit}, Thành phố Hồ Chí Minh") and cells[1] == vn_date(today), cells
                say("Hồ Chí Minh", f"row: {' | '.join(c.replace(chr(10), ' / ') for c in cells)}")
            assert hcm.locator("main svg title", has_text="Các tỉnh đã áp dụng").count() == 1, "no map of provinces reached"
            fits_phone(hcm, "the practice page")

            # ---- 7. Centre: the briefing of the current week lists the recommendation ----
            menu(centre, "Giao ban")
            follow(centre, centre.get_by_role("link", name="Tuần sau ›"))
            expect_in(centre, "Được khuyến nghị, nhân rộng trong tuần")
            spread = centre.locator("main li", has=centre.get_by_role("link", name=title, exact=True))
            lines = spread.all_inner_texts()
            assert any("Trung ương khuyến nghị nhân rộng" in t for t in lines), lines
            say("centre", f"current week's briefing: {lines}")
        finally:
            browser.close()

    finish(watch)
    print(f"practices walked in {time.time() - T0:.0f} s")


if __name__ == "__main__":
    main(run, __doc__)
