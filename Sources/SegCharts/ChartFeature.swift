/// A measured quantity as charts show it: its name, unit and number format.
///
/// Axis titles read `name (unit)`, e.g. `Recency (days)`; the format prints its ticks, bar
/// labels and table cells.
public struct ChartFeature: Sendable, Equatable, Hashable {
  /// The display name, `Recency`.
  public var name: String
  /// The unit for axis titles, `days`; `nil` or empty for unitless values such as z-scores.
  public var unit: String?
  /// How values print.
  public var format: ValueFormat

  public init(name: String, unit: String? = nil, format: ValueFormat = .automatic) {
    self.name = name
    self.unit = unit
    self.format = format
  }

  /// Days since the last purchase.
  public static let recency = ChartFeature(name: "Recency", unit: "days", format: .integer)
  /// Number of invoices.
  public static let frequency = ChartFeature(
    name: "Frequency", unit: "invoices", format: .number(decimals: 1))
  /// Total spend in pounds sterling.
  public static let monetary = ChartFeature(name: "Monetary", unit: "£", format: .pounds)

  var axisTitle: String { SegCharts.axisTitle(name, unit: unit) }
}
