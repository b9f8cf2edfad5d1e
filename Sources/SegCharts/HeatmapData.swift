/// Input for `heatmap`: a grid of customer counts and a mean value per cell, such as the
/// R-score by F-score grid.
///
/// Rows are drawn bottom to top (row 0 at the bottom, like a y axis), columns left to right.
/// Cells are coloured by `values` on a colour-blind-safe sequential scale; empty cells are white.
public struct HeatmapData: Sendable, Equatable {
  public var rowTitle: String
  public var columnTitle: String
  public var rowLabels: [String]
  public var columnLabels: [String]
  /// Row-major counts, `rowLabels.count × columnLabels.count`.
  public var counts: [Int]
  /// Row-major mean values (NaN where a cell is empty).
  public var values: [Double]
  /// What `values` are, for the legend and the chart description: `Mean monetary`.
  public var valueName: String
  public var valueFormat: ValueFormat

  public init(
    rowTitle: String, columnTitle: String, rowLabels: [String], columnLabels: [String],
    counts: [Int], values: [Double], valueName: String, valueFormat: ValueFormat
  ) {
    self.rowTitle = rowTitle
    self.columnTitle = columnTitle
    self.rowLabels = rowLabels
    self.columnLabels = columnLabels
    self.counts = counts
    self.values = values
    self.valueName = valueName
    self.valueFormat = valueFormat
  }

  /// The RFM grid: `counts[r - 1][f - 1]` customers with R score r and F score f, and their
  /// mean monetary value in `meanMonetary[r - 1][f - 1]` (pounds).
  public static func rfm(counts: [[Int]], meanMonetary: [[Double]]) -> HeatmapData {
    let rows = counts.count
    let cols = counts.map(\.count).max() ?? 0
    var flatCounts: [Int] = []
    var flatValues: [Double] = []
    for r in 0..<rows {
      for f in 0..<cols {
        flatCounts.append(f < counts[r].count ? counts[r][f] : 0)
        let row = r < meanMonetary.count ? meanMonetary[r] : []
        flatValues.append(f < row.count ? row[f] : .nan)
      }
    }
    return HeatmapData(
      rowTitle: "Recency score (R)", columnTitle: "Frequency score (F)",
      rowLabels: (0..<rows).map { String($0 + 1) }, columnLabels: (0..<cols).map { String($0 + 1) },
      counts: flatCounts, values: flatValues, valueName: "Mean monetary", valueFormat: .pounds)
  }

  /// The count of a cell; 0 outside the given counts, never negative.
  func count(row r: Int, column c: Int) -> Int {
    let i = r * columnLabels.count + c
    return i < counts.count ? max(0, counts[i]) : 0
  }

  /// The mean value of a cell; NaN for an empty cell or a missing value.
  func value(row r: Int, column c: Int) -> Double {
    let i = r * columnLabels.count + c
    return i < values.count && count(row: r, column: c) > 0 ? values[i] : .nan
  }
}
