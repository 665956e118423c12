import Foundation

/// Ranked search over procedure guides: BM25 over Vietnamese syllables (accents, case and Unicode form folded), the
/// title counted three times, a typed syllable one edit away from a known one taken as that syllable (so "vneid",
/// "dang ki" and "khai sinhh" still find), and the last syllable as a prefix while the person is still typing.
/// Built once per set of guides; a search reads only the posting lists of the query's syllables.
public struct GuideSearch: Sendable {
    public struct Hit: Sendable, Hashable {
        public var index: Int
        public var score: Double
    }

    private let postings: [String: [(doc: Int, tf: Int)]]
    private let lengths: [Int]
    private let averageLength: Double
    private let vocabulary: [String]

    static let titleWeight = 3
    static let k1 = 1.2, b = 0.75

    /// `documents[i]` is (title, body) of guide i.
    public init(_ documents: [(title: String, body: String)]) {
        var postings: [String: [(doc: Int, tf: Int)]] = [:]
        var lengths: [Int] = []
        for (i, doc) in documents.enumerated() {
            var tf: [String: Int] = [:]
            let title = VietnameseText.words(doc.title), body = VietnameseText.words(doc.body)
            for word in title { tf[word, default: 0] += Self.titleWeight }
            for word in body { tf[word, default: 0] += 1 }
            for (word, n) in tf { postings[word, default: []].append((i, n)) }
            lengths.append(title.count * Self.titleWeight + body.count)
        }
        self.postings = postings
        self.lengths = lengths
        averageLength = lengths.isEmpty ? 1 : Double(lengths.reduce(0, +)) / Double(lengths.count)
        vocabulary = postings.keys.sorted()
    }

    public var count: Int { lengths.count }

    /// Guides best first; those that match no syllable of the query are left out.
    public func search(_ query: String, limit: Int = 20) -> [Hit] {
        let words = VietnameseText.words(query)
        guard !words.isEmpty, !lengths.isEmpty else { return [] }
        // Scores in an array indexed by guide (no hashing in the inner loop); only touched guides are ranked.
        var scores = [Double](repeating: 0, count: lengths.count)
        var touched: [Int] = []
        let n = Double(lengths.count)
        for (position, word) in words.enumerated() {
            // The syllable itself, else the known syllables one edit away, else (the last one) those it starts.
            var terms: [(String, Double)] = postings[word] != nil ? [(word, 1)] : []
            if terms.isEmpty, word.count >= 3 {
                terms = vocabulary.filter { Self.oneEditApart(word, $0) }.map { ($0, 0.7) }
            }
            if terms.isEmpty, position == words.count - 1 {
                terms = vocabulary.filter { $0.hasPrefix(word) }.prefix(20).map { ($0, 0.8) }
            }
            for (term, weight) in terms {
                guard let list = postings[term] else { continue }
                let idf = log(1 + (n - Double(list.count) + 0.5) / (Double(list.count) + 0.5))
                for (doc, tf) in list {
                    let f = Double(tf), norm = Self.k1 * (1 - Self.b + Self.b * Double(lengths[doc]) / averageLength)
                    if scores[doc] == 0 { touched.append(doc) }
                    scores[doc] += weight * idf * f * (Self.k1 + 1) / (f + norm)
                }
            }
        }
        return touched.map { Hit(index: $0, score: scores[$0]) }
            .sorted { ($0.score, -$0.index) > ($1.score, -$1.index) }
            .prefix(limit).map { $0 }
    }

    /// One insertion, deletion, substitution or swap of neighbours (Damerau–Levenshtein ≤ 1).
    public static func oneEditApart(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        if x == y || abs(x.count - y.count) > 1 { return false }
        var i = 0
        while i < min(x.count, y.count), x[i] == y[i] { i += 1 }
        if x.count == y.count {
            if x[(i + 1)...] == y[(i + 1)...] { return true }
            return i + 1 < x.count && x[i] == y[i + 1] && x[i + 1] == y[i] && x[(i + 2)...] == y[(i + 2)...]
        }
        return x.count > y.count ? x[(i + 1)...] == y[i...] : x[i...] == y[(i + 1)...]
    }
}
