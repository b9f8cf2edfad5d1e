/// Input for `box`: one boxplot panel per feature, optionally before and after outlier removal.
public struct BoxplotData: Sendable, Equatable {
  /// The panels, left to right.
  public var features: [BoxplotFeature]
  /// The label of the first box in each panel.
  public var beforeLabel: String
  /// The label of the second box, shown when a feature has `after` values.
  public var afterLabel: String

  public init(
    features: [BoxplotFeature], beforeLabel: String = "Before", afterLabel: String = "After"
  ) {
    self.features = features
    self.beforeLabel = beforeLabel
    self.afterLabel = afterLabel
  }
}

/// One feature's values for a boxplot panel.
///
/// Non-finite values are ignored and counted in the chart's note.
public struct BoxplotFeature: Sendable, Equatable {
  public var feature: ChartFeature
  /// The values before outlier removal (or the only values).
  public var before: [Double]
  /// The values after outlier removal, drawn beside `before` on the same axis.
  public var after: [Double]?
  /// Whether the value axis is logarithmic (non-positive values are then left out and counted).
  public var logScale: Bool

  public init(
    feature: ChartFeature, before: [Double], after: [Double]? = nil, logScale: Bool = false
  ) {
    self.feature = feature
    self.before = before
    self.after = after
    self.logScale = logScale
  }
}
