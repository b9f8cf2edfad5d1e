import PropertyBased
import SegCore
import Testing

@Suite struct OptimalAssignmentTests {
  @Test func solvesTheDocumentedExample() {
    #expect(OptimalAssignment.minimizingCost([4, 1, 3, 2, 0, 5], rows: 2, columns: 3) == [1, 0])
  }

  @Test func beatsTheGreedyChoice() {
    // Greedy takes (0,0)=1 and is left with (1,1)=100; the optimum is 2 + 3.
    let costs: [Double] = [1, 2, 3, 100]
    #expect(OptimalAssignment.minimizingCost(costs, rows: 2, columns: 2) == [1, 0])
  }

  @Test func leavesTheExpensiveRowOutWhenRowsOutnumberColumns() {
    let costs: [Double] = [5, 9, 1, 2, 7, 0]  // 3 rows × 2 columns
    #expect(OptimalAssignment.minimizingCost(costs, rows: 3, columns: 2) == [nil, 0, 1])
  }

  @Test func emptyShapesGiveEmptyOrUnassignedRows() {
    #expect(OptimalAssignment.minimizingCost([], rows: 0, columns: 3) == [])
    #expect(OptimalAssignment.minimizingCost([], rows: 2, columns: 0) == [nil, nil])
  }

  @Test func aOneByOneMatrixAssignsItsOnlyCell() {
    #expect(OptimalAssignment.minimizingCost([-3], rows: 1, columns: 1) == [0])
  }

  /// The least total cost over every injective assignment, by enumeration.
  static func bruteForce(_ costs: [Double], rows: Int, columns: Int) -> Double {
    var best = Double.infinity
    var usedColumns = [Bool](repeating: false, count: columns)
    // Assign rows in order; a row may be skipped only while enough rows remain unskipped
    // to use min(rows, columns) columns in total.
    let target = min(rows, columns)
    func visit(_ row: Int, assigned: Int, sum: Double) {
      if row == rows {
        if assigned == target { best = min(best, sum) }
        return
      }
      for j in 0..<columns where !usedColumns[j] {
        usedColumns[j] = true
        visit(row + 1, assigned: assigned + 1, sum: sum + costs[row * columns + j])
        usedColumns[j] = false
      }
      if rows - row - 1 >= target - assigned { visit(row + 1, assigned: assigned, sum: sum) }
    }
    visit(0, assigned: 0, sum: 0)
    return best
  }

  @Test func matchesBruteForceOnRandomMatrices() async {
    await propertyCheck(
      count: 400, input: Gen.int(in: 1...5), Gen.int(in: 1...5),
      Gen.double(in: 0...10).array(of: 25)
    ) { rows, columns, pool in
      let costs = Array(pool.prefix(rows * columns))
      let assignment = OptimalAssignment.minimizingCost(costs, rows: rows, columns: columns)
      let assigned = assignment.compactMap { $0 }
      #expect(assignment.count == rows)
      #expect(assigned.count == min(rows, columns))
      #expect(Set(assigned).count == assigned.count)
      let total = OptimalAssignment.totalCost(costs, columns: columns, assignment: assignment)
      let best = Self.bruteForce(costs, rows: rows, columns: columns)
      #expect(abs(total - best) <= 1e-9 * max(1, best))
    }
  }

  @Test func matchesBruteForceWithManyTies() async {
    await propertyCheck(
      count: 300, input: Gen.int(in: 1...5), Gen.int(in: 1...5), Gen.int(in: 0...2).array(of: 25)
    ) { rows, columns, pool in
      let costs = pool.prefix(rows * columns).map(Double.init)
      let assignment = OptimalAssignment.minimizingCost(costs, rows: rows, columns: columns)
      #expect(Set(assignment.compactMap { $0 }).count == min(rows, columns))
      #expect(
        OptimalAssignment.totalCost(costs, columns: columns, assignment: assignment)
          == Self.bruteForce(costs, rows: rows, columns: columns))
    }
  }
}
