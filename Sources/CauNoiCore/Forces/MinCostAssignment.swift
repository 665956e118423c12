/// Exact minimum-cost assignment of columns (volunteers) to rows (requests) with demands, where columns may
/// belong to a group (their team) that can give away at most a fixed number of members.
///
/// It is the min-cost flow on S → row (capacity = demand) → column (1, cost) → group (1) → T (capacity), solved by
/// successive shortest paths with Dijkstra on reduced costs: the result fills as many places as any assignment can,
/// and among those fillings has the least total cost. Costs must be non-negative.
///
/// Why it is fast on a national instance (500 rows × thousands of candidates each): a column that was never matched
/// and whose group was never full ("ordinary") always has potential 0, so from a row only its cheapest ordinary
/// column can lie on a shortest path; rows keep a pointer into their sorted candidates instead of scanning them,
/// and only the few "special" columns (matched once, or in a full group) are relaxed one by one.
public struct MinCostAssignment: Sendable {
    public struct Edge: Sendable, Hashable {
        public var column: Int32
        public var cost: Int64
        public init(column: Int32, cost: Int64) { self.column = column; self.cost = cost }
    }

    public struct Problem: Sendable {
        /// Places wanted per row.
        public var demands: [Int]
        /// Each row's candidate columns; sorted by cost here if they are not already.
        public var edges: [[Edge]]
        /// Per column, its group index or -1 for none.
        public var columnGroup: [Int32]
        /// Per group, how many of its columns may be assigned at most.
        public var groupCapacity: [Int]

        public init(demands: [Int], edges: [[Edge]], columnGroup: [Int32], groupCapacity: [Int]) {
            self.demands = demands; self.edges = edges; self.columnGroup = columnGroup; self.groupCapacity = groupCapacity
        }
    }

    public struct Match: Sendable, Hashable {
        public var row: Int
        public var column: Int
        public var cost: Int64
    }

    public struct Solution: Sendable {
        public var matches: [Match]
        public var totalCost: Int64
        /// Places filled per row.
        public var filled: [Int]
        /// The final dual potential of each row, relative to columns never touched (0): an edge left out of the problem,
        /// from row r at cost c to a column not in it (or in it), has a non-negative reduced cost when c + potential ≥ 0.
        public var rowPotentials: [Int64]
        /// Per column: unassigned, and its group (if any) still has room, so a row listing it could take it at once.
        public var columnAvailable: [Bool]
    }

    public static func solve(_ problem: Problem) -> Solution {
        var solver = Solver(problem)
        solver.run()
        return solver.solution()
    }
}

private struct Solver {
    let rows: Int, columns: Int, groups: Int
    var edges: [[MinCostAssignment.Edge]]
    let columnGroup: [Int32]
    let groupCapacity: [Int]

    var residual: [Int]
    var match: [Int32]
    var matchCost: [Int64]
    var special: [Bool]
    var groupUsed: [Int]
    var groupFull: [Bool]
    var groupMatched: [[Int32]]
    var matchedPosition: [Int32]
    var base: [Int64]
    var baseSource: Int64 = 0
    var pointer: [Int]
    var specials: [[MinCostAssignment.Edge]]
    // Reverse index: which rows list a column, and at what cost (CSR).
    var reverseStart: [Int]
    var reverseRow: [Int32]
    var reverseCost: [Int64]
    var groupStart: [Int]
    var groupColumns: [Int32]

    var dist: [Int64]
    var pred: [Int32]
    var seen: [UInt32]
    var done: [UInt32]
    var stamp: UInt32 = 0
    var heap = Heap()

    init(_ p: MinCostAssignment.Problem) {
        rows = p.demands.count
        columns = p.columnGroup.count
        groups = p.groupCapacity.count
        edges = p.edges.map { list in
            var sorted = list
            if !zip(list, list.dropFirst()).allSatisfy({ $0.cost <= $1.cost }) { sorted.sort { ($0.cost, $0.column) < ($1.cost, $1.column) } }
            return sorted
        }
        columnGroup = p.columnGroup
        groupCapacity = p.groupCapacity
        residual = p.demands.map { max(0, $0) }
        match = Array(repeating: -1, count: columns)
        matchCost = Array(repeating: 0, count: columns)
        special = Array(repeating: false, count: columns)
        groupUsed = Array(repeating: 0, count: groups)
        groupFull = groupCapacity.map { $0 <= 0 }
        groupMatched = Array(repeating: [], count: groups)
        matchedPosition = Array(repeating: -1, count: columns)
        let nodes = rows + columns + groups
        base = Array(repeating: 0, count: nodes)
        pointer = Array(repeating: 0, count: rows)
        specials = Array(repeating: [], count: rows)
        dist = Array(repeating: 0, count: nodes)
        pred = Array(repeating: -1, count: nodes)
        seen = Array(repeating: 0, count: nodes)
        done = Array(repeating: 0, count: nodes)

        var counts = Array(repeating: 0, count: columns + 1)
        for list in edges { for e in list { counts[Int(e.column) + 1] += 1 } }
        for i in 0..<columns { counts[i + 1] += counts[i] }
        reverseStart = counts
        reverseRow = Array(repeating: 0, count: counts[columns])
        reverseCost = Array(repeating: 0, count: counts[columns])
        var fill = counts
        for (r, list) in edges.enumerated() {
            for e in list {
                let c = Int(e.column)
                reverseRow[fill[c]] = Int32(r); reverseCost[fill[c]] = e.cost; fill[c] += 1
            }
        }
        var gCounts = Array(repeating: 0, count: groups + 1)
        for c in 0..<columns where columnGroup[c] >= 0 && reverseStart[c + 1] > reverseStart[c] { gCounts[Int(columnGroup[c]) + 1] += 1 }
        for g in 0..<groups { gCounts[g + 1] += gCounts[g] }
        groupStart = gCounts
        groupColumns = Array(repeating: 0, count: gCounts[groups])
        var gFill = gCounts
        for c in 0..<columns where columnGroup[c] >= 0 && reverseStart[c + 1] > reverseStart[c] {
            let g = Int(columnGroup[c]); groupColumns[gFill[g]] = Int32(c); gFill[g] += 1
        }
        for g in 0..<groups where groupFull[g] { markGroupSpecial(g) }
    }

    mutating func run() {
        while residual.contains(where: { $0 > 0 }) {
            guard augment() else { break }
        }
    }

    func solution() -> MinCostAssignment.Solution {
        var matches: [MinCostAssignment.Match] = []
        var filled = Array(repeating: 0, count: rows)
        var total: Int64 = 0
        for c in 0..<columns where match[c] >= 0 {
            let r = Int(match[c])
            matches.append(.init(row: r, column: c, cost: matchCost[c]))
            filled[r] += 1
            total += matchCost[c]
        }
        matches.sort { ($0.row, $0.cost, $0.column) < ($1.row, $1.cost, $1.column) }
        let available = (0..<columns).map { c in match[c] < 0 && (columnGroup[c] < 0 || !groupFull[Int(columnGroup[c])]) }
        return .init(matches: matches, totalCost: total, filled: filled, rowPotentials: Array(base[0..<rows]), columnAvailable: available)
    }

    // MARK: - Special columns

    mutating func markSpecial(_ c: Int) {
        guard !special[c] else { return }
        special[c] = true
        for i in reverseStart[c]..<reverseStart[c + 1] {
            specials[Int(reverseRow[i])].append(.init(column: Int32(c), cost: reverseCost[i]))
        }
    }

    mutating func markGroupSpecial(_ g: Int) {
        for i in groupStart[g]..<groupStart[g + 1] { markSpecial(Int(groupColumns[i])) }
    }

    // MARK: - One shortest augmenting path

    var columnNode: Int { rows }
    var groupNode: Int { rows + columns }

    mutating func relax(_ node: Int, _ d: Int64, from: Int) {
        if seen[node] != stamp || d < dist[node] {
            seen[node] = stamp; dist[node] = d; pred[node] = Int32(from)
            heap.push(d, Int32(node))
        }
    }

    /// Finds and applies one shortest augmenting path; false when none is left.
    mutating func augment() -> Bool {
        stamp &+= 1
        heap.removeAll()
        for r in 0..<rows where residual[r] > 0 { relax(r, baseSource - base[r], from: -1) }
        var settled: [Int] = []
        var terminal = -1
        var shortest: Int64 = 0
        while let (d, node32) = heap.pop() {
            let node = Int(node32)
            if done[node] == stamp || d > dist[node] { continue }
            done[node] = stamp
            settled.append(node)
            if node < rows {
                let r = node
                let list = edges[r]
                while pointer[r] < list.count && special[Int(list[pointer[r]].column)] { pointer[r] += 1 }
                if pointer[r] < list.count {
                    let e = list[pointer[r]]
                    relax(columnNode + Int(e.column), d + e.cost + base[r], from: r)
                }
                for e in specials[r] where match[Int(e.column)] != Int32(r) {
                    let n = columnNode + Int(e.column)
                    relax(n, d + e.cost + base[r] - base[n], from: r)
                }
            } else if node < groupNode {
                let c = node - columnNode
                if match[c] < 0 {
                    let g = Int(columnGroup[c])
                    if g < 0 || !groupFull[g] { terminal = c; shortest = d; break }
                    let n = groupNode + g
                    relax(n, d + base[node] - base[n], from: node)
                } else {
                    let s = Int(match[c])
                    relax(s, d - matchCost[c] + base[node] - base[s], from: node)
                }
            } else {
                let g = node - groupNode
                for m in groupMatched[g] {
                    let n = columnNode + Int(m)
                    relax(n, d + base[node] - base[n], from: node)
                }
            }
        }
        guard terminal >= 0 else { return false }

        for x in settled where dist[x] < shortest { base[x] += dist[x] - shortest }
        baseSource -= shortest
        apply(path: path(to: columnNode + terminal))
        return true
    }

    func path(to end: Int) -> [Int] {
        var nodes = [end]
        var node = end
        while pred[node] >= 0 { node = Int(pred[node]); nodes.append(node) }
        return nodes.reversed()
    }

    /// Applies a path S → row → column (→ row → column | → group → column → row …) → T.
    mutating func apply(path nodes: [Int]) {
        residual[nodes[0]] -= 1
        for i in 0..<(nodes.count - 1) {
            let a = nodes[i], b = nodes[i + 1]
            if a < rows {
                // The row takes the column; a column that was free now counts against its group (a full group
                // releases one member further along the path, so its count ends where it started).
                let c = b - columnNode
                let g = Int(columnGroup[c])
                if match[c] < 0, g >= 0 { addToGroup(c, g) }
                match[c] = Int32(a)
                matchCost[c] = cost(row: a, column: c)
                markSpecial(c)
            } else if a >= groupNode {
                // The group releases a member: it leaves its row (the next node) and becomes free.
                let c = b - columnNode
                removeFromGroup(c, a - groupNode)
                match[c] = -1
                matchCost[c] = 0
            }
            // column → row (the row gives the column up; it was reassigned above) and column → group need no change.
        }
    }

    mutating func addToGroup(_ c: Int, _ g: Int) {
        matchedPosition[c] = Int32(groupMatched[g].count)
        groupMatched[g].append(Int32(c))
        groupUsed[g] += 1
        if groupUsed[g] >= groupCapacity[g], !groupFull[g] { groupFull[g] = true; markGroupSpecial(g) }
    }

    mutating func removeFromGroup(_ c: Int, _ g: Int) {
        let at = Int(matchedPosition[c])
        let lastColumn = groupMatched[g].removeLast()
        if at < groupMatched[g].count { groupMatched[g][at] = lastColumn; matchedPosition[Int(lastColumn)] = Int32(at) }
        matchedPosition[c] = -1
        groupUsed[g] -= 1
    }

    func cost(row: Int, column: Int) -> Int64 {
        for i in reverseStart[column]..<reverseStart[column + 1] where Int(reverseRow[i]) == row { return reverseCost[i] }
        preconditionFailure("no edge from row \(row) to column \(column)")
    }
}

/// A binary min-heap of (distance, node) with lazy deletion.
private struct Heap {
    private var keys: [Int64] = []
    private var values: [Int32] = []

    mutating func removeAll() { keys.removeAll(keepingCapacity: true); values.removeAll(keepingCapacity: true) }

    mutating func push(_ key: Int64, _ value: Int32) {
        keys.append(key); values.append(value)
        var i = keys.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard keys[parent] > keys[i] else { break }
            keys.swapAt(parent, i); values.swapAt(parent, i)
            i = parent
        }
    }

    mutating func pop() -> (Int64, Int32)? {
        guard let topKey = keys.first, let topValue = values.first else { return nil }
        let lastKey = keys.removeLast(), lastValue = values.removeLast()
        if !keys.isEmpty {
            keys[0] = lastKey; values[0] = lastValue
            var i = 0
            let n = keys.count
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < n && keys[l] < keys[m] { m = l }
                if r < n && keys[r] < keys[m] { m = r }
                if m == i { break }
                keys.swapAt(m, i); values.swapAt(m, i)
                i = m
            }
        }
        return (topKey, topValue)
    }
}
