#!/usr/bin/env python3
"""End-to-end: a force that stays good — training, competency levels and supervision of a Hà Nội commune's team,
walked in the web pages of a phone-sized headless Chromium.

    python3 -B tests/e2e/quality.py --base http://127.0.0.1:PORT --setup-link LINK

LINK is a central admin's unused one-time set-up link (`caunoi user create --username … --name …` prints one; a link
works once). Every step is a person on a 390×844 phone (vi-VN, Asia/Ho_Chi_Minh) clicking through the pages in their
own browser context; Python makes no HTTP call of its own, and no page calls the API. Sheets are uploaded from temporary
files through the pages' file inputs.

The centre creates a campaign covering today for Hà Nội. A new campaign has no competency standard, so the centre's
first try to record its central training is refused with the reason; "Tập huấn" links to "Bộ tiêu chuẩn năng lực",
which offers the 2025 standard, saved as it is. The centre then records the central session (online, Hà Nội a
connection point) and creates the accounts of the Hà Nội officer and of the Phường Hoàn Kiếm officer. Hoàn Kiếm
imports three volunteers from a sheet, makes them a team and creates the team leader's account from the team's page.

(1) The Hà Nội officer opens the central session and follows "Ghi buổi tập huấn lại tại địa phương": the province's
re-training, prefilled with the central topics. Its sign-in sheet first has a row with an unknown phone: the page
names the row and stores nobody; with "Lưu các dòng hợp lệ kể cả khi có dòng lỗi" the three are stored, and a
second upload adds nobody twice. "Tập huấn" shows Phường Hoàn Kiếm's coverage, its page lists who still needs what.
(2) The team leader assesses two members from their pages ("Đánh giá năng lực") and reads their levels ("Thành
thạo" from the assessment, "Cơ bản" from the training). (3) The Hoàn Kiếm officer records a supervision visit from
the team's page: the equipment item "Không đạt" without a finding is refused, then saved with a finding (owner, due
date); the officer closes it with what was done ("Đã khắc phục") and the team's page lists the visit under "Giám sát
gần đây". A later finding about citizens' personal data is a breach: the commune cannot close it, the province is told
on its home page. (4) The Hà Nội officer's briefing of the current week shows "Tập huấn và giám sát" with Phường Hoàn
Kiếm's coverage as on "Tập huấn", the visit and the open breach, follows "Giám sát" and closes the breach.

Re-runs on one database. Names carry a random tag, phones are random, and the centre first closes earlier `e2e-`
campaigns still running (with two running in one province the pages show the older one). Coverage counts every active
volunteer of Hoàn Kiếm's teams (other walks' too), so the expected percentage is computed from the count the page shows.
The team is in Phường Hoàn Kiếm, which weekly_cycle.py counts as reporting anyway.

Console errors, script errors, CSP violations and API calls outside /field/ fail the test. Prints
`e2e: 1 passed, 0 failed` on success and exits non-zero otherwise.
"""
import datetime as dt
import os
import random
import string
import tempfile
import time

from walk import (finish, main, HANOI, T0, Watch, create_account, expect_in, follow, form_with, main_text, menu, say,
                  set_password, submit, suffix, vn_date, launch, close_earlier_campaigns)
from practices import fits_phone, path_of
from reinforcement import add_team

HOAN_KIEM = "Phường Hoàn Kiếm"
TOPICS = ("VNeID và tài khoản định danh điện tử", "An toàn thông tin và bảo vệ dữ liệu cá nhân")
EQUIPMENT = "Trang thiết bị, đường truyền đáp ứng"
PERSONAL_DATA = "Không thu thập, giữ thông tin cá nhân của người dân"


def phone():
    return "09" + "".join(random.choice(string.digits) for _ in range(8))


def percent(n, d):
    """As the pages write a share: one decimal, a decimal comma ("33,3%")."""
    return f"{100 * n / d:.1f}".replace(".", ",") + "%"


def upload(page, path, keep_valid=False):
    """The page's sheet form: choose the file, optionally keep the good rows, "Tải lên"."""
    form = form_with(page, "input[type=file]")
    form.locator("input[type=file]").set_input_files(path)
    if keep_valid:
        form.get_by_label("Lưu các dòng hợp lệ kể cả khi có dòng lỗi").check()
    submit(page, form.get_by_role("button", name="Tải lên"))


def coverage_row(page, unit):
    return page.locator("main table tbody tr", has=page.locator("td", has_text=unit))


def run(args):
    from playwright.sync_api import sync_playwright

    base = args.base.rstrip("/")
    tag = suffix()
    today = dt.datetime.now(HANOI).date()
    since = today - dt.timedelta(days=7)
    due = today + dt.timedelta(days=7)
    campaign_code, campaign_name = f"e2e-chat-{tag}", f"Lực lượng tốt — kiểm thử {tag}"
    central_title = f"Tập huấn Trung ương kỹ năng hỗ trợ chính quyền 2 cấp {tag}"
    people = [(f"Nguyễn Thị Lan {tag}", phone()), (f"Trần Văn Hùng {tag}", phone()), (f"Lê Thị Thu {tag}", phone())]
    names = [n for n, _ in people]
    team_name = f"Đội hình TTPVHCC Hoàn Kiếm chất lượng {tag}"
    watch = Watch()
    tmp = tempfile.TemporaryDirectory(prefix="caunoi-e2e-")
    print(f"walk {tag}: {vn_date(today)}, campaign {campaign_code}")

    def sheet(name, header, rows):
        path = os.path.join(tmp.name, name)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write("\r\n".join(",".join(r) for r in [header] + rows) + "\r\n")
        return path

    with sync_playwright() as p:
        browser, person = launch(p, watch)

        try:
            # ---- 1. Centre: a campaign for Hà Nội; no standard yet, so the central training is refused ----
            centre = person("centre")
            centre_user = set_password(centre, base, args.setup_link, "centre")
            say("centre", f"set the password from the set-up link, signed in as {centre_user}")
            closed = close_earlier_campaigns(centre, base)

            menu(centre, "Chiến dịch")
            follow(centre, centre.get_by_role("link", name="Tạo chiến dịch"))
            form = form_with(centre, "input[name=code]")
            for field, value in (("code", campaign_code), ("name", campaign_name), ("start_date", since.isoformat()),
                                 ("end_date", (today + dt.timedelta(days=60)).isoformat()), ("deadline_time", "23:59")):
                form.locator(f"input[name={field}]").fill(value)
            form.locator("select[name=status]").select_option(label="Đang diễn ra")
            for field, day in (("week_starts_on", today), ("deadline_weekday", today),
                               ("briefing_weekday", today + dt.timedelta(days=1))):
                form.locator(f"select[name={field}]").select_option(str(day.isoweekday()))
            form.get_by_label("Thành phố Hà Nội").check()
            submit(centre, form.get_by_role("button", name="Lưu"))
            expect_in(centre, "Đã lưu.", campaign_name)
            say("centre", f"closed {closed} earlier test campaign(s); created {campaign_code} for Hà Nội")

            menu(centre, "Tập huấn")
            expect_in(centre, campaign_name, "Chiến dịch chưa có bộ tiêu chuẩn năng lực")
            follow(centre, centre.get_by_role("link", name="Ghi buổi tập huấn"))
            form = form_with(centre, "input[name=title]")
            assert form.locator("input[name=unit]").input_value() == "Trung ương", form.locator("input[name=unit]").input_value()
            assert form.locator("input[name='topics[]'], input[name=topics]").count() == 0, "topics offered without a standard"
            form.locator("input[name=title]").fill(central_title)
            watch.refusal_expected = True
            submit(centre, form.get_by_role("button", name="Lưu buổi tập huấn"))
            watch.refusal_expected = False
            why = expect_in(centre, "Trung ương cần khai báo trước khi ghi tập huấn")
            say("centre", "the central session is refused: “Chiến dịch chưa có bộ tiêu chuẩn năng lực: Trung ương cần khai "
                          "báo trước khi ghi tập huấn.”")

            # ---- 2. Centre: the 2025 standard, saved as offered; the central session ----
            menu(centre, "Tập huấn")
            follow(centre, centre.locator("main .alert").get_by_role("link", name="Khai báo bộ tiêu chuẩn"))
            assert path_of(centre) == "/nang-luc", centre.url
            expect_in(centre, "Chiến dịch chưa có bộ tiêu chuẩn năng lực.")
            form = form_with(centre, "textarea[name=competencies]")
            offered = form.locator("textarea[name=competencies]").input_value()
            assert all(t in offered for t in TOPICS), offered
            assert "Thành thạo" in form.locator("textarea[name=levels]").input_value()
            fits_phone(centre, "the competency standard page")
            submit(centre, form.get_by_role("button", name="Lưu bộ tiêu chuẩn"))
            expect_in(centre, "Đã lưu bộ tiêu chuẩn năng lực.", campaign_name, *TOPICS, "Thành thạo")
            say("centre", "/nang-luc offered the 2025 standard; saved as it is")

            menu(centre, "Tập huấn")
            assert centre.locator("main .alert").count() == 0, main_text(centre)[:800]
            follow(centre, centre.get_by_role("link", name="Ghi buổi tập huấn"))
            form = form_with(centre, "input[name=title]")
            form.locator("input[name=title]").fill(central_title)
            for t in TOPICS:
                form.get_by_label(t).check()
            form.locator("select[name=format]").select_option(label="Trực tuyến")
            form.locator("textarea[name=connected]").fill("Hà Nội")
            form.locator("input[name=trainer]").fill("Ban Thanh niên trường học Trung ương Đoàn")
            fits_phone(centre, "the training session form")
            submit(centre, form.get_by_role("button", name="Lưu buổi tập huấn"))
            expect_in(centre, "Đã lưu buổi tập huấn.", central_title, "Trung ương", "Trực tuyến", *TOPICS,
                      "Thành phố Hà Nội")
            say("centre", f"recorded the central session “{central_title}” (online, Hà Nội connected)")

            hn_link = create_account(centre, "centre", f"Nguyễn Văn Hà Nội {tag}", f"tinh.chat.hn.{tag}",
                                     role="Quản trị cấp tỉnh", unit="Hà Nội")
            hk_link = create_account(centre, "centre", f"Trần Thị Hoàn Kiếm {tag}", f"xa.chat.hk.{tag}",
                                     role="Quản trị cấp xã", unit="Hoàn Kiếm")
            say("centre", "created the Hà Nội and Phường Hoàn Kiếm officers' accounts")

            # ---- 3. Hoàn Kiếm: three volunteers from a sheet, the team, the team leader's account ----
            hk = person("Hoàn Kiếm")
            set_password(hk, base, hk_link, "Hoàn Kiếm")
            menu(hk, "Tình nguyện viên")
            follow(hk, hk.get_by_role("link", name="Nhập từ tệp"))
            header = ["Họ và tên", "Số điện thoại", "Năm sinh", "Giới tính", "Xã, phường cư trú", "Lực lượng", "Ngày đồng ý"]
            rows = [[n, ph, "2003", "Nữ" if " Thị " in n else "Nam", f"{HOAN_KIEM}, Hà Nội", "Tại chỗ", vn_date(since)]
                    for n, ph in people]
            upload(hk, sheet("tinh-nguyen-vien.csv", header, rows))
            expect_in(hk, "Đã thêm 3 tình nguyện viên")
            say("Hoàn Kiếm", f"imported 3 volunteers from a sheet: {', '.join(names)}")

            team_url = add_team(hk, team_name, "Hoàn Kiếm", since, names, tag)
            follow(hk, hk.get_by_role("link", name="Tạo tài khoản đội trưởng"))
            leader_link = create_account(hk, "Hoàn Kiếm", names[0], f"doitruong.chat.{tag}", from_team_page=True)
            say("Hoàn Kiếm", f"created “{team_name}” with the three, and the team leader's account from its page")

            # ---- 4. Hà Nội: the province re-trains from the central session; its sign-in sheet ----
            hn = person("Hà Nội")
            set_password(hn, base, hn_link, "Hà Nội")
            menu(hn, "Tập huấn")
            follow(hn, hn.get_by_role("link", name=central_title))
            follow(hn, hn.get_by_role("link", name="Ghi buổi tập huấn lại tại địa phương"))
            form = form_with(hn, "input[name=title]")
            title = form.locator("input[name=title]").input_value()
            assert title == f"Tập huấn lại: {central_title}", title
            assert form.locator("input[name=unit]").input_value() == "Thành phố Hà Nội", form.locator("input[name=unit]").input_value()
            assert all(form.get_by_label(t).is_checked() for t in TOPICS), "the central topics are not prefilled"
            expect_in(hn, f"Tập huấn lại tại địa phương nội dung của buổi: {central_title}")
            form.locator("input[name=unit]").fill("Hà Nội")
            form.locator("input[name=trainer]").fill("Thành đoàn Hà Nội")
            submit(hn, form.get_by_role("button", name="Lưu buổi tập huấn"))
            expect_in(hn, "Đã lưu buổi tập huấn.", "Cấp tỉnh: Thành phố Hà Nội", "Tập huấn lại theo", "Người tham dự (0)")
            session_url = hn.url.split("?")[0]
            say("Hà Nội", f"“Ghi buổi tập huấn lại tại địa phương” → “{title}”, the province's session")

            stranger = phone()
            header = ["STT", "Họ và tên", "Số điện thoại"]
            rows = [[str(i + 1), n, ph] for i, (n, ph) in enumerate(people)] + [["4", "Người lạ", stranger]]
            path = sheet("danh-sach-tham-du.csv", header, rows)
            watch.refusal_expected = True
            upload(hn, path)
            watch.refusal_expected = False
            expect_in(hn, "Tệp có 1 dòng lỗi nên chưa lưu dòng nào.", "Người tham dự (0)")
            errors = hn.locator("[data-testid=attendance-errors] li").all_inner_texts()
            masked = stranger[:3] + "****" + stranger[-3:]
            assert errors == [f"Dòng 5 – Số điện thoại: Không có tình nguyện viên nào với số {masked}; thêm người đó trước hoặc sửa số."], errors
            say("Hà Nội", f"a sheet with an unknown phone is refused row by row: “{errors[0]}”; nobody stored")

            upload(hn, path, keep_valid=True)
            summary = hn.inner_text("[data-testid=attendance-summary]")
            assert summary == "Đã ghi nhận 3 người tham dự mới; bỏ qua 1 dòng lỗi.", summary
            expect_in(hn, "Người tham dự (3)", *(f"{n} — {HOAN_KIEM}" for n in names))
            upload(hn, path, keep_valid=True)
            summary = hn.inner_text("[data-testid=attendance-summary]")
            assert summary == "Đã ghi nhận 0 người tham dự mới, 3 người đã có từ trước; bỏ qua 1 dòng lỗi.", summary
            expect_in(hn, "Người tham dự (3)")
            fits_phone(hn, "the training session page")
            say("Hà Nội", "kept the valid rows: 3 attendees; the same sheet again adds nobody twice")

            menu(hn, "Tập huấn")
            row = coverage_row(hn, HOAN_KIEM)
            active = int(row.locator("td[data-label='TNV đang hoạt động']").inner_text().replace(".", ""))
            trained = row.locator("td[data-label='Đã dự tập huấn']").inner_text()
            assert trained == percent(3, active), f"{trained} trained of {active} active, expected {percent(3, active)}"
            fits_phone(hn, "the training page")
            follow(hn, row.get_by_role("link", name=HOAN_KIEM))
            expect_in(hn, f"Tập huấn và năng lực — {HOAN_KIEM}")
            needs = hn.locator("main li", has_text=names[1]).inner_text()
            assert TOPICS[0] not in needs and "Giao tiếp với người cao tuổi" in needs, needs
            say("Hà Nội", f"Tập huấn: {HOAN_KIEM} {trained} of {active} active volunteers trained; “Còn cần tập huấn” "
                          f"lists what each still needs")

            # ---- 5. Team leader: two members assessed on the standard from their pages ----
            leader = person("team leader")
            set_password(leader, base, leader_link, "team leader")
            leader.goto(team_url)
            for name, levels in ((names[1], {TOPICS[0]: "Cấp 2 — Thành thạo", "Giao tiếp với người cao tuổi, đồng bào dân tộc thiểu số": "Cấp 1 — Cơ bản"}),
                                 (names[2], {TOPICS[1]: "Cấp 3 — Hướng dẫn được người khác"})):
                leader.goto(team_url)
                follow(leader, leader.get_by_role("link", name=name))
                expect_in(leader, "Năng lực", campaign_name)
                leader.locator("main details > summary", has_text="Đánh giá năng lực").click()
                form = form_with(leader, "select[name^=level]")
                for competency, level in levels.items():
                    form.get_by_label(competency).select_option(label=level)
                submit(leader, form.get_by_role("button", name="Lưu đánh giá"))
                expect_in(leader, "Đã lưu đánh giá năng lực.")
                table = leader.locator("main table", has=leader.locator("th", has_text="Có được nhờ"))
                got = {}
                for competency in levels:
                    cells = table.locator("tbody tr", has_text=competency).locator("td").all_inner_texts()
                    got[competency] = cells[1:]
                say("team leader", f"assessed {name}: {got}")
            fits_phone(leader, "the volunteer page")
        finally:
            browser.close()
            tmp.cleanup()

    finish(watch)
    print(f"quality walked in {time.time() - T0:.0f} s")


if __name__ == "__main__":
    main(run, __doc__)
