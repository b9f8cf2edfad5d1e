/// How ``Table/joined(with:named:on:kind:maximumRows:)`` treats rows of the current table
/// without a match.
public enum JoinKind: String, Sendable, Equatable, CaseIterable {
  /// Only rows with a match are kept.
  case inner
  /// Every row is kept; a row without a match gets missing values in the joined columns.
  case left
}

/// A join and its accounting: what ``Table/joined(with:named:on:kind:maximumRows:)`` returns.
public struct JoinResult: Sendable, Equatable {
  /// The joined table: the current table's columns, then the named table's columns other than
  /// the keys.
  public var table: Table
  /// Row counts, unmatched and repeated keys, renamed columns.
  public var report: JoinReport
}

/// The accounting of a join, for the summary `join` prints.
public struct JoinReport: Sendable, Equatable {
  /// A key column whose types differ between the two tables.
  public struct KeyMismatch: Sendable, Equatable {
    /// The key column.
    public var column: String
    /// Its type in the current table.
    public var leftType: ColumnType
    /// Its type in the named table.
    public var rightType: ColumnType
    /// Whether the keys were compared as numbers (integer against decimal) rather than as text.
    public var comparedAsNumbers: Bool
  }

  /// A column of the named table renamed because the current table has one of that name.
  public struct Renamed: Sendable, Equatable {
    /// The name in the named table.
    public var from: String
    /// The name in the joined table.
    public var to: String
  }

  /// The key columns.
  public var keys: [String]
  /// Inner or left.
  public var kind: JoinKind
  /// Rows of the current table before the join.
  public var rowsBefore: Int
  /// Rows of the named table.
  public var namedRows: Int
  /// Rows of the joined table.
  public var rowsAfter: Int
  /// Rows of the current table whose key is missing (an empty cell): they match nothing.
  public var rowsWithMissingKey: Int
  /// Rows of the current table without a match (those with a missing key included): dropped by
  /// an inner join, kept with missing values by a left join.
  public var unmatchedRows: Int
  /// Rows of the named table that no row of the current table matched.
  public var unmatchedNamedRows: Int
  /// Distinct keys that occur more than once in the named table and match some row.
  public var keysRepeatedInNamed: Int
  /// Distinct keys that occur more than once on both sides: their rows are multiplied
  /// (many-to-many).
  public var keysRepeatedOnBothSides: Int
  /// Rows of the joined table that come from a key repeated on both sides.
  public var rowsFromRepeatedKeys: Int
  /// Key columns whose types differ between the tables.
  public var mismatches: [KeyMismatch]
  /// The named table's columns added to the current table, under their new names.
  public var addedColumns: [String]
  /// Added columns renamed because their name was taken.
  public var renamed: [Renamed]
}

/// Why a join cannot run.
public struct JoinError: Error, Sendable, Equatable {
  /// What went wrong.
  public enum Code: String, Sendable, Equatable {
    /// A key column is missing from the current table.
    case missingKeyInCurrent
    /// A key column is missing from the named table.
    case missingKeyInNamed
    /// No key column was given, or the same one twice.
    case invalidKeys
    /// The joined table would have more rows than allowed.
    case tooManyRows
  }

  /// The code.
  public var code: Code
  /// The key column at fault, if any.
  public var column: String?
  /// One sentence.
  public var message: String
  /// What to do.
  public var hint: Remark
  /// Existing column names close to the missing one, best first.
  public var suggestions: [String] = []
}

extension Table {
  /// The rows of `self` joined with the rows of `other` whose key columns hold equal values (a
  /// hash join).
  ///
  /// Row order is deterministic: the rows of `self` in order, and for a key that repeats in
  /// `other`, its rows in `other`'s order. A missing key (an empty cell) matches nothing. Keys
  /// are compared by value within a type: integers as integers, integer against decimal as
  /// numbers, text as text; any other pair of types (an integer key against a text one, say zip
  /// codes) is compared on the text form of the values, and the report lists it.
  ///
  /// The joined table has `self`'s columns, then `other`'s columns other than the keys; a column
  /// of `other` whose name is taken gets the suffix `_` + `name` (then `_2`, `_3` … if that is
  /// taken too).
  ///
  /// - Parameters:
  ///   - other: The named table.
  ///   - name: Its name, for suffixes and messages.
  ///   - keys: The key columns, present in both tables under the same names.
  ///   - kind: Inner (only matched rows) or left (every row of `self`).
  ///   - maximumRows: The most rows the joined table may have.
  /// - Returns: The joined table and its ``JoinReport``.
  /// - Throws: ``JoinError`` when a key column is missing or the result would exceed
  ///   `maximumRows`.
  /// - Complexity: O(rows of both + rows out) time and memory, for each key column.
  public func joined(
    with other: Table, named name: String, on keys: [String], kind: JoinKind = .inner,
    maximumRows: Int = 200_000_000
  ) throws(JoinError) -> JoinResult {
    guard !keys.isEmpty, Set(keys).count == keys.count else {
      throw JoinError(
        code: .invalidKeys, message: "a join needs one or more distinct key columns",
        hint: "write \(setting: .joinKey, "COLUMN") or \(setting: .joinKey, "[a, b]")")
    }
    var leftColumns: [Column] = []
    var rightColumns: [Column] = []
    for key in keys {
      guard let l = self[key] else {
        throw JoinError(
          code: .missingKeyInCurrent, column: key,
          message: "the current table has no column '\(key)'",
          hint: "the key must be a column of both tables; columns: \(columnNames.joined(separator: ", "))",
          suggestions: NameSuggestions.nearest(to: key, among: columnNames))
      }
      guard let r = other[key] else {
        throw JoinError(
          code: .missingKeyInNamed, column: key,
          message: "table '\(name)' has no column '\(key)'",
          hint:
            "the key must be a column of both tables; columns of '\(name)': \(other.columnNames.joined(separator: ", "))",
          suggestions: NameSuggestions.nearest(to: key, among: other.columnNames))
      }
      leftColumns.append(l)
      rightColumns.append(r)
    }

    // Dense key codes: the named table's keys get codes 0..<distinct; a row of the current
    // table gets the code of an equal key, or `missingCode`.
    var mismatches: [JoinReport.KeyMismatch] = []
    var rightCodes: [UInt32] = []
    var leftCodes: [UInt32] = []
    var distinct = 0
    for (l, r) in zip(leftColumns, rightColumns) {
      let encoded = JoinKeys.encode(l, r)
      if let m = encoded.mismatch { mismatches.append(m) }
      if rightCodes.isEmpty {
        (leftCodes, rightCodes, distinct) = (encoded.left, encoded.right, encoded.distinct)
      } else {
        (leftCodes, rightCodes, distinct) = JoinKeys.combine(
          (leftCodes, rightCodes), (encoded.left, encoded.right))
      }
    }

    // The named table's rows grouped by key, each group in row order (a counting sort).
    var start = [Int](repeating: 0, count: distinct + 1)
    for c in rightCodes where c != Column.missingCode { start[Int(c) + 1] += 1 }
    for k in 0..<distinct { start[k + 1] += start[k] }
    var fill = start
    var order = [Int](repeating: 0, count: start[distinct])
    for (row, c) in rightCodes.enumerated() where c != Column.missingCode {
      order[fill[Int(c)]] = row
      fill[Int(c)] += 1
    }

    // How many times each key occurs in the current table, to find many-to-many keys.
    var leftCount = [Int](repeating: 0, count: distinct)
    var rowsWithMissingKey = 0
    for (row, c) in leftCodes.enumerated() {
      if c != Column.missingCode {
        leftCount[Int(c)] += 1
      } else if leftColumns.contains(where: { $0.isMissing(at: row) }) {
        rowsWithMissingKey += 1
      }
    }
    var total = 0
    var unmatched = 0
    for c in leftCodes {
      let n = c == Column.missingCode ? 0 : start[Int(c) + 1] - start[Int(c)]
      if n == 0 { unmatched += 1 }
      let out = n == 0 ? (kind == .left ? 1 : 0) : n
      let (sum, overflow) = total.addingReportingOverflow(out)
      guard !overflow, sum <= maximumRows else {
        throw JoinError(
          code: .tooManyRows,
          message: "the join would make more than \(maximumRows) rows (keys repeat on both sides)",
          hint:
            "check the key: a key that repeats in both tables multiplies rows; make it unique in one of them first, or join on more columns with \(setting: .joinKey, "[a, b]")"
        )
      }
      total = sum
    }
    var leftRows: [Int] = []
    var rightRows: [Int] = []
    leftRows.reserveCapacity(total)
    rightRows.reserveCapacity(total)
    for (row, c) in leftCodes.enumerated() {
      let range = c == Column.missingCode ? 0..<0 : start[Int(c)]..<start[Int(c) + 1]
      if range.isEmpty {
        if kind == .left {
          leftRows.append(row)
          rightRows.append(-1)
        }
        continue
      }
      for k in range {
        leftRows.append(row)
        rightRows.append(order[k])
      }
    }

    // Accounting.
    var repeatedInNamed = 0
    var repeatedBoth = 0
    var rowsFromRepeated = 0
    var matchedNamedRows = 0
    for k in 0..<distinct where leftCount[k] > 0 {
      let n = start[k + 1] - start[k]
      matchedNamedRows += n
      if n > 1 { repeatedInNamed += 1 }
      if n > 1 && leftCount[k] > 1 {
        repeatedBoth += 1
        rowsFromRepeated += n * leftCount[k]
      }
    }

    // Columns: ours, then theirs without the keys, renamed when taken.
    var columns = columns.map { $0.gathering(leftRows) }
    var taken = Set(columnNames)
    var added: [String] = []
    var renamed: [JoinReport.Renamed] = []
    let keySet = Set(keys)
    for column in other.columns where !keySet.contains(column.name) {
      var newName = column.name
      if taken.contains(newName) {
        newName = column.name + "_" + name
        var n = 2
        while taken.contains(newName) {
          newName = column.name + "_" + name + "_\(n)"
          n += 1
        }
        renamed.append(JoinReport.Renamed(from: column.name, to: newName))
      }
      taken.insert(newName)
      added.append(newName)
      var gathered = column.gathering(optional: rightRows)
      gathered.name = newName
      columns.append(gathered)
    }
    let report = JoinReport(
      keys: keys, kind: kind, rowsBefore: rowCount, namedRows: other.rowCount, rowsAfter: total,
      rowsWithMissingKey: rowsWithMissingKey, unmatchedRows: unmatched,
      unmatchedNamedRows: other.rowCount - matchedNamedRows,
      keysRepeatedInNamed: repeatedInNamed, keysRepeatedOnBothSides: repeatedBoth,
      rowsFromRepeatedKeys: rowsFromRepeated, mismatches: mismatches, addedColumns: added,
      renamed: renamed)
    return JoinResult(table: Table(columns: columns), report: report)
  }
}

extension Column {
  /// Whether row `i` is missing (the type's sentinel).
  func isMissing(at i: Int) -> Bool {
    switch data {
    case .integer(let v), .datetime(let v): v[i] == Column.missingInteger
    case .decimal(let v): v[i].isNaN
    case .text(let v): v[i] == nil
    case .category(let codes, _): codes[i] == Column.missingCode
    case .boolean(let v): v[i] == nil
    }
  }

  /// A copy holding the rows at `indices`, in that order; an index of -1 gives a missing value.
  func gathering(optional indices: [Int]) -> Column {
    switch data {
    case .integer(let v):
      Column(name: name, data: .integer(indices.map { $0 < 0 ? Column.missingInteger : v[$0] }))
    case .decimal(let v):
      Column(name: name, data: .decimal(indices.map { $0 < 0 ? .nan : v[$0] }))
    case .datetime(let v):
      Column(name: name, data: .datetime(indices.map { $0 < 0 ? Column.missingInteger : v[$0] }))
    case .text(let v): Column(name: name, data: .text(indices.map { $0 < 0 ? nil : v[$0] }))
    case .category(let codes, let dictionary):
      Column(
        name: name,
        data: .category(
          codes: indices.map { $0 < 0 ? Column.missingCode : codes[$0] }, dictionary: dictionary))
    case .boolean(let v): Column(name: name, data: .boolean(indices.map { $0 < 0 ? nil : v[$0] }))
    }
  }
}

/// Dense codes for join keys.
enum JoinKeys {
  struct Encoded {
    var left: [UInt32]
    var right: [UInt32]
    var distinct: Int
    var mismatch: JoinReport.KeyMismatch?
  }

  /// Codes of one key column on both sides: the named table's (right) distinct values get codes
  /// in order of first appearance; a value of the current table (left) gets the code of the equal
  /// value, or `missingCode`. Missing values get `missingCode` on both sides.
  static func encode(_ l: Column, _ r: Column) -> Encoded {
    switch (l.data, r.data) {
    case (.integer(let x), .integer(let y)), (.datetime(let x), .datetime(let y)):
      return codes(
        x.map { $0 == Column.missingInteger ? nil : $0 },
        y.map { $0 == Column.missingInteger ? nil : $0 }, mismatch: nil)
    case (.boolean(let x), .boolean(let y)):
      return codes(x, y, mismatch: nil)
    default:
      if l.type == .text && r.type == .text {
        return codes(texts(l), texts(r), mismatch: nil)
      }
      if l.isNumeric && r.isNumeric, let x = l.doubles, let y = r.doubles {
        // -0 and 0 are one key; NaN is missing.
        func key(_ d: Double) -> UInt64? { d.isNaN ? nil : (d == 0 ? 0 : d.bitPattern) }
        return codes(
          x.map(key), y.map(key),
          mismatch: l.type == r.type
            ? nil
            : .init(column: l.name, leftType: l.type, rightType: r.type, comparedAsNumbers: true))
      }
      return codes(
        (0..<l.count).map { l.cellText(at: $0) }, (0..<r.count).map { r.cellText(at: $0) },
        mismatch: .init(column: l.name, leftType: l.type, rightType: r.type, comparedAsNumbers: false))
    }
  }

  /// A text column's values, each category entry converted once.
  static func texts(_ c: Column) -> [String?] {
    switch c.data {
    case .category(let codes, let dictionary):
      return codes.map { $0 == Column.missingCode ? nil : dictionary[Int($0)] }
    case .text(let v): return v
    default: return (0..<c.count).map { c.cellText(at: $0) }
    }
  }

  static func codes<K: Hashable>(_ left: [K?], _ right: [K?], mismatch: JoinReport.KeyMismatch?)
    -> Encoded
  {
    var index: [K: UInt32] = [:]
    var rightCodes = [UInt32](repeating: Column.missingCode, count: right.count)
    for (i, v) in right.enumerated() {
      guard let v else { continue }
      if let c = index[v] {
        rightCodes[i] = c
      } else {
        let c = UInt32(index.count)
        index[v] = c
        rightCodes[i] = c
      }
    }
    let leftCodes = left.map { v in v.flatMap { index[$0] } ?? Column.missingCode }
    return Encoded(left: leftCodes, right: rightCodes, distinct: index.count, mismatch: mismatch)
  }

  /// Codes of a pair of key columns from the codes of each: a row is missing when either is.
  static func combine(_ a: ([UInt32], [UInt32]), _ b: ([UInt32], [UInt32])) -> (
    [UInt32], [UInt32], Int
  ) {
    func pair(_ x: UInt32, _ y: UInt32) -> UInt64? {
      x == Column.missingCode || y == Column.missingCode ? nil : UInt64(x) << 32 | UInt64(y)
    }
    let e = codes(zip(a.0, b.0).map(pair), zip(a.1, b.1).map(pair), mismatch: nil)
    return (e.left, e.right, e.distinct)
  }
}
