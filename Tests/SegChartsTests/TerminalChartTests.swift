import Foundation
import Testing

@testable import SegCharts

@Suite struct TerminalChartTests {
  @Test(arguments: SampleData.charts.map(\.name))
  func plainTextMatchesItsGoldenFile(name: String) throws {
    let chart = try #require(SampleData.charts.first { $0.name == name }).chart
    Golden.check(
      TerminalChart.render(chart, options: TerminalOptions(width: 72)), named: "\(name).txt")
  }

  @Test func colourMatchesItsGoldenFile() {
    let text = TerminalChart.render(
      .profile(SampleData.profile), options: TerminalOptions(width: 60, color: true))
    #expect(text.contains("\u{1B}[38;5;"))
    Golden.check(text, named: "profile-color.ansi")
  }

  @Test(arguments: [40, 57, 80, 132, 200])
  func noLineIsWiderThanTheTerminal(width: Int) {
    for (name, chart) in SampleData.charts {
      for color in [false, true] {
        let text = TerminalChart.render(chart, options: TerminalOptions(width: width, color: color))
        #expect(text.hasSuffix("\n"))
        for line in text.split(separator: "\n") {
          #expect(TerminalChart.visibleWidth(line) <= width, "\(name) at \(width): \(line)")
        }
      }
    }
  }

  @Test func plainOutputHasNoEscapeSequences() {
    for (_, chart) in SampleData.charts {
      #expect(!TerminalChart.render(chart, options: TerminalOptions(width: 80)).contains("\u{1B}"))
    }
  }

  @Test func chartsFillTheWidthTheyAreGiven() {
    for width in [60, 120] {
      let text = TerminalChart.render(
        .elbow(SampleData.elbow), options: TerminalOptions(width: width))
      let widest = text.split(separator: "\n").map(\.count).max() ?? 0
      #expect(widest >= width - 2 && widest <= width)
    }
  }

  @Test func scatterPlotsEveryPointAndNumbersCentroids() {
    let text = TerminalChart.scatter(
      SampleData.scatter, options: TerminalOptions(width: 60, height: 10))
    let rows = text.split(separator: "\n").filter { $0.contains("│") || $0.contains("┤") }
    #expect(rows.count == 10)
    for digit in ["1", "2", "3", "4"] {
      #expect(rows.contains { $0.dropFirst(4).contains(digit) }, "centroid \(digit)")
    }
    #expect(text.contains("1 Champions"))
  }

  @Test func inlineChartsAreSparklineSized() {
    #expect(InlineChart.sparkline([9120, 5210, 3005, 2710, 2500]) == "█▄▂▁▁")
    #expect(InlineChart.sparkline([1, 1, 1]) == "▄▄▄")
    #expect(InlineChart.sparkline([1, .nan, 3]) == "▁ █")
    #expect(InlineChart.sparkline([]) == "")
    #expect(InlineChart.bar(0.5, width: 4) == "██  ")
    #expect(InlineChart.bar(0.01, width: 4) == "▏   ")
    #expect(InlineChart.bar(2, width: 3) == "███")
    #expect(
      InlineChart.kSeries(ks: [2, 3, 4, 5, 6], values: SampleData.elbow.inertia, marked: 4)
        == "█▄▂▁▁\n  ^ k = 4")
    #expect(InlineChart.kSeries(ks: [2, 3], values: [1, 2], marked: nil) == "▁█")
    #expect(
      InlineChart.kSeries(ks: [2, 3], values: [1, 2], marked: 3, color: true).contains("\u{1B}["))
  }

}
