import CauNoiCore
import Foundation

/// The batch API's body read straight from its bytes when it has the shape clients send (issue 16): Foundation's
/// `JSONDecoder` with the Codable types was a tenth of the node's CPU under phones' 20-entry batches.
///
/// It reads only what it can read exactly as `JSONDecoder` and `SupportBatchRequest`'s Codable types do: strings
/// without escapes, whole numbers, nulls, the known keys each at most once. Anything else (an escape, a fraction, an
/// unknown or repeated key, a value of another type, broken JSON) returns nil, and the caller decodes the body with
/// Codable, which answers it as before — field errors included.
enum SupportBatchBody {
    static func decode(_ body: UnsafeRawBufferPointer) -> SupportBatchRequest? {
        var reader = Reader(bytes: body)
        return reader.request()
    }

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var at = 0

        init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        mutating func request() -> SupportBatchRequest? {
            var campaign: String?, entries: [LenientEntry]?, seenCampaign = false
            guard object({ key, reader in
                switch key {
                case "campaign" where !seenCampaign:
                    seenCampaign = true
                    return reader.text { campaign = $0 }
                case "entries" where entries == nil:
                    entries = reader.list { $0.entry() }
                    return entries != nil
                default:
                    return false
                }
            }) else { return nil }
            skipSpace()
            guard at == bytes.count, let entries else { return nil }
            return SupportBatchRequest(campaign: campaign, entries: entries)
        }

        /// One entry: `LenientEntry` reads "id" and "campaign" as text (nil otherwise), `SupportEntryDraft` the rest.
        mutating func entry() -> LenientEntry? {
            var draft = SupportEntryDraft()
            var campaign: String?
            var seen = Set<String>()
            guard object({ key, reader in
                guard seen.insert(key).inserted else { return false }
                switch key {
                case "id": return reader.text { draft.id = $0 }
                case "campaign": return reader.text { campaign = $0 }
                case "team_id": return reader.text { draft.teamID = $0 }
                case "commune_code": return reader.text { draft.communeCode = $0 }
                case "date": return reader.text { draft.date = $0 }
                case "place": return reader.text { draft.place = $0 }
                case "note": return reader.text { draft.note = $0 }
                case "volunteer_ids": return reader.textList { draft.volunteerIDs = $0 }
                case "languages": return reader.textList { draft.languages = $0 }
                case "counts": return reader.wholeNumbers { draft.counts = $0 }
                case "beneficiaries": return reader.wholeNumbers { draft.beneficiaries = $0 }
                default: return false
                }
            }) else { return nil }
            return LenientEntry(rawID: draft.id, campaign: campaign, draft: .success(draft))
        }

        // MARK: Values

        mutating func text(_ set: (String?) -> Void) -> Bool {
            guard let value = nullableString() else { return false }
            set(value)
            return true
        }

        mutating func textList(_ set: ([String]?) -> Void) -> Bool {
            if null() { set(nil); return true }
            guard let texts = list({ $0.string() }) else { return false }
            set(texts)
            return true
        }

        mutating func wholeNumbers(_ set: ([String: Int]?) -> Void) -> Bool {
            if null() { set(nil); return true }
            var numbers: [String: Int] = [:]
            guard object({ key, reader in
                guard numbers[key] == nil, let value = reader.wholeNumber() else { return false }
                numbers[key] = value
                return true
            }) else { return false }
            set(numbers)
            return true
        }

        /// `{ "key": value, … }`; `member` reads each value and says whether it could.
        mutating func object(_ member: (String, inout Reader) -> Bool) -> Bool {
            guard take(UInt8(ascii: "{")) else { return false }
            if take(UInt8(ascii: "}")) { return true }
            repeat {
                guard let key = string(), take(UInt8(ascii: ":")) else { return false }
                skipSpace()
                guard member(key, &self) else { return false }
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "}"))
        }

        /// `[ value, … ]`, each value read by `element`; nil if one cannot be.
        mutating func list<Element>(_ element: (inout Reader) -> Element?) -> [Element]? {
            guard take(UInt8(ascii: "[")) else { return nil }
            var out: [Element] = []
            if take(UInt8(ascii: "]")) { return out }
            repeat {
                skipSpace()
                guard let value = element(&self) else { return nil }
                out.append(value)
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "]")) ? out : nil
        }

        /// A string, or null (`.some(nil)`); nil when neither.
        mutating func nullableString() -> String?? {
            if null() { return .some(nil) }
            guard let value = string() else { return nil }
            return .some(value)
        }

        /// A string without escapes or control characters, as valid UTF-8.
        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = at
            var ascii = true
            while at < bytes.count {
                let byte = bytes[at]
                if byte == UInt8(ascii: "\"") {
                    let text = UnsafeRawBufferPointer(rebasing: bytes[start..<at])
                    // ASCII (ids, codes, dates: nearly every string sent) is valid UTF-8 as it is; the rest is checked.
                    let value = ascii ? String(decoding: text, as: UTF8.self) : String(validating: text, as: UTF8.self)
                    at += 1
                    return value
                }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
                ascii = ascii && byte < 0x80
                at += 1
            }
            return nil
        }

        /// An integer written as digits (no fraction or exponent) that fits an `Int`.
        mutating func wholeNumber() -> Int? {
            skipSpace()
            let negative = at < bytes.count && bytes[at] == UInt8(ascii: "-")
            if negative { at += 1 }
            let start = at
            var value = 0
            while at < bytes.count, bytes[at] >= UInt8(ascii: "0"), bytes[at] <= UInt8(ascii: "9") {
                let digit = Int(bytes[at] - UInt8(ascii: "0"))
                let (times, over1) = value.multipliedReportingOverflow(by: 10)
                let (sum, over2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
                guard !over1, !over2 else { return nil }
                value = sum
                at += 1
            }
            let digits = at - start
            guard digits > 0, digits == 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
            if at < bytes.count, bytes[at] == UInt8(ascii: ".") || bytes[at] | 0x20 == UInt8(ascii: "e") { return nil }
            return value
        }

        /// The literal null (true, false and the rest are left to Codable).
        mutating func null() -> Bool {
            skipSpace()
            guard at + 4 <= bytes.count, bytes[at] == UInt8(ascii: "n"), bytes[at + 1] == UInt8(ascii: "u"),
                  bytes[at + 2] == UInt8(ascii: "l"), bytes[at + 3] == UInt8(ascii: "l") else { return false }
            at += 4
            return true
        }

        mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard at < bytes.count, bytes[at] == byte else { return false }
            at += 1
            return true
        }

        mutating func skipSpace() {
            while at < bytes.count {
                switch bytes[at] {
                case 0x20, 0x0A, 0x0D, 0x09: at += 1
                default: return
                }
            }
        }
    }
}
