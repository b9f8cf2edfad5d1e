import SegHistory
import Testing

/// Runs the usage examples of the DocC catalog and of `HistoryStore`, so they cannot rot.
@Suite struct DocumentationExampleTests {
  @Test func theCatalogOverviewExampleRuns() throws {
    let dir = try TemporaryDirectory()
    let data = MonthlyRefresh()
    let store = try HistoryStore(path: dir.path("history.db"))
    _ = try store.save(data.run(month: 0))
    // A run named by `name auto` alone: "Segment 0", "Segment 1", ….
    var run = data.run(month: 1, names: (0..<4).map { "Segment \($0)" })
    // The example, verbatim from SegHistory.md:
    let matching = try store.matchLatest(for: run)
    run.segments = zip(run.segments, matching.names(fallback: run.segmentNames)).map { s, name in
      RunSegment(name: name, centroid: s.centroid, scaledCentroid: s.scaledCentroid)
    }
    let saved = try store.save(run)
    if case .compared(let comparison) = try store.compareLatest() {
      let share = try comparison.share(from: "Champions", to: "At Risk")
      #expect(share > 0 && share < 0.05)
    } else {
      Issue.record("expected a comparison")
    }
    #expect(saved.id == 2)
    #expect(run.segmentNames == (0..<4).map { data.kindName(cluster: $0, month: 1) })
  }
}
