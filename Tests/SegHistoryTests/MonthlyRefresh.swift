import Foundation
import SegCore
import SegHistory

/// Synthetic data shaped like monthly refreshes of an RFM segmentation: four runs (as of
/// 2011-09-01, 2011-10-01, 2011-11-01 and 2011-12-10) over a customer base where some customers
/// arrive later, some leave, a few change kind, and every kind's centre drifts slightly.
///
/// Clusters are the true kinds, but numbered in a different order in every run (as k-means
/// would number them), so a test can check that names follow the kind of customer, not the
/// cluster number. December adds a fifth kind, "New", that did not exist before.
struct MonthlyRefresh {
  /// A kind of customer: its true name and its centre (recency days, frequency, monetary).
  struct Kind {
    var name: String
    var centre: [Double]
    /// Per-month drift of the centre.
    var drift: [Double]
  }

  static let kinds = [
    Kind(name: "Champions", centre: [10, 20, 5000], drift: [1, -0.3, 40]),
    Kind(name: "Loyal", centre: [45, 8, 1800], drift: [1.5, -0.1, 15]),
    Kind(name: "At Risk", centre: [160, 4, 900], drift: [2, 0, -10]),
    Kind(name: "Lost", centre: [310, 1.5, 250], drift: [3, 0, 0]),
    Kind(name: "New", centre: [6, 1, 320], drift: [0, 0, 0]),
  ]
  static let spread: [Double] = [6, 2, 300]
  static let asofs = ["2011-09-01", "2011-10-01", "2011-11-01", "2011-12-10"]
  static let featureNames = ["recency", "frequency", "monetary"]

  /// One month's customers: id → kind index, in id order.
  var months: [[(id: String, kind: Int)]] = []
  /// Customers who changed from Champions (kind 0) to At Risk (kind 2) in each month (index
  /// 1...3), as ids.
  var championsToAtRisk: [[String]] = [[], [], [], []]

  init() {
    var rng = SeededGenerator(seed: 2011)
    // 240 customers in September: 60 of each of the first four kinds.
    var current: [(id: String, kind: Int)] = (0..<240).map { i in
      (id: String(format: "C%04d", i), kind: i % 4)
    }
    months.append(current)
    var nextID = 240
    for month in 1..<4 {
      // 4 customers leave, drawn at random.
      for _ in 0..<4 { current.remove(at: rng.nextInt(below: current.count)) }
      // 2 Champions become At Risk.
      var moved = 0
      for i in current.indices where current[i].kind == 0 && moved < 2 {
        if rng.nextInt(below: 10) == 0 {
          current[i].kind = 2
          championsToAtRisk[month].append(current[i].id)
          moved += 1
        }
      }
      // 12 customers arrive, of the first four kinds; in December 30 more of kind "New".
      for j in 0..<12 {
        current.append((id: String(format: "C%04d", nextID), kind: j % 4))
        nextID += 1
      }
      if month == 3 {
        for _ in 0..<30 {
          current.append((id: String(format: "C%04d", nextID), kind: 4))
          nextID += 1
        }
      }
      months.append(current)
    }
  }

  /// The cluster number of `kind` in `month`: a rotation that differs every month.
  static func cluster(ofKind kind: Int, month: Int, k: Int) -> Int {
    (kind + month * 3) % k
  }

  /// The run for `month` (0...3), with segments named `names[cluster]`, or the true kind names
  /// when `names` is nil.
  func run(month: Int, names: [String]? = nil) -> RunRecord {
    var rng = SeededGenerator(seed: UInt64(100 + month))
    let members = months[month]
    let kindsPresent = Set(members.map(\.kind)).count
    let k = kindsPresent
    let d = Self.featureNames.count
    var features: [Double] = []
    features.reserveCapacity(members.count * d)
    for m in members {
      let kind = Self.kinds[m.kind]
      for j in 0..<d {
        let centre = kind.centre[j] + Double(month) * kind.drift[j]
        features.append(max(0, centre + Self.spread[j] * normal(&rng)))
      }
    }
    let clusters = members.map { Self.cluster(ofKind: $0.kind, month: month, k: k) }
    // z-scores over this run's customers (population standard deviation).
    let n = Double(members.count)
    var mean = [Double](repeating: 0, count: d)
    var sd = [Double](repeating: 0, count: d)
    for i in members.indices { for j in 0..<d { mean[j] += features[i * d + j] / n } }
    for i in members.indices {
      for j in 0..<d {
        sd[j] += (features[i * d + j] - mean[j]) * (features[i * d + j] - mean[j]) / n
      }
    }
    sd = sd.map { $0.squareRoot() }
    var centroid = [Double](repeating: 0, count: k * d)
    var scaled = [Double](repeating: 0, count: k * d)
    var size = [Int](repeating: 0, count: k)
    for (i, c) in clusters.enumerated() {
      size[c] += 1
      for j in 0..<d {
        centroid[c * d + j] += features[i * d + j]
        scaled[c * d + j] += (features[i * d + j] - mean[j]) / sd[j]
      }
    }
    for c in 0..<k {
      for j in 0..<d {
        centroid[c * d + j] /= Double(size[c])
        scaled[c * d + j] /= Double(size[c])
      }
    }
    let trueNames = (0..<k).map { c in
      Self.kinds[
        (0..<Self.kinds.count).first { Self.cluster(ofKind: $0, month: month, k: k) == c } ?? 0
      ].name
    }
    let segmentNames = names ?? trueNames
    let segments = (0..<k).map { c in
      RunSegment(
        name: segmentNames[c], centroid: Array(centroid[c * d..<(c + 1) * d]),
        scaledCentroid: Array(scaled[c * d..<(c + 1) * d]))
    }
    let revenue = members.indices.map { features[$0 * d + 2] }
    return RunRecord(
      createdAt: Date(timeIntervalSince1970: 1_314_835_200 + Double(month) * 2_678_400),
      asof: Self.asofs[month], segVersion: "0.1.0",
      script: "param asof: date = 2011-12-10\nload \"online_retail.csv.gz\"\nrfm asof=$asof\n",
      inputFile: "online_retail.csv.gz", inputSHA256: SHA256.hex(Array("month \(month)".utf8)),
      parameters: ["asof": Self.asofs[month]], seed: 42, method: "kmeans",
      featureNames: Self.featureNames, segments: segments,
      customers: RunCustomers(
        ids: members.map(\.id), features: features, revenue: revenue, clusters: clusters))
  }

  /// The true kind name of cluster `c` of `month`.
  func kindName(cluster c: Int, month: Int) -> String {
    let k = Set(months[month].map(\.kind)).count
    let kind = (0..<Self.kinds.count).first { Self.cluster(ofKind: $0, month: month, k: k) == c }
    return Self.kinds[kind ?? 0].name
  }

  /// A standard normal draw (Box–Muller).
  private func normal(_ rng: inout SeededGenerator) -> Double {
    let u1 = max(rng.nextUnitDouble(), 1e-300)
    let u2 = rng.nextUnitDouble()
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }
}

/// A fresh path in a per-test temporary directory (removed by the caller's `defer`).
struct TemporaryDirectory: ~Copyable {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "seg-history-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  deinit { try? FileManager.default.removeItem(at: url) }
}
