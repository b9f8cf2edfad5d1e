/// The Hungarian algorithm: an assignment of rows to columns of a cost matrix with the least
/// total cost.
///
/// Rectangular matrices are supported. With `rows <= columns` every row gets a distinct column;
/// with `rows > columns` every column gets a distinct row and `rows - columns` rows get none.
/// This is the shortest-augmenting-path form with row and column potentials (Kuhn 1955, Munkres
/// 1957, in the O(n²m) formulation of Jonker and Volgenant); it is exact, not greedy.
///
/// ```swift
/// // 2 rows, 3 columns, row-major.
/// OptimalAssignment.minimizingCost([4, 1, 3,
///                                   2, 0, 5], rows: 2, columns: 3)  // [1, 0]
/// ```
public enum OptimalAssignment {
  /// The column assigned to each row, or `nil` for a row left out (only when
  /// `rows > columns`), minimizing the sum of the assigned costs.
  ///
  /// Ties between equally cheap assignments are broken deterministically (the same matrix always
  /// gives the same answer).
  ///
  /// - Parameters:
  ///   - costs: A row-major `rows × columns` matrix of finite costs.
  ///   - rows: The number of rows (may be 0).
  ///   - columns: The number of columns (may be 0).
  /// - Returns: `rows` entries; the assigned columns are distinct.
  /// - Precondition: `costs.count == rows * columns` and every cost is finite.
  /// - Complexity: O(n² · m) where n = min(rows, columns), m = max(rows, columns).
  public static func minimizingCost(_ costs: [Double], rows: Int, columns: Int) -> [Int?] {
    precondition(rows >= 0 && columns >= 0 && costs.count == rows * columns, "shape mismatch")
    precondition(costs.allSatisfy(\.isFinite), "costs must be finite")
    if rows == 0 { return [] }
    if columns == 0 { return [Int?](repeating: nil, count: rows) }
    if rows <= columns {
      let columnOfRow = solve(costs, n: rows, m: columns) { i, j in i * columns + j }
      return columnOfRow.map { Optional($0) }
    }
    // More rows than columns: solve the transpose, columns as the rows to place.
    let rowOfColumn = solve(costs, n: columns, m: rows) { i, j in j * columns + i }
    var result = [Int?](repeating: nil, count: rows)
    for (column, row) in rowOfColumn.enumerated() { result[row] = column }
    return result
  }

  /// The sum of `costs` over an assignment returned by ``minimizingCost(_:rows:columns:)``.
  public static func totalCost(_ costs: [Double], columns: Int, assignment: [Int?]) -> Double {
    var sum = 0.0
    for (i, j) in assignment.enumerated() {
      if let j { sum += costs[i * columns + j] }
    }
    return sum
  }

  /// Assigns each of `n` rows a distinct column out of `m >= n`.
  ///
  /// `index(i, j)` locates the cost of row `i`, column `j` in `a`. The work arrays are 1-based,
  /// with slot 0 as the virtual start column.
  private static func solve(_ a: [Double], n: Int, m: Int, index: (Int, Int) -> Int) -> [Int] {
    var u = [Double](repeating: 0, count: n + 1)
    var v = [Double](repeating: 0, count: m + 1)
    var rowOfColumn = [Int](repeating: 0, count: m + 1)
    var way = [Int](repeating: 0, count: m + 1)
    var minimum = [Double](repeating: 0, count: m + 1)
    var used = [Bool](repeating: false, count: m + 1)
    for i in 1...n {
      rowOfColumn[0] = i
      var j0 = 0
      for j in 0...m {
        minimum[j] = .infinity
        used[j] = false
      }
      repeat {
        used[j0] = true
        let i0 = rowOfColumn[j0]
        var delta = Double.infinity
        var j1 = 0
        for j in 1...m where !used[j] {
          let reduced = a[index(i0 - 1, j - 1)] - u[i0] - v[j]
          if reduced < minimum[j] {
            minimum[j] = reduced
            way[j] = j0
          }
          if minimum[j] < delta {
            delta = minimum[j]
            j1 = j
          }
        }
        for j in 0...m {
          if used[j] {
            u[rowOfColumn[j]] += delta
            v[j] -= delta
          } else {
            minimum[j] -= delta
          }
        }
        j0 = j1
      } while rowOfColumn[j0] != 0
      repeat {
        let j1 = way[j0]
        rowOfColumn[j0] = rowOfColumn[j1]
        j0 = j1
      } while j0 != 0
    }
    var columnOfRow = [Int](repeating: 0, count: n)
    for j in 1...m where rowOfColumn[j] != 0 {
      columnOfRow[rowOfColumn[j] - 1] = j - 1
    }
    return columnOfRow
  }
}
