import Foundation
import SegCore
import Testing

@testable import SegHistory

/// Four monthly refreshes saved to one history file, named through the matcher as a script
/// with `save "history.db"` will do.
@Suite struct MonthlyRefreshTests {
  let data = MonthlyRefresh()

  /// Saves the four months; month 0 is named by kind, later months by matching, with
  /// "Segment c" as the fallback name.
  func saveFourMonths(to store: HistoryStore) throws -> [SavedRun] {
    var saved: [SavedRun] = []
    for month in 0..<4 {
      var run = data.run(month: month)
      if month > 0 {
        let matching = try store.matchLatest(for: run)
        let names = matching.names(fallback: (0..<run.k).map { "Segment \($0)" })
        run = data.run(month: month, names: names)
      }
      saved.append(try store.save(run))
    }
    return saved
  }

  @Test func everyRunIsStoredAndListed() throws {
    let dir = try TemporaryDirectory()
    let store = try HistoryStore(path: dir.path("history.db"))
    let saved = try saveFourMonths(to: store)
    #expect(saved.map(\.id) == [1, 2, 3, 4])
    let runs = try store.runs()
    #expect(runs.map(\.id) == [1, 2, 3, 4])
    #expect(runs.map(\.asof) == MonthlyRefresh.asofs)
    #expect(runs.map(\.k) == [4, 4, 4, 5])
    #expect(runs.map(\.customerCount) == data.months.map(\.count))
    #expect(runs.map(\.customerCount) == [240, 248, 256, 294])
    #expect(runs.allSatisfy { $0.method == "kmeans" && $0.inputFile == "online_retail.csv.gz" })
    #expect(runs[0].createdAt == Date(timeIntervalSince1970: 1_314_835_200))
    #expect(try store.latestRunID() == 4)
  }

  @Test func namesStayWithTheSameKindOfCustomer() throws {
    let dir = try TemporaryDirectory()
    let store = try HistoryStore(path: dir.path("history.db"))
    let saved = try saveFourMonths(to: store)
    for month in 1..<4 {
      let stored = try store.run(id: saved[month].id)
      let matching = saved[month].matching
      #expect(matching.previousRunID == saved[month - 1].id)
      #expect(matching.flagged.isEmpty)
      for c in 0..<stored.record.k where data.kindName(cluster: c, month: month) != "New" {
        #expect(stored.record.segments[c].name == data.kindName(cluster: c, month: month))
        #expect(matching.matches[c].status == .matched)
        #expect((matching.matches[c].distance ?? .infinity) < 0.5)
      }
      // Cluster numbers really did change, so the names moved with the customers.
      #expect(
        stored.record.segmentNames != (try store.run(id: saved[month - 1].id).record.segmentNames))
    }
    // December's new kind is reported as a new cluster under its fallback name.
    let december = saved[3].matching
    let newCluster = MonthlyRefresh.cluster(ofKind: 4, month: 3, k: 5)
    #expect(december.newClusters == [newCluster])
    #expect(december.vanished.isEmpty)
    #expect(try store.run(id: 4).record.segments[newCluster].name == "Segment \(newCluster)")
    // The matching is stored with the run and read back.
    #expect(try store.run(id: 4).matching == december)
    #expect(try store.run(id: 1).matching == SegmentMatcher.unmatched(k: 4))
  }

  @Test func migrationMatricesAccountForEveryCustomer() throws {
    let dir = try TemporaryDirectory()
    let store = try HistoryStore(path: dir.path("history.db"))
    _ = try saveFourMonths(to: store)
    for month in 1..<4 {
      let c = try store.compare(previous: month, current: month + 1)
      let before = try store.run(id: month).record
      let after = try store.run(id: month + 1).record
      let columns = c.currentSegments.count
      // Rows plus leavers are the previous sizes; columns plus arrivals the current sizes.
      for (i, cluster) in c.previousClusters.enumerated() {
        #expect(c.rowTotal(i) + c.left[i] == before.profiles[cluster].size)
      }
      for (j, cluster) in c.currentClusters.enumerated() {
        let profile = after.profiles[cluster]
        let columnTotal = c.previousSegments.indices.map { c.counts[$0 * columns + j] }.reduce(0, +)
        #expect(columnTotal + c.arrived[j] == profile.size)
      }
      let previousIDs = Set(data.months[month - 1].map(\.id))
      let currentIDs = Set(data.months[month].map(\.id))
      #expect(Set(c.arrivedCustomers) == currentIDs.subtracting(previousIDs))
      #expect(Set(c.leftCustomers) == previousIDs.subtracting(currentIDs))
      #expect(c.stayerCount == previousIDs.intersection(currentIDs).count)
      #expect(c.arrivedCustomers.count == (month == 3 ? 42 : 12))
      #expect(c.leftCustomers.count == 4)
      // Row shares sum to 1 for every row with stayers.
      let shares = c.rowShares
      for i in c.previousSegments.indices where c.rowTotal(i) > 0 {
        let sum = shares[i * columns..<(i + 1) * columns].reduce(0, +)
        #expect(abs(sum - 1) < 1e-12)
      }
      // moved(Champions, At Risk) counts exactly the customers the generator moved.
      let champions = try #require(c.previousSegments.firstIndex(of: "Champions"))
      let movers = data.championsToAtRisk[month].count
      let moved = try c.share(from: "Champions", to: "At Risk")
      #expect(moved == Double(movers) / Double(c.rowTotal(champions)))
      #expect(movers == 2 && moved > 0 && moved < 0.05)
      // Size and revenue changes agree with the profiles.
      for change in c.changes where change.inPrevious && change.inCurrent {
        let p = try #require(before.profiles.first { $0.name == change.name })
        let a = try #require(after.profiles.first { $0.name == change.name })
        #expect(change.sizeChange == a.size - p.size)
        #expect(change.revenueChange == a.revenue - p.revenue)
      }
    }
  }

  @Test func decemberArrivalsOfANewKindFormTheNewSegment() throws {
    let dir = try TemporaryDirectory()
    let store = try HistoryStore(path: dir.path("history.db"))
    _ = try saveFourMonths(to: store)
    let outcome = try store.compareLatest()
    let c = try #require(outcome.comparison)
    #expect(c.previousRunID == 3 && c.currentRunID == 4)
    let newCluster = MonthlyRefresh.cluster(ofKind: 4, month: 3, k: 5)
    let name = "Segment \(newCluster)"
    let column = try #require(c.currentClusters.firstIndex(of: newCluster))
    #expect(c.arrived[column] == 30)
    let change = try #require(c.changes.first { $0.name == name })
    #expect(change.isNew && change.previousSize == 0 && change.currentSize == 30)
    #expect(c.changes.last?.name == name)
    #expect(c.changes.filter(\.hasVanished).isEmpty)
  }

  @Test func aRunLoadsBackAsItWasSaved() throws {
    let dir = try TemporaryDirectory()
    let store = try HistoryStore(path: dir.path("history.db"))
    let run = data.run(month: 0)
    let id = try store.save(run).id
    let stored = try store.run(id: id)
    #expect(stored.record == run)
    #expect(stored.record.scriptSHA256 == SHA256.hex(run.script.utf8))
    let table = stored.table
    #expect(
      table.columnNames == [
        "customer", "recency", "frequency", "monetary", "revenue", "cluster", "segment",
      ])
    #expect(table.rowCount == 240)
    #expect(table["customer"]?.text(at: 7) == "C0007")
    #expect(
      table["segment"]?.text(at: 7) == data.kindName(cluster: run.customers.clusters[7], month: 0))
    #expect(table["recency"]?.doubles?[7] == run.customers.features[7 * 3])
  }

  @Test func theFirstRunHasNothingToCompareWith() throws {
    let dir = try TemporaryDirectory()
    let store = try HistoryStore(path: dir.path("history.db"))
    #expect(try store.compareLatest() == .noRuns)
    _ = try store.save(data.run(month: 0))
    #expect(try store.compareLatest() == .firstRun(runID: 1))
    #expect(try store.compareLatest().comparison == nil)
  }

  @Test func movedNamesAnUnknownSegment() throws {
    let dir = try TemporaryDirectory()
    let store = try HistoryStore(path: dir.path("history.db"))
    _ = try saveFourMonths(to: store)
    let c = try store.compare(previous: 1, current: 2)
    let error = #expect(throws: HistoryError.self) { try c.share(from: "Champs", to: "At Risk") }
    #expect(error?.code == .unknownSegment)
    #expect(error?.message.hasPrefix("run 1 has no segment 'Champs' (it has 'Champions'") == true)
    let other = #expect(throws: HistoryError.self) { try c.share(from: "Champions", to: "Gone") }
    #expect(other?.message.hasPrefix("run 2 has no segment 'Gone'") == true)
  }

  @Test func loadingAMissingRunNamesTheRange() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path("history.db")
    let store = try HistoryStore(path: path)
    let empty = #expect(throws: HistoryError.self) { try store.run(id: 1) }
    #expect(empty == HistoryError(.noSuchRun, "'\(path)' has no run 1 (it has no runs)"))
    _ = try saveFourMonths(to: store)
    let error = #expect(throws: HistoryError.self) { try store.run(id: 9) }
    #expect(error == HistoryError(.noSuchRun, "'\(path)' has no run 9 (its runs are 1…4)"))
  }

  @Test func featuresThatDifferMakeEveryClusterNew() throws {
    let dir = try TemporaryDirectory()
    let store = try HistoryStore(path: dir.path("history.db"))
    _ = try store.save(data.run(month: 0))
    var run = data.run(month: 1)
    run.featureNames = ["recency", "frequency", "spend"]
    let matching = try store.matchLatest(for: run)
    #expect(matching.featuresDiffer && matching.previousRunID == 1)
    #expect(matching.mapping == [nil, nil, nil, nil])
    #expect(Set(matching.vanished) == ["Champions", "Loyal", "At Risk", "Lost"])
  }

  @Test func featuresInAnotherOrderAreAlignedByName() throws {
    let dir = try TemporaryDirectory()
    let store = try HistoryStore(path: dir.path("history.db"))
    _ = try store.save(data.run(month: 0))
    let run = data.run(month: 1)
    let reversed = run.segments.flatMap { $0.scaledCentroid.reversed() }
    let matching = try store.matchLatest(
      featureNames: run.featureNames.reversed(), scaledCentroids: reversed)
    #expect(matching.mapping == (0..<4).map { data.kindName(cluster: $0, month: 1) })
  }
}
