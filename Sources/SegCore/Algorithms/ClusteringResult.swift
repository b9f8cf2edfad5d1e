/// One flat clustering of the rows of a matrix, whatever method produced it.
///
/// Labels are `0..<clusterCount`, numbered in order of first appearance in the rows unless the
/// method documents otherwise (DBSCAN numbers clusters in the order their first core point is
/// met, which is the same thing for core points). Noise points (DBSCAN only) carry
/// ``noiseLabel`` and are counted in ``noiseCount``, not in ``clusterSizes``.
public struct ClusteringResult: Sendable, Equatable {
  /// The clustering method that produced a result.
  public enum Method: String, Sendable, Equatable, CaseIterable {
    /// Lloyd's k-means.
    case kMeans = "kmeans"
    /// Agglomerative clustering with Ward linkage.
    case ward
    /// Density-based clustering (DBSCAN).
    case dbscan
    /// A Gaussian mixture fitted by expectation–maximisation.
    case gaussianMixture = "gmm"
  }

  /// The label of noise points.
  public static let noiseLabel = -1

  /// The method that produced the labels.
  public let method: Method
  /// One label per input row: `0..<clusterCount`, or ``noiseLabel``.
  public let labels: [Int]
  /// The number of clusters, noise excluded.
  public let clusterCount: Int
  /// The number of rows in each cluster, indexed by label.
  public let clusterSizes: [Int]
  /// The number of rows labelled noise.
  public let noiseCount: Int
  /// Plain-language remarks a report should show, such as sampling that took place.
  public let notes: [String]

  /// Creates a result, counting the cluster sizes from the labels.
  ///
  /// - Precondition: every label is in `-1..<clusterCount`.
  public init(method: Method, labels: [Int], clusterCount: Int, notes: [String] = []) {
    var sizes = [Int](repeating: 0, count: clusterCount)
    var noise = 0
    for l in labels {
      if l == Self.noiseLabel {
        noise += 1
      } else {
        precondition(l >= 0 && l < clusterCount, "label \(l) outside 0..<\(clusterCount)")
        sizes[l] += 1
      }
    }
    self.method = method
    self.labels = labels
    self.clusterCount = clusterCount
    self.clusterSizes = sizes
    self.noiseCount = noise
    self.notes = notes
  }

  /// Whether any row is labelled noise.
  public var hasNoise: Bool { noiseCount > 0 }

  /// A copy with one more note.
  public func addingNote(_ note: String) -> ClusteringResult {
    ClusteringResult(
      method: method, labels: labels, clusterCount: clusterCount, notes: notes + [note])
  }
}

/// Relabels `labels` (any non-negative integers, noise kept at -1) to `0..<k` in order of first
/// appearance; returns the new labels and `k`.
func relabelledByFirstAppearance(_ labels: [Int]) -> (labels: [Int], count: Int) {
  var map = [Int: Int]()
  var out = [Int]()
  out.reserveCapacity(labels.count)
  for l in labels {
    if l < 0 {
      out.append(ClusteringResult.noiseLabel)
    } else if let m = map[l] {
      out.append(m)
    } else {
      let m = map.count
      map[l] = m
      out.append(m)
    }
  }
  return (out, map.count)
}
