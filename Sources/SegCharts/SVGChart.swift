/// Renders charts as standalone, deterministic, accessible SVG documents.
///
/// Every chart has a title, a `<title>` and `<desc>` for screen readers, labelled axes with
/// units, nice-number ticks, a legend naming the segments in their `Palette` colours, and
/// escaped text. The same input always gives the same bytes: coordinates print with one
/// decimal, numbers without the locale, and nothing random or time-dependent is included.
/// Large inputs are sampled or binned to at most `ChartOptions.maxMarks` marks, and the chart
/// says so in a note under its title.
///
/// ```swift
/// let svg = SVGChart.elbow(ElbowData(ks: [2, 3, 4], inertia: [90, 40, 35], knee: 3))
/// ```
public enum SVGChart {
  /// Renders any chart.
  public static func render(_ chart: ChartData, options: ChartOptions = .default) -> String {
    switch chart {
    case .box(let d): boxplot(d, options: options)
    case .hist(let d): histogram(d, options: options)
    case .elbow(let d): elbow(d, options: options)
    case .silhouette(let d): silhouetteCurve(d, options: options)
    case .silhouetteDiagram(let d): silhouetteDiagram(d, options: options)
    case .profile(let d): profile(d, options: options)
    case .snake(let d): snake(d, options: options)
    case .heatmap(let d): heatmap(d, options: options)
    case .scatter(let d): scatter(d, options: options)
    case .sizes(let d): sizes(d, options: options)
    case .migration(let d): migration(d, options: options)
    }
  }

  /// A chart frame with only a title and a message, for input with nothing to draw.
  static func empty(
    kind: ChartKind, options: ChartOptions, message: String = "No data to plot."
  ) -> String {
    let width = options.chartWidth
    var svg = SVGWriter(width: width, height: 120)
    let title = options.title ?? kind.defaultTitle
    svg.header(title: title, notes: [], legend: [])
    svg.text(
      message, x: width / 2, y: 80, anchor: .middle, size: 13, fill: SVGWriter.mutedInk,
      cls: "empty")
    return svg.document(title: title, description: message, standalone: options.standalone)
  }
}
