/// Input for `profile` (average feature values per segment, one panel per feature) and `snake`
/// (standardized feature means per segment as lines).
public struct ProfileData: Sendable, Equatable {
  /// The features, one value per feature in every series.
  public var features: [ChartFeature]
  /// One series per segment, in display order.
  public var segments: [SegmentSeries]

  /// The title when none is given: the standard one names monetary value, so a profile without a
  /// monetary feature (a log without money) gets a neutral one.
  public var defaultTitle: String {
    features.contains { $0.name == ChartFeature.monetary.name }
      ? ChartKind.profile.defaultTitle : "Segment profiles: average feature values"
  }

  public init(features: [ChartFeature], segments: [SegmentSeries]) {
    self.features = features
    self.segments = segments
  }
}

/// One segment's values, one per feature: raw means for `profile`, z-score means for `snake`.
public struct SegmentSeries: Sendable, Equatable {
  public var segment: ChartSegment
  /// One value per feature; missing trailing values and non-finite values draw nothing.
  public var values: [Double]

  public init(segment: ChartSegment, values: [Double]) {
    self.segment = segment
    self.values = values
  }

  public init(index: Int, name: String, values: [Double]) {
    self.init(segment: ChartSegment(index: index, name: name), values: values)
  }
}
