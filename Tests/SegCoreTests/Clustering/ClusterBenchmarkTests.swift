import Foundation
import SegCore
import Testing

/// The Swift side of `scripts/bench_cluster`: runs only with `SEG_BENCH=1` (build with
/// `-c release`), reads the data the script generated and prints one JSON line per measurement.
/// It asserts nothing about time.
@Suite struct ClusterBenchmarkTests {
  static let enabled = ProcessInfo.processInfo.environment["SEG_BENCH"] == "1"
  /// Seeds per mini-batch measurement: its outcome is multimodal, so one seed says little.
  static let minibatchSeeds = 11

  struct Entry: Decodable {
    let name: String
    let rows: Int
    let cols: Int
  }

  static func emit(_ fields: [String: Any]) {
    var all = fields
    all["bench"] = "cluster"
    all["side"] = "seg"
    if let data = try? JSONSerialization.data(withJSONObject: all, options: [.sortedKeys]),
      let line = String(data: data, encoding: .utf8)
    {
      print(line)
    }
  }

  static func seconds(_ body: () throws -> Void) rethrows -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    try body()
    let d = clock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
  }

  static func readArray<T>(_ url: URL, as: T.Type) throws -> [T] {
    let data = try Data(contentsOf: url)
    return data.withUnsafeBytes { raw in Array(raw.bindMemory(to: T.self)) }
  }

  @Test(.enabled(if: enabled)) func elbowAndSilhouetteTimings() throws {
    let dir = URL(
      fileURLWithPath: ProcessInfo.processInfo.environment["SEG_BENCH_DIR"] ?? "/tmp/seg-bench")
    let manifest = try JSONDecoder().decode(
      [Entry].self, from: Data(contentsOf: dir.appendingPathComponent("manifest.json")))
    let exactLimit =
      Int(ProcessInfo.processInfo.environment["SEG_BENCH_EXACT_SILHOUETTE_MAX"] ?? "") ?? 100_000
    let only = ProcessInfo.processInfo.environment["SEG_BENCH_ONLY"]
    let tasks = Set(
      (ProcessInfo.processInfo.environment["SEG_BENCH_TASKS"] ?? "elbow,silhouette,minibatch")
        .split(separator: ",").map(String.init))
    for entry in manifest where only == nil || entry.name == only {
      let values = try Self.readArray(
        dir.appendingPathComponent("\(entry.name).f64"), as: Double.self)
      let labels = try Self.readArray(
        dir.appendingPathComponent("\(entry.name).labels.i32"), as: Int32.self
      ).map(Int.init)
      let x = try FeatureMatrix(
        values: values, rows: entry.rows, columnNames: (0..<entry.cols).map { "x\($0)" })
      if tasks.contains("minibatch") {
        // Mini-batch k-means at the data's 8 groups, scikit-learn's settings, 11 seeds: the
        // median time and the median inertia (over all rows) are compared.
        var seconds = [Double]()
        var inertias = [Double]()
        var steps = [Int]()
        for seed in 0..<Self.minibatchSeeds {
          var model: ClusterModel?
          seconds.append(
            try Self.seconds {
              model = try MiniBatchKMeansMethod(k: 8, batchSize: 1024, restarts: 3).fit(
                x, seed: UInt64(seed), cancellation: .never)
            })
          inertias.append(model?.quality.inertia ?? .nan)
          steps.append(model?.quality.iterations ?? 0)
        }
        Self.emit([
          "task": "minibatch_k8", "dataset": entry.name,
          "seconds": seconds.sorted()[seconds.count / 2],
          "inertia": inertias.sorted()[inertias.count / 2], "seconds_each": seconds,
          "inertias": inertias, "steps": steps,
        ])
      }
      guard tasks.contains("elbow") || tasks.contains("silhouette") else { continue }
      // "default" is KMeansOptions' defaults; "nojump" is plain k-means++ restarts on all rows,
      // the same algorithm as scikit-learn.
      for (variant, jumps, sample) in [("default", 8, 25_000), ("nojump", 0, nil)]
        as [(String, Int, Int?)]
      {
        for nInit in [1, 10] {
          var inertias = [Double]()
          var perK = [Double]()
          for k in 2...10 {
            let options = KMeansOptions(
              restarts: nInit, seed: 42, jumpRetries: jumps, searchSampleLimit: sample)
            var result: KMeansResult?
            perK.append(try Self.seconds { result = try KMeans.fit(x, k: k, options: options) })
            inertias.append(result?.inertia ?? .nan)
          }
          Self.emit([
            "task": "elbow", "dataset": entry.name, "n_init": nInit, "variant": variant,
            "seconds": perK.reduce(0, +), "per_k_seconds": perK, "inertias": inertias,
          ])
        }
      }
      var sampled: SilhouetteScore?
      let t1 = try Self.seconds {
        sampled = try ClusterValidity.silhouette(x, labels: labels, sampleLimit: 10_000, seed: 42)
      }
      Self.emit([
        "task": "silhouette_sample10k", "dataset": entry.name, "seconds": t1,
        "score": sampled?.score ?? .nan,
      ])
      if entry.rows <= exactLimit {
        var exact: SilhouetteScore?
        let t2 = try Self.seconds { exact = try ClusterValidity.silhouette(x, labels: labels) }
        Self.emit([
          "task": "silhouette_exact", "dataset": entry.name, "seconds": t2,
          "score": exact?.score ?? .nan,
        ])
      }
    }
  }
}
