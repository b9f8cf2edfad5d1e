import Foundation
import SegCore
import SegTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Timings of load and RFM, for `swift test -c release` with `SEG_BENCH=1`; prints, never
/// asserts a time. `SEG_BENCH_FILE` picks the file (default: the shipped data),
/// `SEG_BENCH_REPEAT` the number of runs (the best is printed).
@Suite struct BenchmarkTests {
  static var isEnabled: Bool { ProcessInfo.processInfo.environment["SEG_BENCH"] == "1" }

  static func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
      + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
  }

  static func peakMiB() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss / 1024
  }

  @Test(.enabled(if: isEnabled)) func timesLoadAndRFM() throws {
    let env = ProcessInfo.processInfo.environment
    let path = env["SEG_BENCH_FILE"] ?? RepositoryPaths.exampleData.path
    let repeats = Int(env["SEG_BENCH_REPEAT"] ?? "1") ?? 1
    let clock = ContinuousClock()
    var best = (load: Double.infinity, rfm: Double.infinity, loadCPU: 0.0, rfmCPU: 0.0)
    var summary = ""
    for _ in 0..<repeats {
      let c0 = BenchmarkTests.cpuSeconds()
      let t0 = clock.now
      let loaded = try TableLoader.load(path: path)
      let t1 = clock.now
      let c1 = BenchmarkTests.cpuSeconds()
      print("bench peak RSS after load: \(BenchmarkTests.peakMiB()) MiB")
      let rfm = try RFM.compute(loaded.table, roles: loaded.roles)
      let t2 = clock.now
      let c2 = BenchmarkTests.cpuSeconds()
      let load =
        Double((t1 - t0).components.attoseconds) / 1e18 + Double((t1 - t0).components.seconds)
      let rfmTime =
        Double((t2 - t1).components.attoseconds) / 1e18 + Double((t2 - t1).components.seconds)
      if load + rfmTime < best.load + best.rfm { best = (load, rfmTime, c1 - c0, c2 - c1) }
      summary =
        "rows \(loaded.table.rowCount), customers \(rfm.table.rowCount)\n"
        + loaded.report.summaryText + "\n"
        + rfm.report.summaryText
    }
    print(summary)
    print(
      String(
        format:
          "bench %@: load %.3f s (cpu %.3f), rfm %.3f s (cpu %.3f), total %.3f s, peak RSS %d MiB",
        (path as NSString).lastPathComponent,
        best.load,
        best.loadCPU,
        best.rfm,
        best.rfmCPU,
        best.load + best.rfm,
        BenchmarkTests.peakMiB()
      )
    )
  }
}
