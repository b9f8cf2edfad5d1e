/// Input for the silhouette diagram of one clustering: per-sample silhouette values drawn as
/// sorted bands, one band per segment, with the mean as a line.
public struct SilhouetteDiagramData: Sendable, Equatable {
  /// The silhouette value of each sample, in -1...1.
  public var values: [Double]
  /// The segment index of each sample (same length as `values`).
  public var labels: [Int]
  /// The segments in display order (top to bottom); samples whose label is not listed are
  /// drawn as a grey "Other" band.
  public var segments: [ChartSegment]
  /// The mean silhouette to mark; `nil` computes it from `values` (in index order).
  public var mean: Double?

  public init(values: [Double], labels: [Int], segments: [ChartSegment], mean: Double? = nil) {
    self.values = values
    self.labels = labels
    self.segments = segments
    self.mean = mean
  }

  /// The finite values per listed segment, in `segments` order, then an "Other" group
  /// (index -1) for unlisted labels; empty groups are left out.
  func groups() -> [(segment: ChartSegment, values: [Double])] {
    let n = min(values.count, labels.count)
    var groups: [(segment: ChartSegment, values: [Double])] = segments.map { ($0, []) }
    var position: [Int: Int] = [:]
    for (i, s) in segments.enumerated() where position[s.index] == nil { position[s.index] = i }
    var other: [Double] = []
    for i in 0..<n where values[i].isFinite {
      if let g = position[labels[i]] {
        groups[g].values.append(values[i])
      } else {
        other.append(values[i])
      }
    }
    if !other.isEmpty { groups.append((ChartSegment(index: -1, name: "Other"), other)) }
    return groups.filter { !$0.values.isEmpty }
  }
}
