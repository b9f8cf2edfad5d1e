/// The row and customer accounting of an RFM run: what was used, what was set aside and why,
/// and the reference date. ``summaryText`` renders it deterministically.
public struct RFMReport: Sendable, Equatable {
  /// How the reference date was chosen.
  public enum AsOfSource: Sendable, Equatable {
    /// Given with `asof=`.
    case given
    /// Midnight after the last transaction's day (the last transaction's time is kept).
    case dayAfterLastTransaction(lastTransaction: Int64)
  }

  /// The reference moment, seconds since the epoch.
  public var asOf: Int64
  /// How ``asOf`` was chosen.
  public var asOfSource: AsOfSource
  /// Rows in the input table.
  public var rows: Int
  /// Rows set aside because the customer id is missing.
  public var rowsWithoutCustomer: Int
  /// Rows set aside because the date is missing.
  public var rowsWithoutDate: Int
  /// Rows set aside because they are dated at or after ``asOf``.
  public var rowsAfterAsOf: Int
  /// Rows set aside because quantity, price or amount is missing.
  public var rowsWithMissingValues: Int
  /// Purchase lines used: not a `C` invoice, quantity > 0 and price > 0 (or amount > 0).
  public var purchaseLines: Int
  /// Return lines used: a `C` invoice or quantity < 0 (or amount < 0).
  public var returnLines: Int
  /// Rows that are neither (zero prices, positive-quantity adjustments), not used.
  public var otherLines: Int
  /// Customers in the table (with a purchase line).
  public var customers: Int
  /// Customers set aside because they have no purchase line before ``asOf``.
  public var customersWithoutPurchases: Int
  /// Of those, the ones with return lines only.
  public var customersWithOnlyReturns: Int
  /// The column whose values are the affinity groups (a category column, else the product
  /// column), or `nil` when there are no affinity columns.
  public var affinityColumn: String?
  /// The group of `affinity_1`, `affinity_2` …, highest spend first.
  public var affinityGroups: [String]
  /// How line values were found: `quantity × price` or `amount`.
  public var valueSource: String
  /// Things the user should know (omitted columns, how frequency was counted).
  public var notes: [Remark]
  /// Whether the log has money; without it the RFM table has no monetary or spend columns, no
  /// m_score, and R × F codes and segments (docs/rfm.md, "Logs without money").
  public var hasMoney = true
  /// The status column whose cancelled lines are among ``otherLines`` (docs/rfm.md,
  /// "Cancellations"), `nil` when no status column cancels lines.
  public var cancelledByStatus: String? = nil
  /// The event column whose events other than purchases are among ``otherLines`` (an event
  /// log), `nil` when the log is no event log.
  public var notPurchaseEvents: String? = nil

  /// What ``otherLines`` are: `zero prices and the like`,
  /// `cancelled by order_status, zero prices and the like`, or
  /// `other events than purchases (event), zero prices and the like`.
  public var otherLinesText: String {
    (cancelledByStatus.map { "cancelled by \($0), " } ?? "")
      + (notPurchaseEvents.map { "other events than purchases (\($0)), " } ?? "")
      + "zero prices and the like"
  }

  /// Deterministic plain text, aligned, with thousands separators.
  public var summaryText: String { summaryText(settings: Remark.neutral) }

  /// ``summaryText`` with the settings its notes name spelled by `spell`.
  public func summaryText(settings spell: (Setting, String?) -> String) -> String {
    let f = ReportFormatting.self
    var lines: [String] = []
    var asOfText = "asof " + CivilCalendar.isoText(seconds: asOf, includeTime: asOf % 86_400 != 0)
    switch asOfSource {
    case .given: asOfText += " (given)"
    case .dayAfterLastTransaction(let last):
      asOfText +=
        " (the day after the last transaction, " + CivilCalendar.isoText(seconds: last) + ")"
    }
    lines.append(
      "rfm: \(f.thousands(customers)) customer\(customers == 1 ? "" : "s"), " + asOfText
    )
    let rowsUsed = purchaseLines + returnLines
    let table: [[String]] = [
      ["rows", f.thousands(rows)],
      [
        "used", f.thousands(rowsUsed),
        "\(f.thousands(purchaseLines)) purchase lines, \(f.thousands(returnLines)) return lines",
      ],
      ["no customer id", f.thousands(rowsWithoutCustomer)],
      ["on or after asof", f.thousands(rowsAfterAsOf)],
      ["no date", f.thousands(rowsWithoutDate)],
      ["missing value", f.thousands(rowsWithMissingValues)],
      ["neither purchase nor return", f.thousands(otherLines), otherLinesText],
    ].filter { $0[0] == "rows" || $0[0] == "used" || $0[1] != "0" }
    lines += f.aligned(table.map { [$0[0], $0[1], $0.count > 2 ? $0[2] : ""] }, rightAligned: [1])
      .map { "  " + $0 }
    if customersWithoutPurchases > 0 {
      let other = customersWithoutPurchases - customersWithOnlyReturns
      var text =
        "  set aside: \(f.thousands(customersWithoutPurchases)) customer\(customersWithoutPurchases == 1 ? "" : "s") without a purchase line ("
      text += "\(f.thousands(customersWithOnlyReturns)) with only returns"
      if other > 0 { text += ", \(f.thousands(other)) with only other lines" }
      lines.append(text + ")")
    }
    lines.append("  line value: " + valueSource)
    if let affinityColumn, !affinityGroups.isEmpty {
      lines.append("  affinity groups (\(affinityColumn)):")
      for (k, g) in affinityGroups.enumerated() { lines.append("    affinity_\(k + 1)  \(g)") }
    }
    for note in notes { lines.append("  note: " + note.rendered(spell)) }
    return lines.joined(separator: "\n")
  }
}
