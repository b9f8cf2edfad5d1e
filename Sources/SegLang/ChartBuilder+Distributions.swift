import SegCharts
import SegCore

extension ChartBuilder {
  /// `box`: one panel per feature of the current table; when an outlier filter set customers
  /// aside, each panel shows the customers kept and the outliers together beside the ones kept.
  /// The labels say who is in each box: "Kept and outliers" and "Kept", or "All" when no filter
  /// removed anyone (customers another filter removed, such as `monetary > 0`, are in neither).
  func box(columns given: [String]?, givenAt: SourceRange, log: Bool) throws(RuntimeError)
    -> BoxplotData
  {
    let table = try currentTable()
    let columns = try featureColumns(given, in: table, givenAt: givenAt)
    let removed = setAside(for: workspace.tableName)
    var features: [BoxplotFeature] = []
    for name in columns {
      let kept = Self.distribution(try values(name, in: table, at: givenAt), of: name)
      if let removed, let aside = removed[name]?.doubles.map({ Self.distribution($0, of: name) }) {
        features.append(
          BoxplotFeature(
            feature: .column(name), before: kept + aside, after: kept, logScale: log))
      } else {
        features.append(BoxplotFeature(feature: .column(name), before: kept, logScale: log))
      }
    }
    let filtered = workspace.tableName == Workspace.customersTable
      && !workspace.filteredCustomers.isEmpty
    let before = removed != nil ? "Kept and outliers" : filtered ? "Kept" : "All"
    return BoxplotData(features: features, beforeLabel: before, afterLabel: "Kept")
  }

  /// `hist`: one histogram per feature of the current table.
  func histogram(columns given: [String]?, givenAt: SourceRange, log: Bool) throws(RuntimeError)
    -> HistogramData
  {
    let table = try currentTable()
    let columns = try featureColumns(given, in: table, givenAt: givenAt)
    var features: [HistogramFeature] = []
    for name in columns {
      features.append(
        HistogramFeature(
          feature: .column(name),
          values: Self.distribution(try values(name, in: table, at: givenAt), of: name),
          logScale: log))
    }
    return HistogramData(
      features: features,
      countLabel: workspace.tableName == Workspace.customersTable ? "Customers" : "Rows")
  }

  /// The values of column `name` as distributions show them: money to the penny, so that a net
  /// spend of 1e-13 (what is left of purchases minus equal returns in floating point) counts as
  /// zero, not as a value twelve decades below the rest on a log axis.
  static func distribution(_ values: [Double], of name: String) -> [Double] {
    guard case .money = ChartFeature.column(name).format else { return values }
    return values.map { ($0 * 100).rounded() / 100 }
  }
}
