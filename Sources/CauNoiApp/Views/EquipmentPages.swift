import CauNoiCore
import Foundation

/// "Thiết bị, đường truyền": what support points lack, partners' pledges and their deliveries.
enum EquipmentPage {
    struct NeedRow: Equatable, Sendable {
        var id: UUID
        var communeName: String
        var point: String
        var item: String
        var quantity: Int
        var arrived: Int
        var promised: Int
        var note: String?
    }

    struct PledgeRow: Equatable, Sendable {
        var id: UUID
        var communeName: String
        var partner: String
        var item: String
        var quantity: Int
        var status: PledgeStatus
        var dates: String
    }

    struct Model: Equatable, Sendable {
        var needs: [NeedRow]
        var pledges: [PledgeRow]
        var mayPledge: Bool
        var needForm = EquipmentNeedForm()
        var pledgeForm = PledgeForm()
        var errors: [String: String] = [:]
        var notice: String? = nil
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let e = m.errors
        let notice: HTML = m.notice.map { "<div class=\"notice\" role=\"status\">\($0)</div>" } ?? .empty
        let items = EquipmentItem.allCases.map { (value: $0.rawValue, label: $0.vietnamese) }
        let needRows = m.needs.map { n -> HTML in
            let state: HTML = n.arrived >= n.quantity ? "Đã đủ" : "Thiếu \(n.quantity - n.arrived)\(n.promised > 0 ? " (đã có cam kết \(n.promised))" : "")"
            let pledge: HTML = m.mayPledge && n.arrived + n.promised < n.quantity
                ? "<a href=\"#cam-ket\" data-need=\"\(n.id.uuidString.lowercased())\">Ghi cam kết bên dưới (mã nhu cầu \(String(n.id.uuidString.lowercased().suffix(6))))</a>" : .empty
            return "<tr><td><b>\(n.communeName)</b><br><span class=\"muted\">\(n.point)</span></td><td>\(n.item)</td><td class=\"num\">\(n.quantity)</td><td>\(state)<br>\(pledge)</td></tr>"
        }
        let needTable: HTML = m.needs.isEmpty ? "<p>Chưa có nhu cầu nào.</p>" : """
            <div class="table-wrap"><table><thead><tr><th>Điểm hỗ trợ</th><th>Cần</th><th>Số lượng</th><th>Tình trạng</th></tr></thead><tbody>\(needRows)</tbody></table></div>
            """
        let pledgeRows = m.pledges.map { p -> HTML in
            let next: HTML = p.status.next.map { n in
                "<form method=\"post\" action=\"\(SiteRoute.pledgeAdvance(p.id).path)\" class=\"inline\">\(context.csrfField)<input type=\"hidden\" name=\"to\" value=\"\(n.rawValue)\"><button type=\"submit\" class=\"secondary\">\(n == .delivered ? "Đã nhận bàn giao" : "Đã đưa vào sử dụng")</button></form>"
            } ?? .empty
            return "<tr><td>\(p.partner)</td><td><b>\(p.communeName)</b></td><td>\(p.quantity) × \(p.item)</td><td>\(p.status.vietnamese)<br><span class=\"muted\">\(p.dates)</span>\(next)</td></tr>"
        }
        let pledgeTable: HTML = m.pledges.isEmpty ? "<p>Chưa có cam kết nào.</p>" : """
            <div class="table-wrap"><table><thead><tr><th>Đơn vị hỗ trợ</th><th>Cho xã</th><th>Thiết bị</th><th>Tình trạng</th></tr></thead><tbody>\(pledgeRows)</tbody></table></div>
            """
        let needOptions = m.needs.filter { $0.arrived + $0.promised < $0.quantity }.map {
            (value: $0.id.uuidString.lowercased(), label: "\($0.communeName): \($0.quantity - $0.arrived - $0.promised) × \($0.item)")
        }
        let pledgeForm: HTML = m.mayPledge ? """
            <h2 id="cam-ket">Ghi cam kết hỗ trợ</h2>
            <form method="post" action="\(SiteRoute.pledgeNew.path)">\(context.csrfField)
            \(Layout.select("Cho nhu cầu", name: "need_id", options: needOptions, selected: m.pledgeForm.needID, error: e["need_id"], includeBlank: true))
            \(Layout.field("Xã, phường nhận (khi không chọn nhu cầu)", name: "commune", value: m.pledgeForm.commune, error: e["pledge.commune_code"]))
            \(Layout.field("Đơn vị hỗ trợ (doanh nghiệp, tổ chức)", name: "partner", value: m.pledgeForm.partner, error: e["partner"], required: true))
            \(Layout.select("Thiết bị", name: "item", options: items, selected: m.pledgeForm.item, error: e["pledge.item"], includeBlank: true))
            \(Layout.field("Số lượng", name: "quantity", value: m.pledgeForm.quantity, error: e["pledge.quantity"], type: "number", attributes: " min=\"1\" inputmode=\"numeric\""))
            <button type="submit">Ghi cam kết</button>
            </form>
            """ : .empty
        return Layout.page(title: "Thiết bị, đường truyền", section: .equipment, context: context, body: """
        <h1>Thiết bị, đường truyền cho điểm hỗ trợ</h1>
        \(notice)\(Layout.errorSummary(e))
        <p class="muted">Điểm hỗ trợ ở vùng khó khăn ghi những gì còn thiếu; tỉnh, Trung ương ghi cam kết của doanh nghiệp, tổ chức và theo dõi đến khi đưa vào sử dụng. \
        Nhu cầu chưa được đáp ứng được tính vào “Nơi đang thiếu hỗ trợ”.</p>
        <h2>Nhu cầu</h2>
        \(needTable)
        <h2>Cam kết</h2>
        \(pledgeTable)
        <h2>Ghi nhu cầu của điểm hỗ trợ</h2>
        <form method="post" action="\(SiteRoute.equipmentNeedNew.path)">\(context.csrfField)
        \(Layout.field("Xã, phường", name: "commune", value: m.needForm.commune, error: e["commune_code"], required: true))
        \(Layout.select("Điểm hỗ trợ", name: "point_kind", options: SupportPointKind.allCases.map { (value: $0.rawValue, label: $0.vietnamese) }, selected: m.needForm.pointKind, error: e["point_kind"]))
        \(Layout.field("Tên điểm (thôn, bản, đội)", name: "point_name", value: m.needForm.pointName, error: e["point_name"]))
        \(Layout.select("Còn thiếu", name: "item", options: items, selected: m.needForm.item, error: e["item"]))
        \(Layout.field("Số lượng", name: "quantity", value: m.needForm.quantity ?? "1", error: e["quantity"], type: "number", required: true, attributes: " min=\"1\" inputmode=\"numeric\""))
        \(Layout.textarea("Ghi chú", name: "note", value: m.needForm.note, error: e["note"], rows: 2, hint: "Không ghi thông tin cá nhân."))
        <button type="submit">Ghi nhu cầu</button>
        </form>
        \(pledgeForm)
        """)
    }
}

struct EquipmentNeedForm: Codable, Equatable, Sendable {
    var commune: String?
    var pointKind: String?
    var pointName: String?
    var item: String?
    var quantity: String?
    var note: String?
    enum CodingKeys: String, CodingKey { case commune, pointKind = "point_kind", pointName = "point_name", item, quantity, note }

    func draft(communeCode: String?) -> EquipmentNeedDraft {
        var d = EquipmentNeedDraft()
        d.communeCode = communeCode; d.pointKind = pointKind; d.pointName = pointName; d.item = item; d.note = note
        d.quantity = quantity.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? (quantity.nonEmpty == nil ? nil : -1)
        return d
    }
}

struct PledgeForm: Codable, Equatable, Sendable {
    var needID: String?
    var commune: String?
    var partner: String?
    var item: String?
    var quantity: String?
    enum CodingKeys: String, CodingKey { case needID = "need_id", commune, partner, item, quantity }
}
