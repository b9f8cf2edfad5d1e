extension Table {
  /// The rows of `self` followed by the rows of `other`.
  ///
  /// Both tables must have the same column names in the same order. A column whose types differ
  /// (an integer column against a decimal one) becomes decimal when both are numeric, text
  /// otherwise. Category columns are re-encoded over the union of their dictionaries (the
  /// dictionary of `self` first), so codes stay valid.
  ///
  /// - Precondition: `columnNames == other.columnNames`.
  /// - Complexity: O(rows of both × columns).
  public func appending(rowsOf other: Table) -> Table {
    precondition(columnNames == other.columnNames, "appending a table with other columns")
    if other.rowCount == 0 { return self }
    if rowCount == 0 { return other }
    return Table(columns: zip(columns, other.columns).map { Column.concatenating($0, $1) })
  }
}

extension Column {
  /// `a`'s values followed by `b`'s, under `a`'s name (see ``Table/appending(rowsOf:)``).
  static func concatenating(_ a: Column, _ b: Column) -> Column {
    switch (a.data, b.data) {
    case (.integer(let x), .integer(let y)): return Column(name: a.name, data: .integer(x + y))
    case (.decimal(let x), .decimal(let y)): return Column(name: a.name, data: .decimal(x + y))
    case (.datetime(let x), .datetime(let y)): return Column(name: a.name, data: .datetime(x + y))
    case (.boolean(let x), .boolean(let y)): return Column(name: a.name, data: .boolean(x + y))
    case (.category(let xc, let xd), .category(let yc, let yd)):
      if xd == yd { return Column(name: a.name, data: .category(codes: xc + yc, dictionary: xd)) }
      var dictionary = xd
      var index: [String: UInt32] = [:]
      for (i, s) in xd.enumerated() { index[s] = UInt32(i) }
      var codes = xc
      codes.reserveCapacity(xc.count + yc.count)
      for c in yc {
        guard c != Column.missingCode else {
          codes.append(c)
          continue
        }
        let s = yd[Int(c)]
        if let known = index[s] {
          codes.append(known)
        } else {
          let new = UInt32(dictionary.count)
          dictionary.append(s)
          index[s] = new
          codes.append(new)
        }
      }
      return Column(name: a.name, data: .category(codes: codes, dictionary: dictionary))
    default:
      if let x = a.doubles, let y = b.doubles {
        return Column(name: a.name, data: .decimal(x + y))
      }
      let x = (0..<a.count).map { a.cellText(at: $0) }
      let y = (0..<b.count).map { b.cellText(at: $0) }
      return Column(name: a.name, data: .text(x + y))
    }
  }

  /// Row `i` as text for any column type (numbers in shortest form, dates as ISO), `nil` when
  /// missing.
  func cellText(at i: Int) -> String? {
    switch data {
    case .integer(let v): return v[i] == Column.missingInteger ? nil : String(v[i])
    case .decimal(let v): return v[i].isNaN ? nil : CSVWriter.decimalText(v[i])
    case .datetime(let v):
      return v[i] == Column.missingInteger ? nil : CivilCalendar.isoText(seconds: v[i])
    case .boolean(let v): return v[i].map { $0 ? "true" : "false" }
    case .text, .category: return text(at: i)
    }
  }
}
