/// Which feature columns play the recency, frequency and monetary roles.
public struct RFMRoles: Sendable, Equatable {
  /// The recency column (days since last purchase: lower is better), or `nil`.
  public var recency: String?
  /// The frequency column (higher is better), or `nil`.
  public var frequency: String?
  /// The monetary column (higher is better), or `nil`.
  public var monetary: String?

  /// Creates roles from column names.
  public init(recency: String?, frequency: String?, monetary: String?) {
    self.recency = recency
    self.frequency = frequency
    self.monetary = monetary
  }

  /// The roles found among `columnNames`: a name equal to `recency`, `frequency` or `monetary`
  /// (ignoring case) wins; otherwise the first name containing that word (`log_monetary`).
  public static func detect(in columnNames: [String]) -> RFMRoles {
    func find(_ word: String) -> String? {
      columnNames.first { $0.lowercased() == word }
        ?? columnNames.first { $0.lowercased().contains(word) }
    }
    return RFMRoles(
      recency: find("recency"), frequency: find("frequency"), monetary: find("monetary"))
  }
}

/// A segment name proposed for a cluster, with the one-line reason.
public struct SegmentName: Sendable, Equatable {
  /// The cluster label.
  public let cluster: Int
  /// The proposed name, from the RFM segment vocabulary, or `Segment N` (N = label + 1).
  public let name: String
  /// Why, e.g. `recency 0.91 (recent), frequency 0.88 (frequent), monetary 0.90 (high spend)`.
  public let reason: String
}

/// Names clusters from the RFM segment vocabulary (`name auto`).
///
/// **Standing.** For each of recency, frequency and monetary that is among the features, a
/// cluster's standing is the mean percentile rank of its customers in the whole population
/// (average ranks for ties, `(rank − ½) / n`, so the population's standing is 0.5); for recency
/// the rank is reversed, so 1 means "bought most recently".
///
/// **Names.** Each name of the vocabulary is a prototype standing (Champions ≈ 0.8–0.85 on all
/// three, Lost ≈ 0.12–0.2, At Risk = lapsed but frequent and big-spending, ...; cluster means of
/// ranks rarely reach the extremes, so neither do the prototypes) that needs some
/// roles to be meaningful (nothing is "New" without recency and frequency). The cost of giving a
/// cluster a name is the mean squared difference between its standing and the prototype over the
/// roles present. Names are assigned by minimum total cost (Hungarian method), so no two clusters
/// share a name; ties resolve to the earlier cluster and the earlier name in the vocabulary. Any
/// cluster left without a name (more clusters than applicable names, or no RFM role present) is
/// called `Segment N`.
public enum SegmentNamer {
  struct Prototype {
    let name: String
    let recency: Double
    let frequency: Double
    let monetary: Double
    // Which roles must be present for the name to mean anything.
    let needsRecency: Bool
    let needsFrequencyOrMonetary: Bool
    let needsFrequency: Bool
    let onlyWithoutRecency: Bool
  }

  /// The vocabulary, in tie-break order.
  static let vocabulary: [Prototype] = [
    .init(
      name: "Champions", recency: 0.8, frequency: 0.85, monetary: 0.85, needsRecency: false,
      needsFrequencyOrMonetary: false, needsFrequency: false, onlyWithoutRecency: false),
    .init(
      name: "Loyal Customers", recency: 0.6, frequency: 0.7, monetary: 0.65, needsRecency: false,
      needsFrequencyOrMonetary: true, needsFrequency: false, onlyWithoutRecency: false),
    .init(
      name: "Potential Loyalist", recency: 0.75, frequency: 0.5, monetary: 0.5, needsRecency: true,
      needsFrequencyOrMonetary: true, needsFrequency: false, onlyWithoutRecency: false),
    .init(
      name: "New Customers", recency: 0.85, frequency: 0.2, monetary: 0.25, needsRecency: true,
      needsFrequencyOrMonetary: false, needsFrequency: true, onlyWithoutRecency: false),
    .init(
      name: "Promising", recency: 0.65, frequency: 0.3, monetary: 0.35, needsRecency: true,
      needsFrequencyOrMonetary: true, needsFrequency: false, onlyWithoutRecency: false),
    .init(
      name: "Need Attention", recency: 0.5, frequency: 0.5, monetary: 0.5, needsRecency: false,
      needsFrequencyOrMonetary: false, needsFrequency: false, onlyWithoutRecency: false),
    .init(
      name: "About To Sleep", recency: 0.4, frequency: 0.35, monetary: 0.35, needsRecency: true,
      needsFrequencyOrMonetary: false, needsFrequency: false, onlyWithoutRecency: false),
    .init(
      name: "At Risk", recency: 0.3, frequency: 0.65, monetary: 0.65, needsRecency: true,
      needsFrequencyOrMonetary: true, needsFrequency: false, onlyWithoutRecency: false),
    .init(
      name: "Can't Lose Them", recency: 0.15, frequency: 0.8, monetary: 0.8, needsRecency: true,
      needsFrequencyOrMonetary: true, needsFrequency: false, onlyWithoutRecency: false),
    .init(
      name: "Hibernating", recency: 0.3, frequency: 0.3, monetary: 0.3, needsRecency: true,
      needsFrequencyOrMonetary: false, needsFrequency: false, onlyWithoutRecency: false),
    .init(
      name: "Lost", recency: 0.12, frequency: 0.2, monetary: 0.15, needsRecency: true,
      needsFrequencyOrMonetary: false, needsFrequency: false, onlyWithoutRecency: false),
    .init(
      name: "Low Value", recency: 0.5, frequency: 0.2, monetary: 0.2, needsRecency: false,
      needsFrequencyOrMonetary: true, needsFrequency: false, onlyWithoutRecency: true),
  ]

  /// Proposes a distinct name for every cluster label `0..<k` of `labels`.
  ///
  /// - Parameters:
  ///   - original: The features (any units: only ranks matter), one row per labelled customer.
  ///   - labels: Cluster labels in `0..<k`.
  ///   - roles: Which columns are recency, frequency and monetary; detected from the names by
  ///     default. Roles naming a column that is not in `original` are ignored.
  /// - Throws: ``AnalysisError/emptyMatrix``; ``AnalysisError/shapeMismatch(what:expected:actual:)``
  ///   when the labels do not match the rows or a label is negative.
  public static func names(original: FeatureMatrix, labels: [Int], roles: RFMRoles? = nil)
    throws(AnalysisError) -> [SegmentName]
  {
    let n = original.rows
    guard n > 0 else { throw .emptyMatrix }
    guard labels.count == n else {
      throw .shapeMismatch(what: "labels", expected: n, actual: labels.count)
    }
    guard let minLabel = labels.min(), minLabel >= 0 else {
      throw .shapeMismatch(what: "smallest label", expected: 0, actual: labels.min() ?? -1)
    }
    let k = (labels.max() ?? 0) + 1
    let roles = roles ?? RFMRoles.detect(in: original.columnNames)
    let columns = [roles.recency, roles.frequency, roles.monetary].map { name in
      name.flatMap { original.columnIndex(named: $0) }
    }
    // standing[role][cluster], nil for an absent role.
    var standing = [[Double]?](repeating: nil, count: 3)
    var sizes = [Int](repeating: 0, count: k)
    for l in labels { sizes[l] += 1 }
    for role in 0..<3 {
      guard let j = columns[role] else { continue }
      let ranks = Statistics.averageRanks(original.column(j))
      var sums = [Double](repeating: 0, count: k)
      for (i, l) in labels.enumerated() { sums[l] += (ranks[i] - 0.5) / Double(n) }
      standing[role] = (0..<k).map { l in
        let s = sizes[l] > 0 ? sums[l] / Double(sizes[l]) : 0.5
        return role == 0 ? 1 - s : s
      }
    }
    let hasR = standing[0] != nil
    let hasF = standing[1] != nil
    let hasM = standing[2] != nil
    guard hasR || hasF || hasM else {
      return (0..<k).map {
        SegmentName(
          cluster: $0, name: "Segment \($0 + 1)",
          reason: "no recency, frequency or monetary feature")
      }
    }
    let usable = vocabulary.filter { p in
      (!p.needsRecency || hasR) && (!p.needsFrequency || hasF)
        && (!p.needsFrequencyOrMonetary || hasF || hasM) && (!p.onlyWithoutRecency || !hasR)
    }
    var cost = [[Double]](repeating: [Double](repeating: 0, count: usable.count), count: k)
    for l in 0..<k {
      for (t, p) in usable.enumerated() {
        var s = 0.0
        var count = 0.0
        for (role, target) in [p.recency, p.frequency, p.monetary].enumerated() {
          guard let st = standing[role] else { continue }
          let diff = st[l] - target
          s += diff * diff
          count += 1
        }
        cost[l][t] = s / count
      }
    }
    let assignment = OptimalAssignment.minimizingCost(
      cost.flatMap { $0.map { $0.isFinite ? $0 : 1e9 } }, rows: cost.count,
      columns: cost.first?.count ?? 0)
    return (0..<k).map { l in
      let parts = (0..<3).compactMap { role -> String? in
        guard let st = standing[role] else { return nil }
        let roleName = ["recency", "frequency", "monetary"][role]
          return "\(roleName) \(format(st[l])) (\(describe(role, st[l])))"
      }
      let detail = parts.joined(separator: ", ")
      if let t = assignment[l] {
        return SegmentName(cluster: l, name: usable[t].name, reason: detail)
      }
      return SegmentName(
        cluster: l, name: "Segment \(l + 1)", reason: detail + "; no unused segment name fits")
    }
  }

  static func describe(_ role: Int, _ s: Double) -> String {
    let words = [
      ["lapsed", "mid recency", "recent"], ["infrequent", "average frequency", "frequent"],
      ["low spend", "average spend", "high spend"],
    ]
    return words[role][s >= 2.0 / 3 ? 2 : (s <= 1.0 / 3 ? 0 : 1)]
  }

  static func format(_ v: Double) -> String {
    ReportFormatting.fixed(v, digits: 2)
  }
}
