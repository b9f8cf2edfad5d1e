import Foundation
import SegCore
import SegTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Timings of load and RFM, for `swift test -c release` with `SEG_BENCH=1`; prints, never
/// asserts a time. `SEG_BENCH_FILE` picks the file (default: the shipped data).
@Suite struct BenchmarkTests {
  static var isEnabled: Bool { ProcessInfo.processInfo.environment["SEG_BENCH"] == "1" }

  @Test(.enabled(if: isEnabled)) func timesLoadAndRFM() throws {
    let path = ProcessInfo.processInfo.environment["SEG_BENCH_FILE"] ?? RepositoryPaths.exampleData.path
    let clock = ContinuousClock()
    var loaded: LoadedTable?
    let loadTime = try clock.measure { loaded = try TableLoader.load(path: path) }
    let table = try #require(loaded)
    var result: RFMResult?
    let rfmTime = try clock.measure { result = try RFM.compute(table.table, roles: table.roles) }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    print("bench \(path): rows \(table.table.rowCount), customers \(result?.table.rowCount ?? 0)")
    print("bench load \(loadTime), rfm \(rfmTime), peak RSS \(usage.ru_maxrss / 1024) MiB")
    print(table.report.summaryText)
    print(result?.report.summaryText ?? "")
  }
}
