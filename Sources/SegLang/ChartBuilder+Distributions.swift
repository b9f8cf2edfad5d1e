import SegCharts
import SegCore

extension ChartBuilder {
  /// `box`: one panel per feature of the current table; when an outlier filter set customers
  /// aside, each panel shows all customers beside the ones kept.
  func box(columns given: [String]?, givenAt: SourceRange, log: Bool) throws(RuntimeError)
    -> BoxplotData
  {
    let table = try currentTable()
    let columns = try featureColumns(given, in: table, givenAt: givenAt)
    let removed = setAside(for: workspace.tableName)
    var features: [BoxplotFeature] = []
    for name in columns {
      let kept = try values(name, in: table, at: givenAt)
      if let removed, let aside = removed[name]?.doubles {
        features.append(
          BoxplotFeature(
            feature: .column(name), before: kept + aside, after: kept, logScale: log))
      } else {
        features.append(BoxplotFeature(feature: .column(name), before: kept, logScale: log))
      }
    }
    let condition = workspace.outliers?.condition ?? ""
    return BoxplotData(
      features: features, beforeLabel: "All customers", afterLabel: "Kept by \(condition)")
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
          feature: .column(name), values: try values(name, in: table, at: givenAt), logScale: log))
    }
    return HistogramData(
      features: features, countLabel: workspace.tableName == Workspace.customersTable ? "Customers" : "Rows")
  }
}
