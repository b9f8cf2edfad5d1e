/// Builds the report's XHTML-style markup with every piece of text escaped.
struct HTMLWriter {
  private(set) var out = ""

  init() { out.reserveCapacity(256 * 1024) }

  mutating func raw(_ s: String) { out += s }

  /// `<name class="cls">escaped text</name>`.
  mutating func element(_ name: String, _ text: String, cls: String? = nil) {
    out += "<\(name)" + (cls.map { " class=\"\(Markup.escape($0))\"" } ?? "") + ">"
    out += Markup.escape(text) + "</\(name)>\n"
  }

  mutating func open(_ name: String, id: String) {
    out += "<\(name) id=\"\(Markup.escape(id))\">\n"
  }

  mutating func close(_ name: String) { out += "</\(name)>\n" }

  mutating func cell(_ text: String, numeric: Bool = false) {
    out += numeric ? "<td class=\"num\">" : "<td>"
    out += Markup.escape(text) + "</td>"
  }

  /// A table in a horizontally scrolling wrapper.
  mutating func table(_ t: ReportTable, highlightedRow: Int? = nil) {
    out += "<div class=\"table-wrap\">\n<table>\n"
    if let caption = t.caption { out += "<caption>" + Markup.escape(caption) + "</caption>\n" }
    out += "<thead><tr>"
    for (i, header) in t.headers.enumerated() {
      out +=
        t.numericColumns.contains(i) ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">"
      out += Markup.escape(header) + "</th>"
    }
    out += "</tr></thead>\n<tbody>\n"
    let width = max(t.headers.count, t.rows.map(\.count).max() ?? 0)
    for (r, row) in t.rows.enumerated() {
      out += r == highlightedRow ? "<tr class=\"chosen\">" : "<tr>"
      for i in 0..<width {
        cell(i < row.count ? row[i] : "", numeric: t.numericColumns.contains(i))
      }
      out += "</tr>\n"
    }
    out += "</tbody>\n</table>\n</div>\n"
  }

  /// A figure: the chart as inline SVG (no `xmlns`, width from the style sheet) and a caption.
  mutating func figure(_ f: ReportFigure) {
    out += "<figure>\n"
    out += SVGChart.render(f.chart, options: ChartOptions(standalone: false))
    out += "<figcaption>" + Markup.escape(f.caption) + "</figcaption>\n</figure>\n"
  }
}
