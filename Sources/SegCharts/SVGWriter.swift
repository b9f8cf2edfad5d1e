/// Builds one SVG document as text: deterministic coordinates, escaped text, no ids.
///
/// Charts never use `id` attributes or `<defs>`, because several charts are inlined into one
/// HTML report, where ids would collide.
struct SVGWriter {
  private(set) var body = ""
  let width: Double
  let height: Double

  static let fontFamily = "Helvetica, Arial, sans-serif"
  static let ink = "#222222"
  static let mutedInk = "#555555"
  static let gridColor = "#E3E3E3"
  static let axisColor = "#666666"
  /// Marks that belong to no segment (feature distributions): a slate blue-grey.
  static let neutralMark = "#5F7A94"

  init(width: Double, height: Double) {
    self.width = width
    self.height = height
    body.reserveCapacity(16_384)
  }

  /// The finished document.
  ///
  /// `standalone` adds the XML namespace that a `.svg` file needs; HTML hosts inline SVG
  /// without it.
  func document(title: String, description: String, standalone: Bool) -> String {
    let w = NumberText.coordinate(width)
    let h = NumberText.coordinate(height)
    var out = "<svg"
    if standalone { out += " xmlns=\"http://www.w3.org/2000/svg\"" }
    out += " width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" role=\"img\""
    out += " font-family=\"\(Self.fontFamily)\" font-size=\"12\" fill=\"\(Self.ink)\">\n"
    out += "<title>\(Markup.escape(title))</title>\n"
    out += "<desc>\(Markup.escape(description))</desc>\n"
    out += "<rect class=\"background\" width=\"\(w)\" height=\"\(h)\" fill=\"#FFFFFF\"/>\n"
    out += body
    out += "</svg>\n"
    return out
  }

  /// Appends one element, self-closing or wrapping escaped `text` and a `<title>` tooltip.
  ///
  /// Attributes whose value is `nil` are left out; values are escaped.
  mutating func element(
    _ name: String, _ attributes: [(String, String?)], text: String? = nil,
    tooltip: String? = nil
  ) {
    body += "<" + name
    for (key, value) in attributes {
      guard let value else { continue }
      body += " " + key + "=\"" + Markup.escape(value) + "\""
    }
    if text == nil && tooltip == nil {
      body += "/>\n"
      return
    }
    body += ">"
    if let tooltip { body += "<title>" + Markup.escape(tooltip) + "</title>" }
    if let text { body += Markup.escape(text) }
    body += "</" + name + ">\n"
  }

  mutating func openGroup(_ attributes: [(String, String?)]) {
    body += "<g"
    for (key, value) in attributes {
      guard let value else { continue }
      body += " " + key + "=\"" + Markup.escape(value) + "\""
    }
    body += ">\n"
  }

  mutating func closeGroup() {
    body += "</g>\n"
  }

  mutating func rect(
    x: Double, y: Double, width: Double, height: Double, fill: String,
    stroke: String? = nil, strokeWidth: Double? = nil, opacity: Double? = nil,
    cls: String? = nil, tooltip: String? = nil
  ) {
    element(
      "rect",
      [
        ("class", cls), ("x", c(x)), ("y", c(y)), ("width", c(max(0, width))),
        ("height", c(max(0, height))), ("fill", fill), ("fill-opacity", opacity.map(c2)),
        ("stroke", stroke), ("stroke-width", strokeWidth.map(c)),
      ], tooltip: tooltip)
  }

  mutating func line(
    x1: Double, y1: Double, x2: Double, y2: Double, stroke: String,
    width: Double = 1, dash: String? = nil, cls: String? = nil
  ) {
    element(
      "line",
      [
        ("class", cls), ("x1", c(x1)), ("y1", c(y1)), ("x2", c(x2)), ("y2", c(y2)),
        ("stroke", stroke), ("stroke-width", width == 1 ? nil : c(width)),
        ("stroke-dasharray", dash),
      ])
  }

  enum Anchor: String {
    case start, middle, end
  }

  mutating func text(
    _ s: String, x: Double, y: Double, anchor: Anchor = .start, size: Double? = nil,
    weight: String? = nil, fill: String? = nil, rotate: Double? = nil, cls: String? = nil,
    tooltip: String? = nil
  ) {
    element(
      "text",
      [
        ("class", cls), ("x", c(x)), ("y", c(y)),
        ("text-anchor", anchor == .start ? nil : anchor.rawValue), ("font-size", size.map(c)),
        ("font-weight", weight), ("fill", fill),
        ("transform", rotate.map { "rotate(\(c($0)) \(c(x)) \(c(y)))" }),
      ], text: s, tooltip: tooltip)
  }

  mutating func circle(
    cx: Double, cy: Double, r: Double, fill: String, stroke: String? = nil,
    strokeWidth: Double? = nil, cls: String? = nil, tooltip: String? = nil
  ) {
    element(
      "circle",
      [
        ("class", cls), ("cx", c(cx)), ("cy", c(cy)), ("r", c(r)), ("fill", fill),
        ("stroke", stroke), ("stroke-width", strokeWidth.map(c)),
      ], tooltip: tooltip)
  }

  mutating func path(
    _ d: String, fill: String = "none", stroke: String? = nil, strokeWidth: Double? = nil,
    opacity: Double? = nil, extra: [(String, String?)] = [], cls: String? = nil,
    tooltip: String? = nil
  ) {
    element(
      "path",
      [
        ("class", cls), ("d", d), ("fill", fill), ("fill-opacity", opacity.map(c2)),
        ("stroke", stroke), ("stroke-width", strokeWidth.map(c)),
      ] + extra, tooltip: tooltip)
  }

  /// A polyline path `M x y L x y …` through `points`.
  static func polyline(_ points: [(Double, Double)]) -> String {
    var d = ""
    for (i, p) in points.enumerated() {
      d += (i == 0 ? "M" : "L") + c(p.0) + " " + c(p.1)
    }
    return d
  }
}

/// A coordinate with one decimal.
func c(_ x: Double) -> String { NumberText.coordinate(x) }

/// An opacity or fraction with two decimals.
func c2(_ x: Double) -> String {
  NumberText.fixed(min(1, max(0, x)), decimals: 2, grouping: false)
}
