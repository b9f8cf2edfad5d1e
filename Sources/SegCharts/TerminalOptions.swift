/// Options for terminal charts: the width to fill and whether to use ANSI colour.
///
/// The caller decides both: pass the terminal's width, and `color: false` when `NO_COLOR` is set
/// or output is not a terminal. Without colour every chart still reads (segments are told apart
/// by their row labels or legend numbers).
public struct TerminalOptions: Sendable, Equatable {
  /// The width in columns, at least 40.
  ///
  /// No line is longer (ANSI escapes aside).
  public var width: Int
  /// Whether to colour with ANSI 256-colour escape sequences.
  public var color: Bool
  /// Plot rows for the charts that have a vertical axis (histogram, scatter); `nil` uses 8
  /// for histograms and 16 for scatter plots.
  public var height: Int?
  /// A title replacing the chart's default one.
  public var title: String?

  public init(width: Int = 80, color: Bool = false, height: Int? = nil, title: String? = nil) {
    self.width = width
    self.color = color
    self.height = height
    self.title = title
  }

  var columns: Int { max(40, width) }
}
