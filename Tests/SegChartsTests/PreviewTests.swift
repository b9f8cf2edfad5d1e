import Foundation
import SegCharts
import Testing

@Suite struct PreviewTests {
  @Test func writePreview() throws {
    guard let dir = ProcessInfo.processInfo.environment["SEG_PREVIEW_DIR"] else { return }
    var html = "<html><body style='background:#eee'>"
    for (name, chart) in SampleData.charts {
      let svg = SVGChart.render(chart, options: ChartOptions(standalone: false))
      html += "<h3>\(name)</h3><div style='background:#fff;width:720px'>\(svg)</div>"
      try "<html><body style='margin:0'>\(svg)</body></html>".write(
        toFile: dir + "/\(name).html", atomically: true, encoding: .utf8)
    }
    html += "</body></html>"
    var text = ""
    for (name, chart) in SampleData.charts {
      text += "=== \(name)\n" + TerminalChart.render(chart, options: TerminalOptions(width: 72))
    }
    try text.write(toFile: dir + "/terminal.txt", atomically: true, encoding: .utf8)
    var colored = ""
    for (name, chart) in SampleData.charts {
      colored += "=== \(name)\n" + TerminalChart.render(chart, options: TerminalOptions(width: 72, color: true))
    }
    try SampleReport.document().renderHTML().write(toFile: dir + "/report.html", atomically: true, encoding: .utf8)
    try colored.write(toFile: dir + "/terminal-color.txt", atomically: true, encoding: .utf8)
    try html.write(toFile: dir + "/preview.html", atomically: true, encoding: .utf8)
  }
}
