/// Input for `hist`: one histogram panel per feature, stacked vertically.
public struct HistogramData: Sendable, Equatable {
  public var features: [HistogramFeature]
  /// What the bars count, the y-axis title: `Customers`.
  public var countLabel: String
  /// The approximate number of bins, or `nil` for the Freedman–Diaconis rule.
  ///
  /// The rule's count is clamped to 10...50. Bin edges fall on nice numbers, so the count may
  /// differ slightly.
  public var bins: Int?

  public init(features: [HistogramFeature], countLabel: String = "Customers", bins: Int? = nil) {
    self.features = features
    self.countLabel = countLabel
    self.bins = bins
  }
}

/// One feature's values for a histogram panel.
public struct HistogramFeature: Sendable, Equatable {
  public var feature: ChartFeature
  /// The values; non-finite ones are left out and counted in the panel's note.
  public var values: [Double]
  /// Bins of equal width in log10 space on a logarithmic axis, for skewed amounts such as
  /// money; non-positive values are then left out and counted.
  public var logScale: Bool

  public init(feature: ChartFeature, values: [Double], logScale: Bool = false) {
    self.feature = feature
    self.values = values
    self.logScale = logScale
  }
}
