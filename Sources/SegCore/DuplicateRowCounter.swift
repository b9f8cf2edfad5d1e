/// Counts rows equal in every column to an earlier row (pandas' `duplicated().sum()`).
///
/// Missing values equal each other; `-0.0` equals `0.0`. Exact: hashes only pick candidates,
/// rows are compared value by value. When the log is in date order (the usual case) duplicates
/// can only sit in runs of equal date-times, so each run is checked on its own with little
/// memory, in parallel; otherwise one hash table over all rows is used.
enum DuplicateRowCounter {
  static func count(in table: Table, sortedBy dateColumn: String?) -> Int {
    let n = table.rowCount
    guard n > 1 else { return 0 }
    let keys = RowKeys(table)
    if let dateColumn, case .datetime(let dates)? = table[dateColumn]?.data, isSorted(dates) {
      return countInRuns(keys, dates, rows: 0..<n)
    }
    return countWithTable(keys, rows: 0..<n)
  }

  /// Duplicates among `rows` of a table whose `dates` are in order, where no run of equal dates
  /// crosses the ends of `rows` (a streamed log's block, without the run that continues the last
  /// block's and its own last run, held back for the next block).
  static func count(in table: Table, sortedDates dates: [Int64], rows: Range<Int>) -> Int {
    guard rows.count > 1 else { return 0 }
    return countInRuns(RowKeys(table), dates, rows: rows)
  }

  /// Whether dates are in order with none missing.
  static func isSorted(_ v: [Int64]) -> Bool {
    guard var previous = v.first, previous != Column.missingInteger else { return false }
    for x in v {
      if x == Column.missingInteger || x < previous { return false }
      previous = x
    }
    return true
  }

  private static func countInRuns(_ keys: RowKeys, _ dates: [Int64], rows: Range<Int>) -> Int {
    let n = rows.count
    let first = rows.lowerBound
    let chunks = min(n, 8 * Parallel.activeCores)
    // Chunk edges moved forward to run starts, so no run is split.
    var edges = (0...chunks).map { first + n / chunks * $0 }
    edges[chunks] = rows.upperBound
    for k in 1..<chunks {
      var e = max(edges[k], edges[k - 1])
      while e < rows.upperBound && e > first && dates[e] == dates[e - 1] { e += 1 }
      edges[k] = e
    }
    let cuts = edges
    let counts = Parallel.map(chunks) { k in
      var total = 0
      var i = cuts[k]
      let end = max(cuts[k], cuts[k + 1])
      var table = [Int32](repeating: -1, count: 1024)
      var used: [Int] = []
      var hashes: [UInt64] = []
      while i < end {
        var j = i + 1
        while j < end && dates[j] == dates[i] { j += 1 }
        if j - i > 1 {
          total +=
            j - i <= 256
            ? countSmall(keys, i..<j, &table, &used, &hashes) : countWithTable(keys, rows: i..<j)
        }
        i = j
      }
      return total
    }
    return counts.reduce(0, +)
  }

  /// Duplicates within a run of rows, with a reusable table (cleared slot by slot).
  private static func countSmall(
    _ keys: RowKeys,
    _ rows: Range<Int>,
    _ table: inout [Int32],
    _ used: inout [Int],
    _ hashes: inout [UInt64]
  ) -> Int {
    let mask = table.count - 1
    var duplicates = 0
    keys.hash(rows, into: &hashes)
    for r in rows {
      let h = hashes[r - rows.lowerBound]
      var s = Int(truncatingIfNeeded: h) & mask
      var duplicate = false
      while table[s] >= 0 {
        if keys.equal(Int(table[s]), r) {
          duplicate = true
          break
        }
        s = (s + 1) & mask
      }
      if duplicate {
        duplicates += 1
      } else {
        table[s] = Int32(truncatingIfNeeded: r)
        used.append(s)
      }
    }
    for s in used { table[s] = -1 }
    used.removeAll(keepingCapacity: true)
    return duplicates
  }

  private static func countWithTable(_ keys: RowKeys, rows: Range<Int>) -> Int {
    var size = 16
    while size < rows.count * 2 { size <<= 1 }
    var table = [Int32](repeating: -1, count: size)
    var used: [Int] = []
    var hashes: [UInt64] = []
    return countSmall(keys, rows, &table, &used, &hashes)
  }
}

/// Hashing and equality of whole rows over a table's columns.
struct RowKeys: Sendable {
  enum Values: Sendable {
    case bits([Int64])
    case doubles([Double])
    case codes([UInt32])
    case strings([String?])
    case booleans([Bool?])
  }

  let columns: [Values]

  init(_ table: Table) {
    columns = table.columns.map { column in
      switch column.data {
      case .integer(let v), .datetime(let v): .bits(v)
      case .decimal(let v): .doubles(v)
      case .category(let codes, _): .codes(codes)
      case .text(let v): .strings(v)
      case .boolean(let v): .booleans(v)
      }
    }
  }

  @inline(__always) private static func mix(_ h: UInt64, _ x: UInt64) -> UInt64 {
    var z = (h ^ x) &* 0x9E37_79B9_7F4A_7C15
    z ^= z >> 32
    return z
  }

  @inline(__always) private static func normalized(_ d: Double) -> UInt64 {
    d.isNaN ? 0x7FF8_0000_0000_0000 : (d == 0 ? 0 : d.bitPattern)
  }

  /// The hashes of a run of rows computed column by column so
  /// that each column's type is switched on once per run rather than once per row.
  func hash(_ rows: Range<Int>, into out: inout [UInt64]) {
    out.removeAll(keepingCapacity: true)
    out.append(contentsOf: repeatElement(0x1234_5678_9ABC_DEF1, count: rows.count))
    out.withUnsafeMutableBufferPointer { h in
      for column in columns {
        switch column {
        case .bits(let v):
          for (k, r) in rows.enumerated() { h[k] = RowKeys.mix(h[k], UInt64(bitPattern: v[r])) }
        case .doubles(let v):
          for (k, r) in rows.enumerated() { h[k] = RowKeys.mix(h[k], RowKeys.normalized(v[r])) }
        case .codes(let v):
          for (k, r) in rows.enumerated() { h[k] = RowKeys.mix(h[k], UInt64(v[r])) }
        case .strings(let v):
          for (k, r) in rows.enumerated() {
            h[k] = RowKeys.mix(h[k], UInt64(bitPattern: Int64(v[r]?.hashValue ?? 0)))
          }
        case .booleans(let v):
          for (k, r) in rows.enumerated() {
            h[k] = RowKeys.mix(h[k], v[r] == nil ? 2 : (v[r] == true ? 1 : 0))
          }
        }
      }
      for k in 0..<h.count { h[k] ^= h[k] >> 29 }
    }
  }

  func equal(_ a: Int, _ b: Int) -> Bool {
    for column in columns {
      switch column {
      case .bits(let v): if v[a] != v[b] { return false }
      case .doubles(let v): if RowKeys.normalized(v[a]) != RowKeys.normalized(v[b]) { return false }
      case .codes(let v): if v[a] != v[b] { return false }
      case .strings(let v): if v[a] != v[b] { return false }
      case .booleans(let v): if v[a] != v[b] { return false }
      }
    }
    return true
  }
}
