public import Foundation

/// Everything seg stores about one segmentation run: provenance, parameters, the clustering and
/// every customer's assignment.
///
/// The library reads no clock: the caller passes ``createdAt``. A record is validated by
/// ``validated()`` before it is written; ``HistoryStore/save(_:threshold:duringSave:)`` does that
/// itself.
///
/// ```swift
/// let run = RunRecord(
///   createdAt: Date(timeIntervalSince1970: 1_323_475_200), asof: "2011-12-10",
///   segVersion: "0.1.0", script: "rfm asof=$asof\n", inputFile: "online_retail.csv.gz",
///   inputSHA256: SHA256.hex(Array("…".utf8)), parameters: ["asof": "2011-12-10"],
///   seed: 42, method: "kmeans", featureNames: ["recency", "frequency", "monetary"],
///   segments: segments, customers: customers)
/// ```
public struct RunRecord: Sendable, Equatable {
  /// When the run happened, supplied by the caller (stored to the millisecond, UTC).
  public var createdAt: Date
  /// The as-of date of the analysis, `yyyy-MM-dd`.
  public var asof: String
  /// The version of seg that made the run.
  public var segVersion: String
  /// The full text of the script that made the run.
  public var script: String
  /// The name of the input file as the script gave it (not resolved to an absolute path).
  public var inputFile: String
  /// The lowercase hex SHA-256 of the input file's bytes (see ``SHA256``), or empty if unknown.
  public var inputSHA256: String
  /// The script's parameters after defaults and overrides, name → value as text.
  public var parameters: [String: String]
  /// The random seed the clustering used.
  public var seed: UInt64
  /// The clustering method, such as `kmeans`.
  public var method: String
  /// The feature names, in the order of the feature values in centroids and customer rows.
  public var featureNames: [String]
  /// The segments, indexed by cluster; `segments.count` is k.
  public var segments: [RunSegment]
  /// Every customer's features, revenue and cluster.
  public var customers: RunCustomers

  /// Creates a record; see the properties for the conventions.
  public init(
    createdAt: Date, asof: String, segVersion: String, script: String, inputFile: String,
    inputSHA256: String, parameters: [String: String], seed: UInt64, method: String,
    featureNames: [String], segments: [RunSegment], customers: RunCustomers
  ) {
    self.createdAt = createdAt
    self.asof = asof
    self.segVersion = segVersion
    self.script = script
    self.inputFile = inputFile
    self.inputSHA256 = inputSHA256
    self.parameters = parameters
    self.seed = seed
    self.method = method
    self.featureNames = featureNames
    self.segments = segments
    self.customers = customers
  }

  /// The number of clusters.
  public var k: Int { segments.count }

  /// The lowercase hex SHA-256 of the script's UTF-8 text.
  public var scriptSHA256: String { SHA256.hex(script.utf8) }

  /// The segment names, indexed by cluster.
  public var segmentNames: [String] { segments.map(\.name) }

  /// Each customer's segment name, in customer order.
  public var customerSegments: [String] {
    let names = segmentNames
    return customers.clusters.map { names.indices.contains($0) ? names[$0] : "" }
  }

  /// Size, revenue and feature means of every segment, indexed by cluster.
  ///
  /// Sums run in customer order; NaN feature values and NaN revenue are skipped. An empty
  /// segment has size 0, revenue 0 and NaN means.
  /// - Complexity: O(customers × features).
  public var profiles: [SegmentProfile] {
    let d = featureNames.count
    var sizes = [Int](repeating: 0, count: k)
    var revenue = [Double](repeating: 0, count: k)
    var sums = [Double](repeating: 0, count: k * d)
    var counts = [Int](repeating: 0, count: k * d)
    for (i, c) in customers.clusters.enumerated() where (0..<k).contains(c) {
      sizes[c] += 1
      let r = customers.revenue[i]
      if !r.isNaN { revenue[c] += r }
      for j in 0..<d {
        let v = customers.features[i * d + j]
        if !v.isNaN {
          sums[c * d + j] += v
          counts[c * d + j] += 1
        }
      }
    }
    return segments.enumerated().map { c, segment in
      SegmentProfile(
        cluster: c, name: segment.name, size: sizes[c], revenue: revenue[c],
        means: (0..<d).map { j in
          counts[c * d + j] == 0 ? .nan : sums[c * d + j] / Double(counts[c * d + j])
        })
    }
  }

  /// This record, after checking that it can be stored and compared.
  ///
  /// - Throws: ``HistoryError/Code/invalidRun`` for the first problem found: an as-of date that
  ///   is not `yyyy-MM-dd`, no features or duplicate feature names, no segments, an empty or
  ///   duplicate segment name, a centroid of the wrong length or with a non-finite value, rows
  ///   of different lengths, a cluster outside `0..<k`, or a duplicate customer id. Messages do
  ///   not quote customer ids.
  public func validated() throws(HistoryError) -> RunRecord {
    func fail(_ message: String) -> HistoryError { HistoryError(.invalidRun, message) }
    guard Timestamp.isCalendarDate(asof) else {
      throw fail("the as-of date '\(asof)' is not a date of the form yyyy-MM-dd")
    }
    let d = featureNames.count
    guard d > 0 else { throw fail("a run needs at least one feature") }
    guard Set(featureNames).count == d else { throw fail("feature names must be distinct") }
    guard k > 0 else { throw fail("a run needs at least one segment") }
    var seen: Set<String> = []
    for (c, segment) in segments.enumerated() {
      guard !segment.name.isEmpty else { throw fail("cluster \(c) has an empty segment name") }
      guard seen.insert(segment.name).inserted else {
        throw fail("two clusters are both named '\(segment.name)'")
      }
      guard segment.centroid.count == d, segment.scaledCentroid.count == d else {
        throw fail("the centroid of '\(segment.name)' does not have \(d) values")
      }
      guard segment.centroid.allSatisfy(\.isFinite), segment.scaledCentroid.allSatisfy(\.isFinite)
      else { throw fail("the centroid of '\(segment.name)' has a value that is not finite") }
    }
    let n = customers.ids.count
    guard customers.features.count == n * d, customers.revenue.count == n,
      customers.clusters.count == n
    else {
      throw fail(
        "customer rows disagree: \(n) ids, \(customers.features.count) feature values "
          + "(\(d) per customer), \(customers.revenue.count) revenues, "
          + "\(customers.clusters.count) clusters")
    }
    if let bad = customers.clusters.first(where: { !(0..<k).contains($0) }) {
      throw fail("cluster \(bad) is outside 0..<\(k)")
    }
    let distinct = Set(customers.ids).count
    guard distinct == n else {
      throw fail("\(n - distinct) customer ids appear more than once")
    }
    return self
  }
}
