/// Renders charts for a terminal: Unicode block and braille characters sized to a given width,
/// with optional ANSI colour.
///
/// Output is plain text ending in a newline; no line is wider than `TerminalOptions.width`
/// columns (escape sequences aside), segment names are stripped of control characters, and the
/// same input always gives the same text.
///
/// ```swift
/// let text = TerminalChart.elbow(ElbowData(ks: [2, 3, 4], inertia: [90, 40, 35], knee: 3),
///                                options: TerminalOptions(width: 60))
/// ```
public enum TerminalChart {
  /// Renders any chart.
  public static func render(_ chart: ChartData, options: TerminalOptions = TerminalOptions())
    -> String
  {
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
}

/// Collects the lines of one terminal chart.
struct TerminalText {
  let style: TerminalStyle
  let width: Int
  private(set) var lines: [String] = []

  init(options: TerminalOptions, kind: ChartKind) {
    style = TerminalStyle(color: options.color)
    width = options.columns
    let title = Markup.terminalSafe(options.title ?? kind.defaultTitle)
    lines.append(style.bold(TextMetrics.truncate(title, columns: width)))
  }

  /// Appends dimmed text, wrapped at spaces to `width` (words longer than a line are cut).
  mutating func note(_ s: String) {
    for line in Self.wrap(Markup.terminalSafe(s), width: width) { lines.append(style.dim(line)) }
  }

  /// Appends a line that the caller has already fitted to `width`.
  mutating func line(_ s: String) { lines.append(s) }

  mutating func blank() { lines.append("") }

  /// The lines joined, trailing spaces removed, ending in a newline.
  var text: String {
    lines.map { line in
      var l = Substring(line)
      while l.last == " " { l = l.dropLast() }
      return String(l)
    }.joined(separator: "\n") + "\n"
  }

  /// `s` broken at spaces into lines of at most `width` characters, keeping leading
  /// indentation on the first line.
  static func wrap(_ s: String, width: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    let indent = String(s.prefix { $0 == " " })
    for word in s.dropFirst(indent.count).split(separator: " ", omittingEmptySubsequences: true) {
      let w = TextMetrics.truncate(String(word), columns: width)
      if current.isEmpty {
        current = lines.isEmpty ? indent + w : w
      } else if current.count + 1 + w.count <= width {
        current += " " + w
      } else {
        lines.append(current)
        current = w
      }
    }
    if !current.isEmpty || lines.isEmpty {
      lines.append(TextMetrics.truncate(current, columns: width))
    }
    return lines
  }
}

/// A segment name fitted to `columns` for a terminal label.
func terminalName(_ s: String, _ columns: Int) -> String {
  TextMetrics.pad(TextMetrics.truncate(Markup.terminalSafe(s), columns: columns), columns)
}
