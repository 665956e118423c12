import CauNoiCore
import XCTest

final class MinCostAssignmentTests: XCTestCase {
    /// Best (most places filled, then least cost) by trying every assignment.
    static func bruteForce(_ p: MinCostAssignment.Problem) -> (filled: Int, cost: Int64) {
        let columns = p.columnGroup.count
        var options: [[(row: Int, cost: Int64)]] = Array(repeating: [], count: columns)
        for (r, list) in p.edges.enumerated() { for e in list { options[Int(e.column)].append((r, e.cost)) } }
        var best: (filled: Int, cost: Int64) = (0, 0)
        var rowUse = Array(repeating: 0, count: p.demands.count)
        var groupUse = Array(repeating: 0, count: p.groupCapacity.count)
        func visit(_ c: Int, _ filled: Int, _ cost: Int64) {
            if c == columns {
                if filled > best.filled || (filled == best.filled && cost < best.cost) { best = (filled, cost) }
                return
            }
            visit(c + 1, filled, cost)
            let g = Int(p.columnGroup[c])
            if g >= 0 && groupUse[g] >= p.groupCapacity[g] { return }
            for o in options[c] where rowUse[o.row] < p.demands[o.row] {
                rowUse[o.row] += 1; if g >= 0 { groupUse[g] += 1 }
                visit(c + 1, filled + 1, cost + o.cost)
                rowUse[o.row] -= 1; if g >= 0 { groupUse[g] -= 1 }
            }
        }
        visit(0, 0, 0)
        return best
    }

    func testMatchesBruteForceOnRandomInstances() {
        var rng = SeededRandom(state: 12)
        for round in 0..<400 {
            let rows = Int.random(in: 1...3, using: &rng)
            let columns = Int.random(in: 1...7, using: &rng)
            let groups = Int.random(in: 0...2, using: &rng)
            let demands = (0..<rows).map { _ in Int.random(in: 0...3, using: &rng) }
            let columnGroup = (0..<columns).map { _ in groups == 0 ? Int32(-1) : Int32(Int.random(in: -1..<groups, using: &rng)) }
            let capacity = (0..<groups).map { _ in Int.random(in: 0...2, using: &rng) }
            let edges = (0..<rows).map { _ in
                (0..<columns).filter { _ in Bool.random(using: &rng) }.map {
                    MinCostAssignment.Edge(column: Int32($0), cost: Int64.random(in: 0...20, using: &rng))
                }
            }
            let problem = MinCostAssignment.Problem(demands: demands, edges: edges, columnGroup: columnGroup, groupCapacity: capacity)
            let solution = MinCostAssignment.solve(problem)
            let expected = Self.bruteForce(problem)
            XCTAssertEqual(solution.matches.count, expected.filled, "round \(round): places filled")
            XCTAssertEqual(solution.totalCost, expected.cost, "round \(round): total cost")
            Self.assertFeasible(solution, problem, round: round)
        }
    }

    static func assertFeasible(_ s: MinCostAssignment.Solution, _ p: MinCostAssignment.Problem, round: Int,
                               file: StaticString = #filePath, line: UInt = #line) {
        var rowUse = Array(repeating: 0, count: p.demands.count), groupUse = Array(repeating: 0, count: p.groupCapacity.count)
        var seen = Set<Int>()
        for m in s.matches {
            XCTAssertTrue(seen.insert(m.column).inserted, "round \(round): a column assigned twice", file: file, line: line)
            XCTAssertTrue(p.edges[m.row].contains { Int($0.column) == m.column && $0.cost == m.cost },
                          "round \(round): an assignment without an edge", file: file, line: line)
            rowUse[m.row] += 1
            let g = Int(p.columnGroup[m.column]); if g >= 0 { groupUse[g] += 1 }
        }
        for r in rowUse.indices { XCTAssertLessThanOrEqual(rowUse[r], p.demands[r], "round \(round): row over demand", file: file, line: line) }
        for g in groupUse.indices { XCTAssertLessThanOrEqual(groupUse[g], p.groupCapacity[g], "round \(round): group over capacity", file: file, line: line) }
    }

    func testPrefersTheCheaperGlobalAssignmentOverGreedy() {
        // Greedy would give row 0 column 0 (cost 1) and leave row 1 with column 1 (cost 10): 11.
        // The optimum gives row 0 column 1 (2) and row 1 column 0 (3): 5.
        let p = MinCostAssignment.Problem(
            demands: [1, 1],
            edges: [[.init(column: 0, cost: 1), .init(column: 1, cost: 2)], [.init(column: 0, cost: 3), .init(column: 1, cost: 10)]],
            columnGroup: [-1, -1], groupCapacity: [])
        let s = MinCostAssignment.solve(p)
        XCTAssertEqual(s.totalCost, 5)
        XCTAssertEqual(s.matches.map { [$0.row, $0.column] }, [[0, 1], [1, 0]])
    }

    func testAFullGroupGivesNoMore() {
        // Both columns are in one group that can spare one member: only one place is filled, the cheaper one.
        let p = MinCostAssignment.Problem(
            demands: [2],
            edges: [[.init(column: 0, cost: 4), .init(column: 1, cost: 1)]],
            columnGroup: [0, 0], groupCapacity: [1])
        let s = MinCostAssignment.solve(p)
        XCTAssertEqual(s.filled, [1])
        XCTAssertEqual(s.matches.first?.column, 1)
    }
}

