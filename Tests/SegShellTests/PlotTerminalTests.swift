import Foundation
import SegLang
import SegTestSupport
import Testing

/// `plot` on a real terminal.
///
/// The `seg` binary runs a script in tmux, so standard output is a pseudo-terminal of a known
/// width. Charts fill that width and are coloured unless `NO_COLOR` is set.
@Suite(TmuxSession.enabledTrait) struct PlotTerminalTests {
  static let script = """
    load "shop.csv"
    rfm asof=2011-12-10
    plot heatmap
    echo "done"

    """

  /// The transcript of `seg run plot.seg` in a terminal `width` columns wide, with escapes.
  func run(width: Int, extra: [String: String] = [:]) throws -> String {
    let binary = try #require(RepositoryPaths.segBinary, "build seg first")
    let home = try TemporaryDirectory()
    defer { home.cleanup() }
    try FileManager.default.copyItem(
      at: RepositoryPaths.root.appendingPathComponent("Tests/SegEndToEndTests/Scripts/shop.csv"),
      to: home.url.appendingPathComponent("shop.csv"))
    try Data(Self.script.utf8).write(to: home.url.appendingPathComponent("plot.seg"))
    var environment = TmuxSession.hermeticEnvironment(home: home.url)
    environment.merge(extra) { $1 }
    let session = try TmuxSession(
      command: [binary.path, "run", "plot.seg"], width: width, height: 50,
      environment: environment, workingDirectory: home.url)
    defer { session.kill() }
    #expect(try session.waitForExit() == 0)
    return try session.transcriptWithEscapes()
  }

  /// The chart's text at `width` columns (colour escapes removed), rendered in process.
  func expectedChart(width: Int, color: Bool) throws -> String {
    let host = MemoryHost(
      files: [
        "shop.csv": try String(
          contentsOf: RepositoryPaths.root.appendingPathComponent(
            "Tests/SegEndToEndTests/Scripts/shop.csv"), encoding: .utf8)
      ],
      environment: ["COLUMNS": "\(width)"].merging(color ? [:] : ["NO_COLOR": "1"]) { $1 },
      isOutputTerminal: true)
    let source = SourceFile(name: "plot.seg", text: Self.script)
    var workspace = Workspace()
    let compilation = Compilation(source, registry: .standard)
    _ = Interpreter(host: host).run(compilation.script, source: source, workspace: &workspace)
    return Self.chart(in: ANSIText.stripped(host.output))
  }

  /// The lines from the chart's title to the line before `done`.
  static func chart(in text: String) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let start = lines.firstIndex(where: { $0.contains("Recency score by frequency score") }),
      let end = lines.lastIndex(of: "done"), start < end
    else { return "" }
    return lines[start..<end].map { String($0.reversed().drop { $0 == " " }.reversed()) }
      .joined(separator: "\n")
  }

  @Test func theChartFillsTheTerminalWidthInColour() throws {
    let transcript = try run(width: 64)
    #expect(transcript.contains("\u{1B}[38;5;"), "256-colour escapes on a terminal")
    let plain = ANSIText.stripped(transcript)
    let chart = Self.chart(in: plain)
    // tmux wraps lines wider than the pane, so equality also proves no line is wider than 64.
    #expect(chart == (try expectedChart(width: 64, color: true)))
    #expect(chart != (try expectedChart(width: 80, color: true)))
  }

  @Test func noColorTurnsTheColourOff() throws {
    let transcript = try run(width: 64, extra: ["NO_COLOR": "1"])
    #expect(!transcript.contains("\u{1B}[38;5;"))
    #expect(Self.chart(in: transcript) == (try expectedChart(width: 64, color: false)))
  }
}
