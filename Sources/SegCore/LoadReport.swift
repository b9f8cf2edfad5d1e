/// What `load` read and found: file facts, column types and the row accounting that RFM will
/// rely on. ``summaryText`` renders it deterministically.
///
/// Role-based counts are `nil` when the role column is missing (or has the wrong type).
public struct LoadReport: Sendable, Equatable {
  /// One column's name, type, missing values and role.
  public struct ColumnSummary: Sendable, Equatable {
    /// The header name.
    public var name: String
    /// The inferred type.
    public var type: ColumnType
    /// The number of missing (empty) values.
    public var missing: Int
    /// The role the column plays, if any.
    public var role: ColumnRole?
    /// Why it plays the role: the header words that matched (`member`), a close runner-up, or
    /// `given` for a column named with an option.
    public var why: String? = nil
  }

  /// The file as named when loading.
  public var file: String
  /// Data rows (the header not counted).
  public var rows: Int
  /// The columns in file order.
  public var columns: [ColumnSummary]
  /// The encoding text was read with.
  public var encoding: TextEncoding
  /// True when the text was not valid UTF-8 and was read as Windows-1252 instead.
  public var encodingFallback: Bool
  /// The field separator used.
  public var delimiter: Delimiter
  /// Whether the file was gzip-compressed.
  public var isCompressed: Bool
  /// Whether the file was UTF-16 text with a byte order mark (Excel's "Unicode Text"), read as
  /// Unicode; ``encoding`` is then how its text came out (UTF-8).
  public var isUTF16 = false
  /// The sheet read, when the file is an Excel workbook.
  public var sheet: String? = nil
  /// Later sheets read after ``sheet`` as the same log, because their header is the same.
  public var joinedSheets: [String] = []
  /// Other sheets of the workbook, not read (their first rows differ from the header).
  public var unreadSheets: [String] = []
  /// How the file's JSON records were laid out (`JSON Lines`, `JSON array`), when it held JSON.
  public var json: String? = nil
  /// The earliest and latest date-times of the date column (seconds since the epoch).
  public var firstDate: Int64?
  public var lastDate: Int64?
  /// Distinct non-missing customer ids.
  public var distinctCustomers: Int?
  /// Rows whose customer id is empty.
  public var rowsWithoutCustomer: Int?
  /// Rows that are cancellations under the log's rule (``cancellationRule``).
  public var cancellations: Int?
  /// Which rule decided the cancellations and why (`invoices starting with C (C536379 beside
  /// 536365)`), when the log is a transaction log.
  public var cancellationRule: Remark? = nil
  /// Whether ``cancellations`` are the rows of an event log whose event is no purchase (views,
  /// carts: ``CancellationRule/events(_:)``) rather than cancelled orders.
  public var cancellationsAreOtherEvents = false
  /// Rows that are cancellations or returns (negative quantity, else negative amount), each
  /// counted once: more than a quarter of the rows earns a warning.
  public var cancelledOrReturned: Int = 0
  /// A column of refunded money that no role reads (`Amount Refunded`), and its rows with a
  /// refund on a line that is no cancellation: rfm counts their amount as spent, and the
  /// summary warns.
  public var refundColumn: String? = nil
  public var refundedRows: Int = 0
  /// Rows with quantity < 0.
  public var negativeQuantities: Int?
  /// Rows with price (or amount, when there is no price) = 0.
  public var zeroPrices: Int?
  /// Rows with price (or amount, when there is no price) < 0.
  public var negativePrices: Int?
  /// Whether ``zeroPrices`` and ``negativePrices`` counted the amount column (a log without a
  /// price column): the summary then says `zero amount` and `negative amount`.
  public var pricesAreAmounts = false
  /// Rows equal in every column to an earlier row.
  public var duplicateRows: Int
  /// Things the user should know (encoding fallback, ignored options).
  public var warnings: [Remark]
  /// How numbers were read, one line per column not written plainly:
  /// `amount: decimal comma, currency € stripped` (docs/rfm.md, "Numbers as written").
  public var numbers: [Remark] = []
  /// How values were read where the summary should say so (`InvoiceDate: ISO with UTC
  /// offsets, converted to UTC`, epoch times), one line each.
  public var notes: [String] = []

  /// A report of `rows` rows in `columns`, read as the other arguments say, before its counts
  /// (``record(_:duplicates:roles:)``). Text that was not UTF-8 (`encodingFallback`) comes
  /// first among the warnings.
  init(
    file: String,
    rows: Int,
    columns: [ColumnSummary],
    encoding: TextEncoding,
    encodingFallback: Bool,
    delimiter: Delimiter,
    isCompressed: Bool,
    warnings: [Remark] = [],
    notes: [String] = []
  ) {
    self.file = file
    self.rows = rows
    self.columns = columns
    self.encoding = encoding
    self.encodingFallback = encodingFallback
    self.delimiter = delimiter
    self.isCompressed = isCompressed
    self.duplicateRows = 0
    self.warnings = warnings
    self.notes = notes
    if encodingFallback {
      self.warnings.insert(
        "text is not valid UTF-8; read as Windows-1252 (Latin-1); give \(setting: .encoding, "utf8") or \(setting: .encoding, "latin1") to choose",
        at: 0
      )
    }
  }

  /// Takes the log's counts, however they were counted (a table in memory, a streamed log's
  /// blocks, a database server): the counts, why each role column was chosen, the cancellation
  /// rule, and the warnings that follow from them (too many cancellations, refunds counted as
  /// spend). The one place a report gets its counts, so every way of loading says the same.
  package mutating func record(_ stats: TableStatistics, duplicates: Int, roles: ColumnRoles) {
    firstDate = stats.firstDate
    lastDate = stats.lastDate
    distinctCustomers = stats.distinctCustomers
    rowsWithoutCustomer = stats.rowsWithoutCustomer
    explainRoles(roles)
    cancellations = stats.cancellations
    cancellationRule = roles.cancellation?.reason
    if case .events? = roles.cancellation?.rule { cancellationsAreOtherEvents = true }
    cancelledOrReturned = stats.cancelledOrReturned
    addCancellationWarning()
    refundColumn = stats.refundColumn
    refundedRows = stats.refundedRows
    addRefundWarning()
    if let variants = stats.customerVariants, let name = roles[.customer] {
      addVariantWarning(variants, column: name)
    }
    if let unsettled = roles.cancellation?.unsettled { addUnsettledWarning(unsettled) }
    negativeQuantities = stats.negativeQuantities
    zeroPrices = stats.zeroPrices
    negativePrices = stats.negativePrices
    pricesAreAmounts = roles[.price] == nil && roles[.amount] != nil
    duplicateRows = duplicates
  }

  /// A short, aligned, deterministic plain-text rendering (no timings, no absolute paths beyond
  /// what was given).
  ///
  /// ```
  /// online_retail.csv.gz: 541,909 rows, 8 columns (gzip, UTF-8, comma-separated)
  ///   column       type      missing  role
  ///   InvoiceNo    text            0  invoice
  ///   ...
  ///   dates                2010-12-01 08:26:00 to 2011-12-09 12:50:00
  ///   customers            4,372
  /// ```
  public var summaryText: String { summaryText(settings: Remark.neutral) }

  /// ``summaryText`` with the settings its remarks name spelled by `spell` (the setting and the
  /// value proposed for it), as a caller's own syntax writes them.
  public func summaryText(settings spell: (Setting, String?) -> String) -> String {
    let f = ReportFormatting.self
    var lines: [String] = []
    var facts: [String] = []
    if let sheet, !joinedSheets.isEmpty {
      let all = ([sheet] + joinedSheets).map { "'\($0)'" }
      facts.append("Excel workbook, sheets " + all.dropLast().joined(separator: ", ") + " and " + all[all.count - 1])
    } else if let sheet {
      facts.append("Excel workbook, sheet '\(sheet)'")
    } else if let json {
      if isCompressed { facts.append("gzip") }
      facts.append(json)
    } else {
      if isCompressed { facts.append("gzip") }
      facts.append(
        isUTF16 ? "UTF-16" : encoding.description + (encodingFallback ? " fallback" : ""))
      facts.append(delimiter == .whitespace ? "whitespace-separated" : "\(delimiter)-separated")
    }
    lines.append(
      "\(file): \(f.thousands(rows)) row\(rows == 1 ? "" : "s"), \(columns.count) column\(columns.count == 1 ? "" : "s") (\(facts.joined(separator: ", ")))"
    )
    let explained = columns.contains { $0.why != nil }
    let table =
      [["column", "type", "missing", "role"] + (explained ? ["why"] : [])]
      + columns.map {
        [$0.name, $0.type.rawValue, f.thousands($0.missing), $0.role?.rawValue ?? ""]
          + (explained ? [$0.why ?? ""] : [])
      }
    lines += f.aligned(table, rightAligned: [2]).map { "  " + $0 }
    var accounting: [(String, String)] = []
    if let firstDate, let lastDate {
      accounting.append(
        (
          "dates",
          CivilCalendar.isoText(seconds: firstDate) + " to "
            + CivilCalendar.isoText(seconds: lastDate)
        )
      )
    }
    if let distinctCustomers { accounting.append(("customers", f.thousands(distinctCustomers))) }
    func rowsText(_ n: Int) -> String { f.thousands(n) + " row" + (n == 1 ? "" : "s") }
    if let n = rowsWithoutCustomer { accounting.append(("no customer id", rowsText(n))) }
    let cancellationLabel = cancellationsAreOtherEvents ? "not purchases" : "cancellations"
    if let n = cancellations {
      accounting.append((cancellationLabel, rowsText(n) + (cancellationRule.map { ": " + $0.rendered(spell) } ?? "")))
    } else if let rule = cancellationRule {
      accounting.append((cancellationLabel, rule.rendered(spell)))
    }
    if let n = negativeQuantities { accounting.append(("negative quantity", rowsText(n))) }
    let money = pricesAreAmounts ? "amount" : "price"
    if let n = zeroPrices { accounting.append(("zero \(money)", rowsText(n))) }
    if let n = negativePrices { accounting.append(("negative \(money)", rowsText(n))) }
    accounting.append(("exact duplicates", rowsText(duplicateRows)))
    let width = accounting.map(\.0.count).max() ?? 0
    for (label, value) in accounting {
      lines.append("  " + label + String(repeating: " ", count: width - label.count + 2) + value)
    }
    for note in numbers { lines.append("  numbers: " + note.rendered(spell)) }
    if let sheet, !joinedSheets.isEmpty {
      lines.append(
        "note: the workbook's \(joinedSheets.count + 1) sheets have the same header: read one after the other as one log, starting with '\(sheet)' (\(spell(.sheet, "\"NAME\"")) reads one alone)"
      )
    }
    if !unreadSheets.isEmpty {
      let listed = unreadSheets.prefix(10).map { "'\($0)'" }.joined(separator: ", ")
        + (unreadSheets.count > 10 ? ", …" : "")
      lines.append(
        "note: not read: the workbook's other sheet\(unreadSheets.count == 1 ? "" : "s") \(listed), whose first rows differ from this sheet's header (\(spell(.sheet, "\"NAME\"")) reads one)"
      )
    }
    for note in notes { lines.append("note: " + note) }
    for warning in warnings { lines.append("warning: " + warning.rendered(spell)) }
    return lines.joined(separator: "\n")
  }

  /// Warns when more than a quarter of the rows would be cancellations or returns: a log where
  /// that is true is rare, and a wrong rule is the likelier cause.
  private mutating func addCancellationWarning() {
    // In an event log most rows are views: the rule itself is in the summary.
    guard rows > 0, cancelledOrReturned * 4 > rows, !cancellationsAreOtherEvents else { return }
    let share = Double(cancelledOrReturned) / Double(rows) * 100
    warnings.append(
      "\(ReportFormatting.thousands(cancelledOrReturned)) of \(ReportFormatting.thousands(rows)) rows (\(Int(share.rounded()))%) are cancellations or returns; check the rule above, or choose one with \(setting: .cancelled, "COLUMN"), \(setting: .cancelled, "none") or \(setting: .cancelPrefix, "\"X\"")"
    )
  }

  /// Warns when a column of refunded money holds refunds on lines rfm counts as purchases: their
  /// customers' monetary is the amount before the refund (docs/rfm.md, "Refunds in their own
  /// column").
  /// Warns when text customer ids differ only in case or spaces: rfm counts each spelling as a
  /// customer of its own.
  private mutating func addVariantWarning(_ variants: IDVariants, column: String) {
    let n = variants.count
    let (a, b) = variants.example
    warnings.append(
      "\(ReportFormatting.thousands(n)) \(column) value\(n == 1 ? " is a spelling" : "s are spellings") of another \(column) value in other case or spaces ('\(LoadSession.shortened(a))' and '\(LoadSession.shortened(b))'): rfm counts each spelling as a customer of its own; write them alike if they are the same customer"
    )
  }

  private mutating func addRefundWarning() {
    guard let refundColumn, refundedRows > 0 else { return }
    let rowsText = "\(ReportFormatting.thousands(refundedRows)) row\(refundedRows == 1 ? "" : "s")"
    warnings.append(
      "\(refundColumn) holds refunds on \(rowsText) that count as purchases; rfm does not subtract them, so those customers' monetary is before refunds (a line a status column marks refunded is set aside whole)"
    )
  }

  /// Warns that lines of orders not paid yet (`Pending payment`, `On hold`) count as purchases.
  private mutating func addUnsettledWarning(_ unsettled: UnsettledStatuses) {
    let shown = unsettled.values.prefix(5).joined(separator: ", ")
    let more = unsettled.values.count > 5 ? ", …" : ""
    warnings.append(
      "\(unsettled.column) says some orders may not be paid yet (\(shown)\(more)); rfm counts their lines as purchases: filter them out first if they should not count"
    )
  }

  /// Notes on each role column why it was chosen (``ColumnSummary/why``).
  private mutating func explainRoles(_ roles: ColumnRoles) {
    for k in columns.indices {
      guard let role = columns[k].role, let choice = roles.choices[role] else { continue }
      columns[k].why = choice.text
    }
  }
}
