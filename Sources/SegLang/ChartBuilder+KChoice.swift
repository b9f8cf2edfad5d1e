import SegCharts
import SegCore

extension ChartBuilder {
  /// `elbow`: inertia by k from the last `elbow` sweep, else `choose`, else `silhouette`.
  func elbow() throws(RuntimeError) -> ElbowData {
    let sweeps = workspace.sweeps
    if let e = sweeps.elbow { return ElbowData(ks: e.ks, inertia: e.inertias, knee: e.knee) }
    if let c = sweeps.choice {
      return ElbowData(
        ks: c.candidates.map(\.k), inertia: c.candidates.map(\.inertia), knee: c.knee)
    }
    if let s = sweeps.silhouette { return ElbowData(ks: s.ks, inertia: s.inertias) }
    throw RuntimeError(.nothingToPlot, "no elbow sweep yet", at: range)
      .withHelp("run one first: elbow 2..10")
  }

  /// `silhouette`: the mean silhouette by k from the last `silhouette` sweep, else `choose`; the
  /// fitted k (else the best one) is marked.
  func silhouetteCurve() throws(RuntimeError) -> SilhouetteCurveData {
    let sweeps = workspace.sweeps
    let ks: [Int]
    let scores: [Double]
    var best: Int?
    if let s = sweeps.silhouette {
      (ks, scores, best) = (s.ks, s.scores, s.bestK)
    } else if let c = sweeps.choice {
      (ks, scores, best) = (c.candidates.map(\.k), c.candidates.map(\.silhouette), c.recommendedK)
    } else {
      throw RuntimeError(.nothingToPlot, "no silhouette sweep yet", at: range)
        .withHelp(
          "run one first (silhouette 2..10), or draw one clustering's silhouettes: plot silhouette k=4"
        )
    }
    let fitted = workspace.model.map(\.k).flatMap { ks.contains($0) ? $0 : nil }
    return SilhouetteCurveData(ks: ks, scores: scores, chosen: fitted ?? best)
  }

  /// A silhouette diagram and what it shows.
  struct SilhouetteDiagram {
    var data: SilhouetteDiagramData
    /// Whether the labels are those of the fitted model (else a fresh k-means fit).
    var isFitted: Bool
    /// Customers the values were computed for, and customers in the table.
    var rowsUsed: Int
    var rows: Int
  }

  /// The silhouette of each customer for `k` clusters.
  ///
  /// The clusters are the fitted model's when it has `k` (DBSCAN noise left out), else a fresh
  /// k-means fit with `k` and the session seed on the same features. Above
  /// ``silhouetteSampleLimit`` customers, a seeded sample.
  func silhouetteDiagram(k: Int, kAt: SourceRange) throws(RuntimeError) -> SilhouetteDiagram {
    let seed = workspace.seed
    var matrix: FeatureMatrix
    var labels: [Int]
    var segments: [ChartSegment]
    let isFitted: Bool
    if let model = workspace.alignedModel, model.k == k,
      let table = table(named: model.tableName)
    {
      matrix = try workingMatrix(of: table, named: model.tableName, columns: model.featureNames)
      labels = model.labels
      let kept = labels.indices.filter { labels[$0] >= 0 }
      if kept.count < labels.count {
        matrix = matrix.gathering(rows: kept)
        labels = kept.map { labels[$0] }
      }
      segments = (0..<k).map { ChartSegment(index: $0, name: model.name(ofLabel: $0)) }
      isFitted = true
    } else {
      guard k >= 2 else {
        throw RuntimeError(.invalidClusterCount, "k must be at least 2, got \(k)", at: kAt)
          .withHelp("silhouettes compare 2 or more clusters: plot silhouette k=4")
      }
      let table = try currentTable()
      let name = workspace.tableName ?? Workspace.customersTable
      let columns = workspace.features.columns
      matrix = try workingMatrix(of: table, named: name, columns: columns)
      let fit: ClusterModel
      do {
        fit = try KMeansMethod(k: k).fit(matrix, seed: seed, cancellation: .never)
      } catch {
        throw SegmentationErrors.analysis(error, at: kAt, table: table, what: "customers")
      }
      labels = fit.labels
      segments = (0..<k).map { ChartSegment(index: $0, name: SegmentationModel.defaultName($0)) }
      isFitted = false
    }
    let samples: SilhouetteSamples
    do {
      samples = try ClusterValidity.silhouetteSamples(
        matrix, labels: labels, sampleLimit: Self.silhouetteSampleLimit, seed: seed)
    } catch {
      throw SegmentationErrors.analysis(error, at: kAt, what: "customers")
    }
    return SilhouetteDiagram(
      data: SilhouetteDiagramData(
        values: samples.values, labels: samples.labels, segments: segments),
      isFitted: isFitted, rowsUsed: samples.rows.count, rows: samples.totalRows)
  }
}
