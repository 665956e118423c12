#!/usr/bin/env python3
"""End-to-end: one reporting week of every role, walked in the web pages of a phone-sized headless Chromium.

    python3 tests/e2e/weekly_cycle.py --base http://127.0.0.1:PORT --setup-link LINK

LINK is a central admin's unused one-time set-up link (`caunoi user create --username … --name …` prints one; a link
works once, so every run needs a fresh one). Python makes no HTTP call of its own, least of all to /api/: every step is
a person on a 390×844 phone (vi-VN, Asia/Ho_Chi_Minh) clicking through the pages, each in their own browser context.
The field app calls the API from the browser, as it does on a real phone.

The week. Hè 2025 has ended, and the README says the centre's first job is then to create the current campaign at
/chien-dich/moi, so the walk does exactly that and works in the reporting week that has just ended: the campaign's
weeks start on today's weekday, so last week (today−7 … yesterday) is complete, its reports are due today at 23:59
and its briefing is tomorrow. The walk therefore behaves the same whatever day it runs, and nothing is dated in the
future. The campaign covers Thành phố Hà Nội only (a provincial pilot), and each run creates its own (random code),
so reports, figures and the briefing belong to this run alone. Campaigns left running by earlier runs (code
`e2e-tuan-…`) are closed first, through the same campaign page: with two campaigns running in one province the
pages offer no way to choose between them (they show the older one), which would send the people to the wrong week.

Who creates whom. Each level makes the next level's accounts, as the Youth Union does: the centre creates the
province officer (Hà Nội), the province officer creates the commune officers of Phường Hoàn Kiếm and Phường Cửa Nam,
and the Hoàn Kiếm officer registers two volunteers, the team with its members, and the team leader's account from
the team's page. Every account starts from the one-time link its creator's page shows.

The cycle. The team leader logs three days in the field app (/field/) and corrects one of them on its web page,
seeing the correction history. Both communes submit the week's report; Hoàn Kiếm reports a serious difficulty and
asks for reinforcement. The province approves Hoàn Kiếm, sends Cửa Nam back with a reason, takes the difficulty in
and escalates it to the centre; Cửa Nam sees the reason on its home page, fixes and resubmits, and is approved.
The approved week is then locked: the team leader's entry page says why and offers no correction form. The centre signs in at
/dang-nhap, reads the briefing (the figures are the team leader's, corrected, in Vietnamese number format) and
resolves the escalated difficulty, which leaves the open queue; the commune sees the result.

Script errors, console errors and CSP violations on any page fail the test. Prints `e2e: 1 passed, 0 failed` on success and
exits non-zero otherwise.
"""
import datetime as dt
import random
import re
import string
import time
import urllib.parse

from walk import (finish, main, HANOI, PASSPHRASE, T0, Watch, create_account, expect_in, follow, form_with, main_text,
                  menu, say, set_password, submit, suffix, vn_date, wait_until, launch, close_earlier_campaigns)


def week_span(start, end):
    """As the pages write a week: "07/8–13/8/2025", or "29/12/2025–04/1/2026" across a new year."""
    if start.year == end.year:
        return f"{start.day:02d}/{start.month}–{end.day:02d}/{end.month}/{end.year}"
    return f"{start.day:02d}/{start.month}/{start.year}–{end.day:02d}/{end.month}/{end.year}"


# ---------- steps shared by several people ----------


def sign_out(page):
    submit(page, page.locator("form.account").get_by_role("button", name="Đăng xuất"))
    assert page.get_by_role("link", name="Đăng nhập").first.is_visible(), page.url


def report_row(page, commune):
    return page.locator("table tbody tr", has=page.locator("td[data-label='Xã']", has_text=commune))


def report_status(page, commune):
    """The status line (a report sent back carries its reason on the next line)."""
    return report_row(page, commune).locator("td[data-label='Trạng thái']").inner_text().strip().splitlines()[0]


def difficulty_item(page, tag):
    return page.locator("ul.queue > li", has_text=tag)


# ---------- field app ----------

def record(page, campaign_code, day, taps):
    """One day's work in the field app: everyone present, at the service centre, taps on the counters."""
    page.wait_for_selector("[data-testid=inc]", state="visible")
    if page.is_visible("#campaign-box"):
        page.select_option("#campaign", campaign_code)
    page.fill("#date", day.isoformat())
    page.wait_for_selector("[data-testid=member]")
    page.click("#all-present")
    page.click("#place-service_centre")
    for label, n in taps.items():
        for _ in range(n):
            page.get_by_role("button", name=f"Thêm 1: {label}", exact=True).click()
    total = sum(taps.values())
    assert page.inner_text("#total").strip() == str(total), page.inner_text("#total")
    page.click("#save")  # the app hides #saved synchronously on submit, so this waits for this save
    wait_until(page, lambda: page.is_visible("#saved") or page.is_visible("#form-error"), 10, "the save to finish")
    assert page.is_hidden("#form-error"), page.inner_text("#form-error")


def run(args):
    from playwright.sync_api import sync_playwright

    base = args.base.rstrip("/")
    tag = suffix()
    today = dt.datetime.now(HANOI).date()
    week_start, week_end = today - dt.timedelta(days=7), today - dt.timedelta(days=1)
    span = week_span(week_start, week_end)
    campaign_code, campaign_name = f"e2e-tuan-{tag}", f"Tình nguyện hỗ trợ chính quyền 2 cấp — kiểm thử {tag}"
    days = [week_start + dt.timedelta(days=n) for n in (1, 2, 4)]  # three days the team worked
    difficulty = f"Máy chủ VNeID báo lỗi xác thực liên tục chiều {vn_date(days[1])}, người dân phải quay lại (mã {tag})."
    send_back_reason = "Chưa nêu kết quả thực tế của phường; đề nghị bổ sung kết quả nổi bật và kiến nghị."
    resolution = "Đã phối hợp Bộ Công an khắc phục lỗi xác thực VNeID; hệ thống ổn định trở lại."
    watch = Watch()
    print(f"walk {tag}: week {span}, campaign {campaign_code}")

    with sync_playwright() as p:
        browser, person = launch(p, watch)

        try:
            # ---- 1. Centre: password, housekeeping, this season's campaign, the province officer's account ----
            centre = person("centre")
            centre_user = set_password(centre, base, args.setup_link, "centre")
            expect_in(centre, "Việc cần làm")
            say("centre", f"set the password from the set-up link, signed in as {centre_user}")

            # GAP: with two campaigns running in one province, the home page, /bao-cao-tuan and /giao-ban show the
            # older one and offer no choice of campaign; so earlier runs' test campaigns are closed first.
            closed = close_earlier_campaigns(centre, base)
            if closed:
                say("centre", f"closed {closed} test campaign(s) left running by earlier runs")

            menu(centre, "Chiến dịch")
            follow(centre, centre.get_by_role("link", name="Tạo chiến dịch"))
            form = form_with(centre, "input[name=code]")
            form.locator("input[name=code]").fill(campaign_code)
            form.locator("input[name=name]").fill(campaign_name)
            form.locator("input[name=start_date]").fill(week_start.isoformat())
            form.locator("input[name=end_date]").fill((today + dt.timedelta(days=60)).isoformat())
            form.locator("select[name=status]").select_option(label="Đang diễn ra")
            form.locator("select[name=week_starts_on]").select_option(str(today.isoweekday()))
            form.locator("select[name=deadline_weekday]").select_option(str(today.isoweekday()))
            form.locator("input[name=deadline_time]").fill("23:59")
            form.locator("select[name=briefing_weekday]").select_option(str((today + dt.timedelta(days=1)).isoweekday()))
            assert "phan_luong" in form.locator("textarea[name=categories]").input_value(), "categories not prefilled"
            form.get_by_label("Thành phố Hà Nội").check()
            submit(centre, form.get_by_role("button", name="Lưu"))
            expect_in(centre, "Đã lưu.", campaign_name)
            menu(centre, "Chiến dịch")
            card = expect_in(centre, campaign_code)
            assert f"Tuần {week_span(today, today + dt.timedelta(days=6))} (tuần thứ 2 của chiến dịch)" in card, card[:800]
            say("centre", f"created campaign {campaign_code} for Hà Nội ({vn_date(week_start)} – +60 days), now in week 2")

            prov_link = create_account(centre, "centre", f"Nguyễn Văn Tỉnh {tag}", f"tinh.hn.{tag}",
                                       role="Quản trị cấp tỉnh", unit="Hà Nội")
            say("centre", "created the Hà Nội province officer's account, got its set-up link")
            sign_out(centre)
            say("centre", "signed out")

            # ---- 2. Province: password, the two commune officers' accounts ----
            prov = person("province")
            set_password(prov, base, prov_link, "province")
            expect_in(prov, "Việc cần làm", "Duyệt báo cáo tuần", campaign_name)
            say("province", "set the password, home page leads to the approval queue")
            hk_link = create_account(prov, "province", f"Trần Thị Hoàn Kiếm {tag}", f"xa.hoankiem.{tag}",
                                     role="Quản trị cấp xã", unit="hoan kiem")  # typed without accents
            say("province", "created the Phường Hoàn Kiếm officer's account")
            cn_link = create_account(prov, "province", f"Lê Văn Cửa Nam {tag}", f"xa.cuanam.{tag}",
                                     role="Quản trị cấp xã", unit="Cửa Nam")
            say("province", "created the Phường Cửa Nam officer's account")

            # ---- 3. Hoàn Kiếm: volunteers, the team and its members, the team leader's account ----
            hk = person("Hoàn Kiếm")
            set_password(hk, base, hk_link, "Hoàn Kiếm")
            expect_in(hk, "Việc cần làm", "Nộp báo cáo tuần", f"Tuần {span}")
            say("Hoàn Kiếm", f"set the password, home page asks for the report of week {span}")

            volunteers = [f"Nguyễn Thị Mai {tag}", f"Phạm Văn Nam {tag}"]
            for name in volunteers:
                for _ in range(5):
                    menu(hk, "Tình nguyện viên")
                    follow(hk, hk.get_by_role("link", name="Thêm tình nguyện viên"))
                    form = form_with(hk, "input[name=full_name]")
                    form.locator("input[name=full_name]").fill(name)
                    # Phones are unique server-side; a random 09xxxxxxxx keeps re-runs on one database working.
                    form.locator("input[name=phone]").fill("09" + "".join(random.choice(string.digits) for _ in range(8)))
                    form.locator("input[name=birth_year]").fill("2004")
                    form.locator("select[name=gender]").select_option(label="Nữ" if "Thị" in name else "Nam")
                    form.locator("input[name=home_commune_code]").fill("Hoàn Kiếm")
                    form.locator("select[name=force_type]").select_option(label="Tại chỗ")
                    form.locator("input[name=consent_date]").fill((week_start - dt.timedelta(days=3)).isoformat())
                    submit(hk, form.get_by_role("button", name="Lưu"))
                    if "da-luu=1" in hk.url:
                        break
                    assert "điện thoại" in main_text(hk).lower(), main_text(hk)[:800]  # only a taken phone is retried
                else:
                    raise AssertionError(f"could not register {name}")
                expect_in(hk, "Đã lưu.", name)
            say("Hoàn Kiếm", f"registered 2 volunteers: {', '.join(volunteers)}")

            team_name = f"Đội hình TTPVHCC Hoàn Kiếm {tag}"
            menu(hk, "Đội hình")
            follow(hk, hk.get_by_role("link", name="Thêm đội hình"))
            form = form_with(hk, "select[name=kind]")
            form.locator("input[name=name]").fill(team_name)
            form.locator("select[name=kind]").select_option(label="Đội hình tại Trung tâm phục vụ hành chính công")
            form.locator("input[name=home_commune_code]").fill("Hoàn Kiếm")
            form.locator("input[name=active_from]").fill(week_start.isoformat())
            submit(hk, form.get_by_role("button", name="Lưu"))
            expect_in(hk, "Đã lưu.", team_name, "Thành viên hiện tại (0)")
            for name in volunteers:
                form = form_with(hk, "select[name=volunteer_id]")
                form.locator("select[name=volunteer_id]").select_option(
                    form.locator("option", has_text=name).get_attribute("value"))
                form.get_by_label("Ngày vào đội", exact=True).fill(week_start.isoformat())
                submit(hk, form.get_by_role("button", name="Thêm vào đội"))
                expect_in(hk, "Đã lưu.", name)
            expect_in(hk, "Thành viên hiện tại (2)")
            say("Hoàn Kiếm", f"created the team, both volunteers joined on {vn_date(week_start)}")

            follow(hk, hk.get_by_role("link", name="Tạo tài khoản đội trưởng"))
            form = form_with(hk, "input[name=username]")
            assert form.locator("select[name=role]").input_value() == "team_leader"
            assert team_name in form.locator("select[name=team] option:checked").inner_text(), "team not preselected"
            leader_link = create_account(hk, "Hoàn Kiếm", volunteers[0], f"doitruong.{tag}", from_team_page=True)
            say("Hoàn Kiếm", "created the team leader's account from the team page")

            # ---- 4. Team leader: three days in the field app, one corrected on the web ----
            leader = person("team leader")
            set_password(leader, base, leader_link, "team leader")
            follow(leader, leader.get_by_role("link", name="Mở ứng dụng ghi nhận hỗ trợ"))
            leader.wait_for_selector("#main-view", state="visible")
            assert leader.inner_text("#who").strip() == volunteers[0], leader.inner_text("#who")
            say("team leader", "set the password, opened the field app from the home page, already signed in")

            work = [
                (days[0], {"Hướng dẫn thủ tục hành chính": 2, "Cài đặt, kích hoạt VNeID": 1}),
                (days[1], {"Cài đặt, kích hoạt VNeID": 3}),
                (days[2], {"Phân luồng, hướng dẫn chung": 4}),
            ]
            for day, taps in work:
                record(leader, campaign_code, day, taps)
            wait_until(leader, lambda: leader.get_attribute("#pending", "data-count") == "0", 30, "the entries to be sent")
            wait_until(leader, lambda: leader.locator("[data-testid=sent-entry]").count() >= 3, 10, "three sent entries")
            assert leader.get_attribute("#problem-count", "data-count") == "0", leader.inner_text("#problems")
            say("team leader", f"logged {', '.join(vn_date(d) for d, _ in work)} (3 + 3 + 4 supports), all sent")

            sent = leader.locator("[data-testid=sent-entry]", has_text=vn_date(days[1]))
            assert "3 lượt" in sent.inner_text(), sent.inner_text()
            follow(leader, sent.locator("[data-testid=sent-link]"))
            entry_url = leader.url.split("?")[0]
            assert urllib.parse.urlsplit(entry_url).path.startswith("/ban-ghi/"), entry_url
            form = form_with(leader, "input[name=base_version]")
            form.get_by_label("Cài đặt, kích hoạt VNeID", exact=True).fill("5")
            form.get_by_label("Ghi chú", exact=True).fill("Bổ sung 2 lượt ghi sót cuối buổi")
            submit(leader, form.get_by_role("button", name="Lưu bản sửa"))
            expect_in(leader, "Đã lưu bản sửa.", "Lịch sử sửa", "Bản gửi đầu tiên", "Bổ sung 2 lượt ghi sót cuối buổi")
            history = leader.locator("table", has=leader.locator("th", has_text="Người sửa")).locator("tbody tr")
            assert history.count() == 2, history.count()
            assert history.nth(0).locator("td[data-label='Lượt']").inner_text().strip() == "3"
            assert history.nth(1).locator("td[data-label='Lượt']").inner_text().strip() == "5"
            assert leader.locator("dl.facts dt", has_text="Phiên bản").locator("xpath=following-sibling::dd[1]").inner_text() == "2"
            say("team leader", f"corrected {vn_date(days[1])} from 3 to 5 on its web page, history shows both versions")
            leader.goto(base + "/field/")
            wait_until(leader, lambda: leader.locator("[data-testid=sent-entry]").count() >= 3, 10, "the sent list")
            # Its page, for the try after the province has approved the week.
            first_entry = leader.locator("[data-testid=sent-entry]", has_text=vn_date(days[0])) \
                .locator("[data-testid=sent-link]").get_attribute("href")

            # ---- 5. Communes: the week's reports; Hoàn Kiếm asks for help ----
            hk.goto(base + "/")
            follow(hk, hk.get_by_role("link", name="Nộp báo cáo tuần"))
            form = form_with(hk, "textarea[name=highlights]")
            assert form.locator("select[name=week]").input_value() == week_start.isoformat(), "wrong week preselected"
            form.get_by_label("Kết quả nổi bật").fill("Đội hình trực Trung tâm phục vụ hành chính công, tập trung kích hoạt VNeID.")
            form.get_by_label("Cách làm hay").fill("Hướng dẫn theo nhóm nhỏ ngay tại quầy chờ.")
            form.locator("select[name=difficulty_category]").select_option(label="Lỗi nền tảng (VNeID, Cổng dịch vụ công)")
            form.locator("select[name=difficulty_severity]").select_option(label="Nghiêm trọng")
            form.locator("textarea[name=difficulty_description]").fill(difficulty)
            form.get_by_label("Đề nghị tăng cường lực lượng").check()
            submit(hk, form.get_by_role("button", name="Nộp báo cáo"))
            expect_in(hk, "Đã lưu báo cáo.")
            assert report_status(hk, "Phường Hoàn Kiếm") == "Đã nộp, chờ duyệt (đúng hạn)", report_status(hk, "Phường Hoàn Kiếm")
            assert "1 khó khăn" in report_row(hk, "Phường Hoàn Kiếm").inner_text()
            say("Hoàn Kiếm", "submitted the week's report with a serious VNeID difficulty, asking for reinforcement")

            cn = person("Cửa Nam")
            set_password(cn, base, cn_link, "Cửa Nam")
            follow(cn, cn.get_by_role("link", name="Nộp báo cáo tuần"))
            form = form_with(cn, "textarea[name=highlights]")
            form.get_by_label("Kết quả nổi bật").fill("Phường đang chuẩn bị thành lập đội hình.")
            submit(cn, form.get_by_role("button", name="Nộp báo cáo"))
            assert report_status(cn, "Phường Cửa Nam") == "Đã nộp, chờ duyệt (đúng hạn)", report_status(cn, "Phường Cửa Nam")
            say("Cửa Nam", "set the password, submitted the week's report from the home page")

            # ---- 6. Province: approve one, send the other back, escalate the difficulty ----
            prov.goto(base + "/")
            task = prov.locator("ul.tasks li", has_text="Duyệt báo cáo tuần")
            assert "2 báo cáo chờ duyệt" in task.inner_text(), task.inner_text()
            follow(prov, task.get_by_role("link"))
            expect_in(prov, f"Tuần {span}", campaign_name)
            submit(prov, report_row(prov, "Phường Hoàn Kiếm").get_by_role("button", name="Duyệt", exact=True))
            assert report_status(prov, "Phường Hoàn Kiếm") == "Đã duyệt (đúng hạn)", report_status(prov, "Phường Hoàn Kiếm")
            say("province", "approved Phường Hoàn Kiếm's report")
            row = report_row(prov, "Phường Cửa Nam")
            row.get_by_label("Lý do trả lại").fill(send_back_reason)
            submit(prov, row.get_by_role("button", name="Trả lại để sửa"))
            assert report_status(prov, "Phường Cửa Nam") == "Mở lại để sửa (đúng hạn)", report_status(prov, "Phường Cửa Nam")
            assert f"Lý do trả lại: {send_back_reason}" in report_row(prov, "Phường Cửa Nam").inner_text()
            say("province", "sent Phường Cửa Nam's report back with a reason")

            prov.goto(base + "/")
            follow(prov, prov.locator("ul.tasks").get_by_role("link", name="Khó khăn của các xã"))
            item = difficulty_item(prov, tag)
            assert "(Nghiêm trọng, Mới" in item.inner_text() and "Phường Hoàn Kiếm" in item.inner_text(), item.inner_text()
            assert "Đề nghị tăng cường lực lượng" in item.inner_text()
            submit(prov, item.get_by_role("button", name="Tiếp nhận"))
            assert "Tỉnh đã tiếp nhận" in difficulty_item(prov, tag).inner_text()
            submit(prov, difficulty_item(prov, tag).get_by_role("button", name="Chuyển Trung ương"))
            item = difficulty_item(prov, tag)
            assert "Đã chuyển Trung ương" in item.inner_text(), item.inner_text()
            assert item.get_by_role("button").count() == 0, "the province can still act on an escalated difficulty"
            say("province", "took the difficulty in and escalated it to the centre")

            # ---- 7. Cửa Nam: sees the reason, fixes, resubmits; the province approves ----
            cn.goto(base + "/")
            task = cn.locator("ul.tasks li", has_text="Sửa báo cáo tỉnh trả lại")
            assert send_back_reason in task.inner_text(), task.inner_text()
            follow(cn, task.get_by_role("link"))
            expect_in(cn, f"Tỉnh trả lại để sửa: {send_back_reason}")
            cn.get_by_label("Kết quả nổi bật").fill("Cán bộ phường trực hướng dẫn tại bộ phận một cửa; chưa có đội hình nên "
                                                    "chưa ghi nhận lượt hỗ trợ.")
            cn.get_by_label("Đề xuất, kiến nghị").fill("Đề nghị Thành đoàn tăng cường 2 tình nguyện viên.")
            submit(cn, cn.get_by_role("button", name="Lưu và nộp lại"))
            assert report_status(cn, "Phường Cửa Nam") == "Đã nộp, chờ duyệt (đúng hạn)", report_status(cn, "Phường Cửa Nam")
            say("Cửa Nam", "saw the province's reason on the home page, fixed the report and resubmitted it")

            prov.goto(base + "/")
            follow(prov, prov.locator("ul.tasks li", has_text="Duyệt báo cáo tuần").get_by_role("link"))
            assert report_status(prov, "Phường Cửa Nam") == "Đã nộp, chờ duyệt (đúng hạn)"
            submit(prov, report_row(prov, "Phường Cửa Nam").get_by_role("button", name="Duyệt", exact=True))
            assert report_status(prov, "Phường Cửa Nam") == "Đã duyệt (đúng hạn)", report_status(prov, "Phường Cửa Nam")
            say("province", "approved the resubmitted report: both communes approved")

            # ---- 8. Team leader: the approved week is locked ----
            leader.goto(base + first_entry)
            expect_in(leader, "đã được tỉnh duyệt")
            assert leader.locator("input[name=base_version]").count() == 0, "the correction form is still offered in an approved week"
            assert leader.locator("dl.facts dt", has_text="Phiên bản").locator("xpath=following-sibling::dd[1]").inner_text() == "1"
            say("team leader", "the approved week's entry says why it cannot be corrected, with no form")

            # ---- 9. Centre: signs in, reads the briefing, resolves the escalated difficulty ----
            centre.goto(base + "/giao-ban")
            assert urllib.parse.urlsplit(centre.url).path == "/dang-nhap", centre.url
            centre.fill("input[name=username]", centre_user)
            centre.fill("input[name=password]", PASSPHRASE)
            submit(centre, form_with(centre, "input[name=password]").get_by_role("button", name="Đăng nhập"))
            assert urllib.parse.urlsplit(centre.url).path == "/giao-ban", centre.url
            say("centre", "signed in at /dang-nhap and was taken back to /giao-ban")

            centre.goto(base + "/")
            tasks = centre.locator("ul.tasks")
            assert "Khó khăn chuyển Trung ương" in tasks.inner_text(), tasks.inner_text()
            follow(centre, tasks.get_by_role("link", name="Báo cáo giao ban"))
            heading = centre.inner_text("h1")
            assert f"Tuần {span} (tuần thứ 1 của chiến dịch)" in heading, heading
            expect_in(centre, campaign_name)
            summary = centre.inner_text("p.summary")
            for phrase in ("duy trì 1 đội hình với 2 tình nguyện viên", "hỗ trợ 12 lượt người dân", "tại 1/126 xã",
                           "“Cài đặt, kích hoạt VNeID” (6 lượt)", "“Phân luồng, hướng dẫn chung” (4 lượt)",
                           "“Hướng dẫn thủ tục hành chính” (2 lượt)"):
                assert phrase in summary, f"briefing summary lacks {phrase!r}: {summary}"
            stats = {centre.locator(".stats .stat span").nth(i).inner_text(): centre.locator(".stats .stat b").nth(i).inner_text()
                     for i in range(centre.locator(".stats .stat").count())}
            assert stats.get("lượt hỗ trợ người dân") == "12", stats
            assert stats.get("tình nguyện viên hoạt động") == "2", stats
            assert stats.get("xã có hoạt động") == "1/126", stats  # a Hà Nội-only campaign answers for Hà Nội's communes
            hanoi = centre.locator("table tbody tr", has=centre.get_by_role("link", name="Thành phố Hà Nội", exact=True))
            cell = lambda label: hanoi.locator(f"td[data-label='{label}']").inner_text().strip()  # noqa: E731
            assert cell("Lượt hỗ trợ") == "12" and cell("Tình nguyện viên hoạt động") == "2" \
                and cell("Đội hình duy trì") == "1", hanoi.inner_text()
            assert cell("Tỷ lệ xã có hoạt động") == "0,8%", cell("Tỷ lệ xã có hoạt động")  # 1 of Hà Nội's 126, decimal comma
            reports = re.search(r"Báo cáo tuần: (\d+) xã phải nộp, (\d+) đúng hạn, (\d+) muộn, (\d+) chưa nộp", main_text(centre))
            assert reports and int(reports.group(2)) == 2 and reports.group(3) == "0", reports and reports.group(0)
            on_time = cell("Tỷ lệ báo cáo đúng hạn")
            assert reports.group(1) == "2" and on_time == "100%", f"{reports.group(0)}; Hà Nội {on_time}"  # never above expected
            open_item = centre.locator("main li", has_text=tag)
            assert "Đã chuyển Trung ương" in open_item.inner_text(), open_item.inner_text()
            assert "Phường Hoàn Kiếm" in open_item.inner_text(), open_item.inner_text()  # by name, not code
            say("centre", "briefing of week 1 shows the leader's corrected figures: 12 supports, 2 volunteers, "
                          "1/126 communes, Hà Nội 0,8%")

            follow(centre, centre.get_by_role("link", name="Tiếp nhận, chuyển, giải quyết khó khăn"))
            item = difficulty_item(centre, tag)
            item.get_by_label("Kết quả xử lý").fill(resolution)
            submit(centre, item.get_by_role("button", name="Đã giải quyết"))
            expect_in(centre, "Đã cập nhật.")
            assert difficulty_item(centre, tag).count() == 0, "the resolved difficulty is still in the open queue"
            follow(centre, centre.get_by_role("link", name="Xem khó khăn đã giải quyết"))
            done = difficulty_item(centre, tag).inner_text()
            assert "Đã giải quyết" in done and f"Kết quả: {resolution}" in done, done
            say("centre", "resolved the escalated difficulty; it left the open queue and is listed as resolved")

            menu(hk, "Báo cáo tuần")
            follow(hk, hk.get_by_role("link", name="Khó khăn, vướng mắc của các xã"))
            follow(hk, hk.get_by_role("link", name="Xem khó khăn đã giải quyết"))
            assert f"Kết quả: {resolution}" in difficulty_item(hk, tag).inner_text()
            say("Hoàn Kiếm", "sees the centre's resolution of its difficulty")
        finally:
            browser.close()

    finish(watch)
    print(f"weekly cycle walked in {time.time() - T0:.0f} s")


if __name__ == "__main__":
    main(run, __doc__)
