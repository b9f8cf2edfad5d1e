internal import Foundation

/// A report grouped by its first column, as accounting packages export sales (QuickBooks'
/// "Sales by Customer Detail", and the reports by contact of Xero and Sage):
///
/// ```
/// ,Date,Transaction Type,Num,Product/Service,Qty,Amount
/// Amy's Bird Sanctuary,,,,,,
/// ,01/05/2021,Invoice,1001,Design,2,150.00
/// ,02/10/2021,Invoice,1010,Lighting,1,45.00
/// Total for Amy's Bird Sanctuary,,,,,,$195.00
/// TOTAL,,,,,,$195.00
/// ```
///
/// A group's name stands alone on a row above its rows, which leave the first column blank; a
/// `Total for NAME` (or `Total NAME`) row ends the group and a `TOTAL` row the report. Read as a
/// plain log, the names would be rows of their own, the rows would have no customer, and the
/// totals would be counted as sales. So the loader fills each name down into its rows, drops the
/// name and total rows, checks every total against the rows it sums, and says so in the summary.
///
/// The layout is recognised in the first rows the loader samples (the same whatever the block
/// size): at least one name row, one total row that matches its group's name (or is a grand
/// total), one row with a blank first column after a name, and no row of data with a first
/// column of its own. A customer called `Total Wine` is a group like any other: only `Total for`
/// or `Total` followed by the current group's own name ends a group.
struct GroupedReport: Equatable, Sendable {
  /// The column the report is grouped by: always the first.
  static let column = 0

  /// Words that make a grand total row on their own (any case).
  static let grandTotals: Set<String> = [
    "total", "grand total", "totals", "report total", "gesamt", "gesamtsumme", "summe", "totaal",
    "totale", "total général", "total general",
  ]

  /// Whether `text` ends the group named `group`: `Total for NAME`, `Total NAME`, or a grand
  /// total (`TOTAL`).
  static func isTotal(_ text: String, group: String?) -> Bool {
    let t = text.trimmingSpaces.lowercased()
    if grandTotals.contains(t) { return true }
    guard let g = group?.trimmingSpaces.lowercased(), !g.isEmpty else { return false }
    return t == "total for " + g || t == "total " + g || t == "totals for " + g
      || t == g + " total"
  }

  /// What a row of a grouped report is.
  enum Row: Equatable {
    /// A blank first column: a row of the current group.
    case member
    /// `Total for NAME`, `Total NAME` or a grand total.
    case total
    /// A first column alone on its row: the next group's name.
    case name
    /// A first column of its own beside other values: not a grouped report's row.
    case data
  }

  /// The kind of a row whose first column reads `first` (trimmed; empty when blank) while the
  /// group named `group` is open; `othersEmpty` is asked only when it matters.
  static func kind(first: String, group: String?, othersEmpty: () -> Bool) -> Row {
    if first.isEmpty { return .member }
    if isTotal(first, group: group) { return .total }
    return othersEmpty() ? .name : .data
  }

  /// The kind of a sampled row (fields as text), or `nil` for a row with no fields.
  private static func kind(of row: [String], group: String?) -> Row? {
    guard let first = row.first?.trimmingSpaces else { return nil }
    return kind(first: first, group: group, othersEmpty: { othersEmpty(row) })
  }

  private static func othersEmpty(_ row: [String]) -> Bool {
    row.dropFirst().allSatisfy { $0.trimmingSpaces.isEmpty }
  }

  /// Whether sampled rows (fields as text) are laid out as a grouped report.
  static func detect(_ sample: [[String]]) -> Bool {
    var group: String? = nil
    var names = 0
    var totals = 0
    var grouped = 0
    var labelled = 0
    for row in sample {
      switch kind(of: row, group: group) {
      case nil: continue
      case .member?:
        if othersEmpty(row) { continue }
        if group != nil { grouped += 1 } else { labelled += 1 }
      case .total?: totals += 1
      case .name?:
        names += 1
        group = row[0].trimmingSpaces
      case .data?: labelled += 1
      }
    }
    return names >= 1 && totals >= 1 && grouped >= 1 && labelled == 0
  }

  /// Whether sampled rows (fields as text) are laid out as a pivot table exported in tabular
  /// form (Excel's and LibreOffice's pivot tables, a BI tool's "group by" export): each group's
  /// label stands on its first row only, beside that row's values, and its other rows leave the
  /// first column blank; `NAME Total` and `Grand Total` rows may follow.
  ///
  /// ```
  /// Customer,Invoice Date,Invoice,Amount
  /// Ann Lee,2021-01-04,1001,10.00
  /// ,2021-02-01,1005,20.00
  /// Bob Roe,2021-01-05,1002,12.00
  /// Grand Total,,,42.00
  /// ```
  ///
  /// A log with some customer ids missing (guests) looks alike, except that its customers come
  /// back on later rows and are in no order: here no label stands on two rows, and the labels
  /// are sorted, as pivot tables sort them (numbers by value, text ignoring case). At least two
  /// labels with blank rows below them, and at least two rows in ten with a blank first column
  /// below a label.
  static func detectPivot(_ sample: [[String]]) -> Bool {
    var labels = Set<String>()
    var group: String? = nil
    var rows = 0
    var members = 0
    var groupsWithMembers = 0
    var groupHasMembers = false
    for row in sample {
      guard let first = row.first?.trimmingSpaces, !othersEmpty(row) else { continue }
      if first.isEmpty {
        rows += 1
        if group != nil {
          members += 1
          if !groupHasMembers { groupsWithMembers += 1 }
          groupHasMembers = true
        }
        continue
      }
      if isTotal(first, group: group) { continue }
      rows += 1
      guard labels.insert(first).inserted else { return false }
      if let group, !sortsBefore(group, first) { return false }
      group = first
      groupHasMembers = false
    }
    return labels.count >= 2 && groupsWithMembers >= 2 && members * 10 >= rows * 2
  }

  /// Whether label `a` comes before `b` as a pivot table sorts them: numbers by value, text
  /// ignoring case.
  static func sortsBefore(_ a: String, _ b: String) -> Bool {
    if let x = Double(a), let y = Double(b) { return x < y }
    return a.lowercased() < b.lowercased()
  }

  /// The sampled rows as the loader will read them: names filled down, name and total rows
  /// left out (for scoring the columns' roles). A row with a label of its own (a pivot table's
  /// group starts on it) is kept and starts the group.
  static func filledDown(_ sample: [[String]]) -> [[String]] {
    var group: String? = nil
    var out: [[String]] = []
    for row in sample {
      switch kind(of: row, group: group) {
      case .member?:
        var filled = row
        filled[0] = group ?? ""
        out.append(filled)
      case .name?: group = row[0].trimmingSpaces
      case .data?:
        group = row[0].trimmingSpaces
        out.append(row)
      case .total?, nil: continue
      }
    }
    return out
  }

  /// The name of the grouping column when its header is blank, from the report's title (`Sales
  /// by Customer Detail` → `Customer`, `Sales by Product/Service Summary` →
  /// `Product/Service`), or `nil`.
  static func columnName(fromTitles titles: [String]) -> String? {
    for title in titles {
      let words = title.split(separator: " ").map(String.init)
      guard let by = words.lastIndex(where: { $0.lowercased() == "by" }), by + 1 < words.count
      else { continue }
      var rest = Array(words[(by + 1)...])
      while let last = rest.last, ["detail", "summary", "report"].contains(last.lowercased()) {
        rest.removeLast()
      }
      let name = rest.joined(separator: " ").trimmingCharacters(in: [",", ".", ":", "\""])
      if !name.isEmpty && name.count <= 40 { return name }
    }
    return nil
  }

  /// What filling down did, for the load summary.
  struct Outcome: Equatable, Sendable {
    var groups = 0
    var totalRows = 0
    /// Totals compared with the sum of their rows, and those that differ: the total row's text,
    /// the column, the total as written and the rows' sum.
    var checked = 0
    var mismatches: [(row: String, column: String, total: Double, sum: Double)] = []
    /// Rows above the first group's name, left with a blank first column.
    var ungrouped = 0
    /// Whether the report is a pivot table's (``detectPivot(_:)``), and the blank rows it
    /// filled.
    var isPivot = false
    var filled = 0

    static func == (a: Outcome, b: Outcome) -> Bool {
      a.groups == b.groups && a.totalRows == b.totalRows && a.checked == b.checked
        && a.ungrouped == b.ungrouped && a.isPivot == b.isPivot && a.filled == b.filled
        && a.mismatches.count == b.mismatches.count
        && zip(a.mismatches, b.mismatches).allSatisfy {
          $0.row == $1.row && $0.column == $1.column && $0.total == $1.total && $0.sum == $1.sum
        }
    }
  }

  /// Fills the group names down the first column of `table`, drops the name and total rows, and
  /// checks each total against its rows. In a pivot table's layout (`pivot`), a row with a
  /// label of its own starts the group.
  static func apply(to table: inout Table, pivot: Bool = false) -> Outcome {
    var outcome = Outcome()
    outcome.isPivot = pivot
    guard let first = table.columns.first,
      case .category(var codes, let dictionary) = first.data
    else { return outcome }
    let rows = table.rowCount
    let others = table.columns.dropFirst()
    let numeric = table.columns.indices.dropFirst().filter { table.columns[$0].isNumeric }
    let values = numeric.map { table.columns[$0].doubles ?? [] }
    var keep = Array(repeating: true, count: rows)
    var group = Column.missingCode
    // Sums per numeric column over the current group's rows, and over every row.
    var groupSums = Array(repeating: 0.0, count: numeric.count)
    var allSums = Array(repeating: 0.0, count: numeric.count)
    for r in 0..<rows {
      let code = codes[r]
      if code == Column.missingCode {
        if group == Column.missingCode { outcome.ungrouped += 1 } else { outcome.filled += 1 }
        codes[r] = group
        for (k, v) in values.enumerated() where !v[r].isNaN {
          groupSums[k] += v[r]
          allSums[k] += v[r]
        }
        continue
      }
      let text = dictionary[Int(code)]
      let groupName = group == Column.missingCode ? nil : dictionary[Int(group)]
      switch kind(
        first: text.trimmingSpaces, group: groupName,
        othersEmpty: { others.allSatisfy { $0.isMissing(at: r) } })
      {
      case .total:
        keep[r] = false
        outcome.totalRows += 1
        let isGrand = grandTotals.contains(text.trimmingSpaces.lowercased())
        for (k, v) in values.enumerated() where !v[r].isNaN {
          let sum = isGrand ? allSums[k] : groupSums[k]
          outcome.checked += 1
          if abs(v[r] - sum) > 0.005 + 1e-9 * abs(sum) {
            outcome.mismatches.append(
              (text, table.columns[numeric[k]].name, v[r], sum))
          }
        }
      case .name:
        keep[r] = false
        outcome.groups += 1
        group = code
        groupSums = Array(repeating: 0.0, count: numeric.count)
      case .data where pivot:
        outcome.groups += 1
        group = code
        groupSums = Array(repeating: 0.0, count: numeric.count)
        for (k, v) in values.enumerated() where !v[r].isNaN {
          groupSums[k] += v[r]
          allSums[k] += v[r]
        }
      case .member, .data:
        break
      }
    }
    table.setColumn(Column(name: first.name, data: .category(codes: codes, dictionary: dictionary)))
    table = table.filtered(keep)
    return outcome
  }
}

extension GroupedReport.Outcome {
  /// The load summary's notes and warnings on a grouped report whose grouping column is
  /// `column`.
  func remarks(column: String) -> (notes: [String], warnings: [Remark]) {
    func plural(_ n: Int, _ word: String) -> String {
      "\(ReportFormatting.thousands(n)) \(word)\(n == 1 ? "" : "s")"
    }
    var notes =
      isPivot
      ? [
        "\(column) is written on each group's first row only (a pivot table's layout): \(plural(filled, "blank row")) took the \(column) above \(filled == 1 ? "it" : "them")"
          + (totalRows > 0 ? ", and \(plural(totalRows, "total row")) \(totalRows == 1 ? "was" : "were") left out" : "")
      ]
      : [
        "a report grouped by \(column): \(plural(groups, "name")) filled down into \(groups == 1 ? "its" : "their") rows and left out as rows, with \(plural(totalRows, "total row"))"
      ]
    var warnings: [Remark] = []
    if checked > 0 && mismatches.isEmpty {
      notes.append(
        "\(plural(checked, "total")) of the report checked: \(checked == 1 ? "it matches" : "each matches") the sum of its rows")
    }
    if let m = mismatches.first {
      let amount = { (x: Double) -> String in
        let cents = Int64(exactly: (abs(x) * 100).rounded()) ?? 0
        let fraction = cents % 100
        return (x < 0 ? "-" : "") + ReportFormatting.thousands(cents / 100) + "."
          + (fraction < 10 ? "0" : "") + String(fraction)
      }
      warnings.append(
        "\(mismatches.count) of \(plural(checked, "total")) of the report \(mismatches.count == 1 ? "does" : "do") not match the sum of \(mismatches.count == 1 ? "its" : "their") rows (\(LoadSession.shortened(m.row)): \(m.column) \(amount(m.total)), the rows sum to \(amount(m.sum))): the report may be filtered or cut short, or hold rows seg did not read as its own"
      )
    }
    if ungrouped > 0 {
      warnings.append(
        "\(plural(ungrouped, "row")) above the report's first group name \(ungrouped == 1 ? "has" : "have") no \(column)")
    }
    return (notes, warnings)
  }
}
