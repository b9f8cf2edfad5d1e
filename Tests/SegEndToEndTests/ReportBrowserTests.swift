import Foundation
import SegTestSupport
import Testing

/// The report in a real browser: headless Chromium renders it to a PNG and dumps its DOM.
///
/// The report is the shop session's with every section: the charts of `PlotFileTests`, after a
/// first run three months earlier was saved, so that it ends with the migration between the two.
/// `scripts/test` installs Debian's `chromium`; without a browser the tests are skipped and say
/// why.
@Suite(
  .enabled(if: Browser.executable != nil, "no chromium, chromium-browser or google-chrome on PATH"))
struct ReportBrowserTests {
  static let script =
    """
    load "shop.csv"
    rfm asof=2011-09-01
    filter z<3
    transform log
    scale
    cluster k=4
    name auto
    save "history.db"

    """
    + PlotFileTests.script.replacingOccurrences(
      of: "report \"report.html\"", with: "save \"history.db\"\ncompare\nreport \"report.html\"")

  /// Writes the report with the binary and returns its directory (`report.html` inside).
  static func report() throws -> URL {
    let (directory, result) = try PlotFileTests.run(script)
    #expect(result.status == 0, "\(result.stderr)")
    return directory
  }

  @Test func theReportRendersAsAFullPageWithoutConsoleErrors() throws {
    let directory = try Self.report()
    defer { try? FileManager.default.removeItem(at: directory) }
    let page = directory.appendingPathComponent("report.html")
    let shot = directory.appendingPathComponent("report.png")
    let run = try Browser.screenshot(page, to: shot, width: 1200, height: 2400)
    #expect(run.status == 0, "\(run.log)")
    let png = try Data(contentsOf: shot)
    let size = try #require(PNGHeader.size(of: png), "not a PNG")
    #expect(size.width == 1200 && size.height == 2400)
    #expect(Browser.consoleErrors(in: run.log).isEmpty, "\(Browser.consoleErrors(in: run.log))")

    // A blank page of the same size compresses to almost nothing; the report does not.
    let blank = directory.appendingPathComponent("blank.html")
    try Data("<!DOCTYPE html><html><body></body></html>".utf8).write(to: blank)
    let blankShot = directory.appendingPathComponent("blank.png")
    _ = try Browser.screenshot(blank, to: blankShot, width: 1200, height: 2400)
    let blankPNG = try Data(contentsOf: blankShot)
    #expect(png.count > 5 * blankPNG.count, "report \(png.count) bytes, blank \(blankPNG.count)")
  }

  @Test func theConsoleCheckCatchesAPageWithAnError() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "seg-bad-page-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let page = directory.appendingPathComponent("bad.html")
    try Data("<html><body><script>console.error('boom'); missing();</script></body></html>".utf8)
      .write(to: page)
    let run = try Browser.dumpDOM(page)
    let errors = Browser.consoleErrors(in: run.log)
    #expect(errors.contains { $0.contains("boom") })
    #expect(errors.contains { $0.contains("Uncaught ReferenceError") })
  }

  @Test func theRenderedDOMHasEverySectionAndItsCharts() throws {
    let directory = try Self.report()
    defer { try? FileManager.default.removeItem(at: directory) }
    let run = try Browser.dumpDOM(directory.appendingPathComponent("report.html"))
    #expect(run.status == 0, "\(run.log)")
    let dom = run.output
    for id in [
      "provenance", "data-quality", "distributions", "choosing-k", "segments", "migration", "notes",
    ] {
      #expect(dom.contains("<section id=\"\(id)\""), "\(id)")
    }
    // 11 charts (the migration chart last), each an inline SVG.
    #expect(dom.components(separatedBy: "<svg").count - 1 == 11)
    #expect(dom.contains("Champions"))
    #expect(Browser.consoleErrors(in: run.log).isEmpty, "\(Browser.consoleErrors(in: run.log))")
  }
}

/// Headless Chromium, run with a fresh profile and no network or background activity.
enum Browser {
  /// The first of `chromium`, `chromium-browser` and `google-chrome` on `PATH`.
  static let executable: URL? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for name in ["chromium", "chromium-browser", "google-chrome"] {
      for directory in path.split(separator: ":") {
        let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      }
    }
    return nil
  }()

  struct Run {
    var status: Int32
    /// Standard output (the DOM for `--dump-dom`).
    var output: String
    /// Standard error: Chromium's log, with page console messages.
    var log: String
  }

  static func screenshot(_ page: URL, to png: URL, width: Int, height: Int) throws -> Run {
    try run(["--screenshot=\(png.path)", "--window-size=\(width),\(height)", page.absoluteString])
  }

  static func dumpDOM(_ page: URL) throws -> Run {
    try run(["--dump-dom", page.absoluteString])
  }

  /// The lines of the log that report a page error.
  ///
  /// Those are console messages (`INFO:CONSOLE:1] "…"` or `CONSOLE(1)` in the log at `--v=0`,
  /// depending on the version), uncaught exceptions, refused resources and failed loads. The
  /// report has no scripts, so any console line is an error.
  static func consoleErrors(in log: String) -> [String] {
    log.split(separator: "\n").map(String.init).filter { line in
      [":CONSOLE", "CONSOLE(", "Uncaught", "Refused to", "net::ERR_"].contains {
        line.contains($0)
      }
    }
  }

  /// Runs the browser with `arguments`, killing it after 120 seconds.
  static func run(_ arguments: [String]) throws -> Run {
    let executable = try #require(executable)
    let profile = FileManager.default.temporaryDirectory.appendingPathComponent(
      "seg-chromium-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: profile) }
    let p = Process()
    p.executableURL = executable
    p.arguments =
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0",
      ] + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["HOME"] = profile.path
    p.environment = environment
    // The log goes to a file, so only one pipe needs draining.
    let logURL = profile.appendingPathComponent("chromium.log")
    _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
    let log = try FileHandle(forWritingTo: logURL)
    let out = Pipe()
    p.standardOutput = out
    p.standardError = log
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let watchdog = DispatchWorkItem { if p.isRunning { p.terminate() } }
    DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(120), execute: watchdog)
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    watchdog.cancel()
    try log.close()
    return Run(
      status: p.terminationStatus, output: String(decoding: outData, as: UTF8.self),
      log: (try? String(contentsOf: logURL, encoding: .utf8)) ?? "")
  }
}

/// The width and height in a PNG's IHDR chunk.
enum PNGHeader {
  static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

  /// `nil` unless `data` starts with the PNG signature and an IHDR chunk.
  static func size(of data: Data) -> (width: Int, height: Int)? {
    let bytes = [UInt8](data.prefix(24))
    guard bytes.count == 24, Array(bytes[0..<8]) == signature,
      Array(bytes[12..<16]) == Array("IHDR".utf8)
    else { return nil }
    func int(_ at: Int) -> Int {
      bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) }
    }
    return (int(16), int(20))
  }
}
