import SegCharts
import SegHistory

/// The text `compare` prints for a ``RunComparison``: a summary line, the migration matrix in
/// counts (with leavers, arrivals and sizes, so that every customer of both runs is counted
/// once), the same matrix as shares of each row's stayers, and the per-segment changes.
///
/// Deterministic: counts use ``NumberFormatting/count(_:)``, shares
/// ``NumberFormatting/percent(_:)``, revenue in pounds with thousands grouped, as the profile
/// and the charts print money (`ValueFormat.pounds`); rows and columns are in the comparison's
/// order, which puts the customers who kept their segment on the diagonal.
struct MigrationReport {
  var comparison: RunComparison
  /// The as-of dates of the previous and current run, for the headings.
  var previousAsof: String
  var currentAsof: String
  var formatter: TableFormatter

  var previousLabel: String { "run \(comparison.previousRunID)" }
  var currentLabel: String { "run \(comparison.currentRunID)" }

  /// Every line, with blank lines between the parts.
  var text: String {
    let c = comparison
    var out =
      "compare: \(previousLabel) (as of \(previousAsof)) → \(currentLabel) (as of \(currentAsof))\n"
    out +=
      "customers: \(NumberFormatting.count(c.stayerCount)) in both runs, "
      + "\(NumberFormatting.count(c.arrivedCustomers.count)) arrived, "
      + "\(NumberFormatting.count(c.leftCustomers.count)) left\n"
    out += "\nmigration, customers (rows: \(previousLabel), columns: \(currentLabel))\n"
    out += formatter.render(cells: countColumns)
    out += "\nmigration, share of each row's customers in both runs\n"
    out += formatter.render(cells: shareColumns)
    out += "\nsegment changes\n"
    out += formatter.render(cells: changeColumns)
    return out
  }

  /// The counts table.
  ///
  /// Rows: previous segments, `arrived`, the current sizes. Columns: current segments, `left`,
  /// the previous sizes.
  var countColumns: [TableFormatter.CellColumn] {
    let c = comparison
    let columns = c.currentSegments.count
    let previousSizes = c.previousSegments.indices.map { c.rowTotal($0) + c.left[$0] }
    let currentSizes = (0..<columns).map { j in
      c.previousSegments.indices.reduce(c.arrived[j]) { $0 + c.counts[$1 * columns + j] }
    }
    let count = NumberFormatting.count
    var out = [
      TableFormatter.cellColumn(
        "\(previousLabel) \\ \(currentLabel)",
        c.previousSegments + ["arrived", "\(currentLabel) size"], isNumeric: false)
    ]
    for (j, name) in c.currentSegments.enumerated() {
      let cells = c.previousSegments.indices.map { count(c.counts[$0 * columns + j]) }
      out.append(
        TableFormatter.cellColumn(
          name, cells + [count(c.arrived[j]), count(currentSizes[j])], isNumeric: true))
    }
    out.append(
      TableFormatter.cellColumn(
        "left", c.left.map(count) + [nil, count(c.left.reduce(0, +))], isNumeric: true))
    out.append(
      TableFormatter.cellColumn(
        "\(previousLabel) size",
        previousSizes.map(count) + [count(c.arrived.reduce(0, +)), nil], isNumeric: true))
    return out
  }

  /// The shares table.
  ///
  /// Rows: previous segments. Columns: current segments (share of the row's stayers), then the
  /// number of stayers.
  var shareColumns: [TableFormatter.CellColumn] {
    let c = comparison
    let columns = c.currentSegments.count
    let shares = c.rowShares
    var out = [
      TableFormatter.cellColumn(
        "\(previousLabel) \\ \(currentLabel)", c.previousSegments, isNumeric: false)
    ]
    for (j, name) in c.currentSegments.enumerated() {
      out.append(
        TableFormatter.cellColumn(
          name,
          c.previousSegments.indices.map {
            c.rowTotal($0) == 0 ? nil : NumberFormatting.percent(shares[$0 * columns + j])
          }, isNumeric: true, isJSONNumber: false))
    }
    out.append(
      TableFormatter.cellColumn(
        "in both runs", c.previousSegments.indices.map { NumberFormatting.count(c.rowTotal($0)) },
        isNumeric: true))
    return out
  }

  /// One row per segment name: sizes, revenue and their changes, and whether it is new or has
  /// vanished.
  var changeColumns: [TableFormatter.CellColumn] {
    let changes = comparison.changes
    let count = NumberFormatting.count
    func signed(_ text: String, positive: Bool) -> String { positive ? "+" + text : text }
    func money(_ amount: Double) -> String { ValueFormat.pounds.format(amount) }
    return [
      TableFormatter.cellColumn("segment", changes.map(\.name), isNumeric: false),
      TableFormatter.cellColumn(
        "size \(previousLabel)", changes.map { count($0.previousSize) }, isNumeric: true),
      TableFormatter.cellColumn(
        "size \(currentLabel)", changes.map { count($0.currentSize) }, isNumeric: true),
      TableFormatter.cellColumn(
        "size change",
        changes.map { signed(count($0.sizeChange), positive: $0.sizeChange > 0) },
        isNumeric: true, isJSONNumber: false),
      TableFormatter.cellColumn(
        "revenue \(previousLabel)", changes.map { money($0.previousRevenue) },
        isNumeric: true, isJSONNumber: false),
      TableFormatter.cellColumn(
        "revenue \(currentLabel)", changes.map { money($0.currentRevenue) },
        isNumeric: true, isJSONNumber: false),
      TableFormatter.cellColumn(
        "revenue change",
        changes.map {
          signed(money($0.revenueChange), positive: $0.revenueChange > 0)
        }, isNumeric: true, isJSONNumber: false),
      TableFormatter.cellColumn(
        "status", changes.map { $0.isNew ? "new" : $0.hasVanished ? "vanished" : "" },
        isNumeric: false),
    ]
  }
}
