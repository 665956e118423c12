import CauNoiCore
import XCTest

final class CompetencyStandardTests: XCTestCase {
    let standard = CompetencyStandard.summer2025

    func testLevelsFollowTheEvidenceAndNeedEveryLevelBelow() {
        let vneid = standard.competency(code: "vneid")!
        XCTAssertEqual(standard.level(of: vneid, .init()), 0)
        XCTAssertEqual(standard.level(of: vneid, .init(courses: ["binh_dan_hoc_vu_so"])), 1)
        XCTAssertEqual(standard.level(of: vneid, .init(sessionTopics: ["vneid"])), 1)
        XCTAssertEqual(standard.level(of: vneid, .init(sessionTopics: ["giao_tiep"])), 0)
        // An assessment at 2 gives level 1 as well (level 1 may be earned by assessment).
        XCTAssertEqual(standard.level(of: vneid, .init(assessed: ["vneid": 2])), 2)
        XCTAssertEqual(standard.level(of: vneid, .init(assessed: ["vneid": 3])), 3)
        // A competency without a linked course is not earned by courses.
        let talk = standard.competency(code: "giao_tiep")!
        XCTAssertEqual(standard.level(of: talk, .init(courses: ["binh_dan_hoc_vu_so", "tnv_chinh_quyen_2_cap"])), 0)
        // A ladder whose first level needs a session: an assessment alone does not reach level 2.
        let strict = CompetencyStandard(competencies: [vneid], levels: [.init(name: "A", earnedBy: [.session]), .init(name: "B", earnedBy: [.assessment])])
        XCTAssertEqual(strict.level(of: vneid, .init(assessed: ["vneid": 2])), 0)
        XCTAssertEqual(strict.level(of: vneid, .init(sessionTopics: ["vneid"], assessed: ["vneid": 2])), 2)
        XCTAssertEqual(strict.highestAssessable, 2)
        XCTAssertEqual(standard.levelName(0), "Chưa đạt")
        XCTAssertEqual(standard.levelName(2), "Thành thạo")
    }

    func testTheTextFormRoundTripsAndNamesEveryBadLine() throws {
        let text = CompetencyStandardText.format(standard)
        let parsed = try CompetencyStandardText.parse(competencies: text.competencies, levels: text.levels,
                                                      knownCourses: ["binh_dan_hoc_vu_so", "tnv_chinh_quyen_2_cap"]).get()
        XCTAssertEqual(parsed, standard)
        let bad = CompetencyStandardText.parse(
            competencies: "vneid | VNeID\n\nVNEID | Hoa\nvneid | Lặp\nx | Y | khoa_la\nchỉ một cột",
            levels: "Cơ bản | tap huan, Đánh Giá\nGiỏi | bay", knownCourses: [])
        guard case .failure(let failure) = bad else { return XCTFail("accepted") }
        let messages = failure.errors.map(\.message)
        XCTAssertEqual(messages.filter { $0.hasPrefix("Dòng 3:") }.count, 1, "bad code on line 3")
        XCTAssertTrue(messages.contains { $0.hasPrefix("Dòng 4:") && $0.contains("trùng dòng 1") })
        XCTAssertTrue(messages.contains { $0.hasPrefix("Dòng 5:") && $0.contains("khoa_la") })
        XCTAssertTrue(messages.contains { $0.hasPrefix("Dòng 6:") })
        XCTAssertEqual(failure.errors.filter { $0.field == "levels" }.map(\.message), ["Dòng 2: “bay” không phải cách đạt (khóa học, tập huấn, đánh giá)."])
    }
}

final class TrainingSessionTests: XCTestCase {
    let today = LocalDate(iso: "2025-08-15")!
    let provinces = ["00070": "01", "26506": "79"]

    func draft() -> TrainingSessionDraft {
        var d = TrainingSessionDraft()
        d.title = "Tập huấn lại kỹ năng VNeID"
        d.unitCode = "01"
        d.heldOn = "2025-07-20"
        d.topics = ["vneid", "dvc_truc_tuyen", "vneid"]
        d.format = "hybrid"
        d.connectedUnits = ["00070", "00004", "00070"]
        return d
    }

    func validate(_ d: TrainingSessionDraft, parent: ParentSession? = nil) -> Result<ValidTrainingSession, ValidationFailure> {
        ValidTrainingSession.validate(d, standard: .summer2025, parent: parent, provinceOf: { self.provinces[$0] }, today: today)
    }

    func testAValidSessionKeepsTopicsAndUnitsOnce() throws {
        let s = try validate(draft()).get()
        XCTAssertEqual(s.tier, .province)
        XCTAssertEqual(s.topics, ["vneid", "dvc_truc_tuyen"])
        XCTAssertEqual(s.connectedUnits, ["00004", "00070"])
    }

    func testEveryProblemIsNamed() {
        var d = draft()
        d.title = ""
        d.topics = ["karaoke"]
        d.format = "radio"
        d.heldOn = "2027-01-01"
        d.note = "Liên hệ chị Hoa 0912345678"
        guard case .failure(let f) = validate(d) else { return XCTFail("accepted") }
        XCTAssertEqual(Set(f.errors.map(\.field)), ["title", "topics", "format", "held_on", "note"])
        guard case .failure(let none) = ValidTrainingSession.validate(draft(), standard: .empty, parent: nil, provinceOf: { _ in nil }, today: today)
        else { return XCTFail("accepted without a standard") }
        XCTAssertEqual(none.errors.map(\.field), ["topics"])
    }

    func testAFollowOnIsHeldBelowItsParentInsideItsAreaAndAfterIt() {
        let central = ParentSession(tier: .central, unitCode: "VN", heldOn: LocalDate(iso: "2025-07-10")!)
        XCTAssertNoThrow(try validate(draft(), parent: central).get())
        let province = ParentSession(tier: .province, unitCode: "01", heldOn: LocalDate(iso: "2025-07-25")!)
        guard case .failure(let same) = validate(draft(), parent: province) else { return XCTFail("same tier accepted") }
        XCTAssertEqual(same.errors.map(\.field), ["parent_id", "held_on"])
        var commune = draft()
        commune.unitCode = "26506"
        commune.heldOn = "2025-07-26"
        guard case .failure(let elsewhere) = validate(commune, parent: province) else { return XCTFail("other province accepted") }
        XCTAssertEqual(elsewhere.errors.map(\.field), ["parent_id"])
        commune.unitCode = "00070"
        XCTAssertNoThrow(try validate(commune, parent: province).get())
    }
}

final class AttendanceSheetTests: XCTestCase {
    func testRowsAreReadByPhoneAndEveryBadRowIsNumbered() {
        let (rows, errors) = AttendanceSheet.parse([
            ["STT", "Họ tên", "SĐT"],
            ["1", "Nguyễn Văn A", "912345678"],
            ["2", "Trần B", "0123"],
            ["", "", ""],
            ["4", "Lê C", ""],
            ["5", "Nguyễn Văn A", "0912345678"],
            ["6", "Phạm D", "0987654321"],
        ])
        XCTAssertEqual(rows.map(\.phone), ["0912345678", "0987654321"])
        XCTAssertEqual(rows.map(\.line), [2, 7])
        XCTAssertEqual(errors.map(\.line), [3, 5, 6])
        XCTAssertTrue(errors[2].message.contains("dòng 2"))
        XCTAssertEqual(AttendanceSheet.parse([["Họ tên"], ["A"]]).errors.first?.line, 1)
    }
}

final class SupervisionTests: XCTestCase {
    let today = LocalDate(iso: "2025-08-15")!

    func visit() -> SupervisionVisitDraft {
        var d = SupervisionVisitDraft()
        d.visitedOn = "2025-08-14"
        d.answers = Dictionary(uniqueKeysWithValues: ChecklistItem.allCases.map { ($0.rawValue, "ok") })
        return d
    }

    func testAnItemNotKeptNeedsAFindingAboutIt() throws {
        var d = visit()
        d.answers?["no_officials_work"] = "not_ok"
        guard case .failure(let f) = ValidSupervisionVisit.validate(d, today: today) else { return XCTFail("accepted") }
        XCTAssertEqual(f.errors.map(\.field), ["answers.no_officials_work"])
        var finding = FindingDraft()
        finding.item = "no_officials_work"
        finding.description = "Một TNV nhập hồ sơ thay cán bộ một cửa."
        finding.action = "Nhắc lại quy tắc; đội trưởng kèm cặp."
        finding.owner = "Đội trưởng"
        finding.dueOn = "2025-08-22"
        d.findings = [FindingDraft(), finding]
        let v = try ValidSupervisionVisit.validate(d, today: today).get()
        XCTAssertEqual(v.findings.count, 1)
        XCTAssertTrue(v.findings[0].isBreach)
    }

    func testDueDatesPersonalDataAndMissingAnswers() {
        var d = visit()
        d.answers?["equipment"] = nil
        d.visitedOn = "2025-08-16"
        var finding = FindingDraft()
        finding.item = "equipment"
        finding.description = "Máy in hỏng; bà Nguyễn Thị Hoa, CCCD 001234567890, phải quay lại."
        finding.action = "Sửa máy in"
        finding.owner = "Xã đoàn"
        finding.dueOn = "2025-12-31"
        d.findings = [finding]
        guard case .failure(let f) = ValidSupervisionVisit.validate(d, today: today) else { return XCTFail("accepted") }
        // A future visit's findings are still checked (against today); the missing answer is named.
        XCTAssertEqual(Set(f.errors.map(\.field)), ["visited_on", "answers.equipment", "findings[0].description", "findings[0].due_on"])
        d.visitedOn = "2025-08-14"
        d.answers?["equipment"] = "not_ok"
        guard case .failure(let g) = ValidSupervisionVisit.validate(d, today: today) else { return XCTFail("accepted") }
        XCTAssertEqual(Set(g.errors.map(\.field)), ["findings[0].description", "findings[0].due_on"])
        var errors = FieldErrors()
        var late = finding
        late.description = "Máy in hỏng"
        late.dueOn = "2025-08-10"
        XCTAssertNil(ValidFinding.validate(late, field: "", visitedOn: LocalDate(iso: "2025-08-01")!, today: today, errors: &errors))
        XCTAssertEqual(errors.all.map(\.field), ["due_on"])
    }

    func testBreachesGoToTheProvinceAtOnceOthersWhenOverdue() {
        let due = LocalDate(iso: "2025-08-20")!
        XCTAssertEqual(FindingState.of(closed: false, dueOn: due, today: today), .open)
        XCTAssertEqual(FindingState.of(closed: false, dueOn: due, today: due.adding(days: 1)), .overdue)
        XCTAssertEqual(FindingState.of(closed: true, dueOn: due, today: due.adding(days: 9)), .closed)
        XCTAssertTrue(FindingEscalation.concernsProvince(isBreach: true, state: .open))
        XCTAssertFalse(FindingEscalation.concernsProvince(isBreach: false, state: .open))
        XCTAssertTrue(FindingEscalation.concernsProvince(isBreach: false, state: .overdue))
        XCTAssertFalse(FindingEscalation.concernsProvince(isBreach: true, state: .closed))
    }
}
