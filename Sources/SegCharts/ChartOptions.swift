/// Rendering options shared by every SVG chart.
public struct ChartOptions: Sendable, Equatable {
  /// The chart width in SVG user units (pixels at 100 %), at least 320.
  ///
  /// Heights follow from the content.
  public var width: Int
  /// A title replacing the chart's default one.
  public var title: String?
  /// Whether the SVG is a standalone file (with `xmlns`); HTML reports inline it without.
  public var standalone: Bool
  /// The most individual point marks a chart draws (scatter points, silhouette samples,
  /// boxplot outliers per box use a tenth of it); beyond it, charts sample or bin and say so.
  public var maxMarks: Int
  /// The seed for sampling points when there are more than `maxMarks`.
  public var seed: UInt64

  public init(
    width: Int = 720, title: String? = nil, standalone: Bool = true, maxMarks: Int = 5000,
    seed: UInt64 = 42
  ) {
    self.width = width
    self.title = title
    self.standalone = standalone
    self.maxMarks = maxMarks
    self.seed = seed
  }

  /// 720 units wide, standalone, at most 5,000 marks, seed 42.
  public static let `default` = ChartOptions()

  var chartWidth: Double { Double(max(320, width)) }
}
