import SegCharts
import SegHistory

extension MigrationData {
  /// The migration chart of a comparison: rows are the previous run's segments, columns the
  /// current run's, counts the customers in both runs.
  ///
  /// Rows and columns are in the comparison's order (the segments both runs have first, in the
  /// same order, so the customers who stayed are on the diagonal). A segment keeps its colour
  /// across the two runs: a current segment's index is its cluster, and a previous segment with
  /// the same name takes that index; a previous segment that has vanished gets an index after
  /// the current ones.
  init(_ comparison: RunComparison) {
    let to = zip(comparison.currentClusters, comparison.currentSegments).map {
      ChartSegment(index: $0, name: $1)
    }
    var next = to.count
    var from: [ChartSegment] = []
    for name in comparison.previousSegments {
      if let j = comparison.currentSegments.firstIndex(of: name) {
        from.append(ChartSegment(index: comparison.currentClusters[j], name: name))
      } else {
        from.append(ChartSegment(index: next, name: name))
        next += 1
      }
    }
    self.init(
      from: from, to: to, counts: comparison.counts,
      fromTitle: "Run \(comparison.previousRunID)", toTitle: "Run \(comparison.currentRunID)")
  }
}

extension MigrationSection {
  /// The report's migration section for a comparison, with a sentence saying which runs it
  /// relates and how many customers arrived and left (they are not in the matrix).
  init(_ comparison: RunComparison) {
    let c = comparison
    let note =
      "Customers in both run \(c.previousRunID) (rows) and run \(c.currentRunID) (columns): "
      + "\(NumberFormatting.count(c.stayerCount)). "
      + "\(NumberFormatting.count(c.arrivedCustomers.count)) arrived and "
      + "\(NumberFormatting.count(c.leftCustomers.count)) left, and are not in the matrix."
    self.init(data: MigrationData(comparison), note: note)
  }
}
