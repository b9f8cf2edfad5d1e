/// A segment as charts show it: its index, which picks its colour, and its name.
///
/// The index is the cluster label, so the same segment has the same colour in every chart
/// (`Palette.color(forSegment:)`); negative indices mean outliers or noise and are grey.
public struct ChartSegment: Sendable, Equatable, Hashable {
  /// The cluster label (0-based); negative for outliers/noise.
  public var index: Int
  /// The display name, `Champions`; any text (it is escaped wherever it is drawn).
  public var name: String

  public init(index: Int, name: String) {
    self.index = index
    self.name = name
  }

  /// The segment's colour.
  public var color: String { Palette.color(forSegment: index) }
}
