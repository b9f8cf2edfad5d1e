import Foundation
import SegCore
import SegTestSupport
import Testing

@testable import SegLang

/// Scripts on a streamed log (no rows kept by `load`) print and export exactly what they do on a
/// log loaded into memory, whichever way `rfm` gets its answer: the load's sums, another
/// streaming pass, or the rows read again.
@Suite struct StreamedLoadTests {
  static func sample() throws -> [UInt8] {
    [UInt8](
      try Data(
        contentsOf: RepositoryPaths.root.appendingPathComponent(
          "Tests/SegCoreTests/Fixtures/retail_sample.csv")))
  }

  /// Output, export and the transactions table kept, with or without streaming.
  func run(_ script: String, streaming: Bool) throws -> (String, [UInt8]?, Bool) {
    let host = MemoryHost(environment: streaming ? ["SEG_STREAM_THRESHOLD": "0"] : [:])
    try host.writeFileAtomically(try StreamedLoadTests.sample(), toPath: "log.csv")
    let source = SourceFile(name: "test.seg", text: script)
    let compilation = Compilation(source)
    #expect(!compilation.hasErrors)
    var workspace = Workspace()
    let outcome = Interpreter(host: host).run(
      compilation.script, source: source, workspace: &workspace)
    if case .stopped(let e) = outcome { Issue.record("stopped: \(e.diagnostic.message)") }
    return (host.output, host.file(atPath: "out.csv"), workspace.streamed != nil)
  }

  /// A gzip file counts four times its size against the threshold: the 44 KB sample streams at
  /// a 150 KB threshold, the 278 KB plain text does not at 300 KB.
  @Test func aGzipFileCountsFourTimesItsSize() throws {
    let fixtures = RepositoryPaths.root.appendingPathComponent("Tests/SegCoreTests/Fixtures")
    for (file, threshold, streams) in [
      ("retail_sample.csv.gz", 150_000, true), ("retail_sample.csv.gz", 200_000, false),
      ("retail_sample.csv", 300_000, false),
    ] {
      let host = MemoryHost(environment: ["SEG_STREAM_THRESHOLD": String(threshold)])
      let bytes = [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(file)))
      try host.writeFileAtomically(bytes, toPath: file)
      let source = SourceFile(name: "test.seg", text: "load \"\(file)\"\n")
      var workspace = Workspace()
      let outcome = Interpreter(host: host).run(
        Compilation(source).script, source: source, workspace: &workspace)
      if case .stopped(let e) = outcome { Issue.record("stopped: \(e.diagnostic.message)") }
      #expect((workspace.streamed != nil) == streams, "\(file) at \(threshold)")
    }
  }

  @Test(arguments: [
    // The load's sums.
    ("rfm top=0", true),
    // Another pass for a past asof; the top groups of the whole log for an asof after it.
    ("rfm asof=2011-01-15 top=3", true),
    ("rfm asof=2012-01-01 top=2", true),
    ("rfm", true),
    // clv from the customer days the load kept, before and after rfm.
    ("clv unit=week end=2011-09-09 holdout=2011-12-08", true),
    ("rfm top=0\nclv unit=day horizon=30 discount=0.001", true),
    // The rows, read again for the filter.
    ("filter Country == \"United Kingdom\"\nrfm", false),
  ])
  func aStreamedLogGivesTheSameOutputAndExport(commands: String, staysStreamed: Bool) throws {
    let script = "load \"log.csv\"\n\(commands)\nexport \"out.csv\"\n"
    let (output, export, _) = try run(script, streaming: false)
    let (streamedOutput, streamedExport, stillStreamed) = try run(script, streaming: true)
    #expect(streamedOutput == output)
    #expect(export != nil)
    #expect(streamedExport == export)
    #expect(stillStreamed == staysStreamed)
  }
}
