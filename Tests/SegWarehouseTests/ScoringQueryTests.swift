import Foundation
import GRDB
import SegCore
import Testing

@testable import SegWarehouse

/// The scoring query's rules on hand-made cases, run in SQLite (in-process): ties go to the first
/// centroid, the outlier rule is strict, undefined features give no label, and every literal
/// reads back as the same double.
@Suite struct ScoringQueryTests {
  /// One feature `x`, centroids at 0 and 2 (clustered space), a z<3 rule with mean 1, sd 1.
  static func query(transform: FeatureTransform? = nil) -> ScoringQuery {
    ScoringQuery(
      source: .table("t"), features: ["x"], transform: transform,
      transformColumns: transform == nil ? [] : ["x"], centroids: [0, 2], names: ["Low", "Can't Lose"],
      outlierRules: [
        .init(
          columns: ["x"], transform: nil, transformColumns: [],
          bounds: .zScore(centers: [1], scales: [1], threshold: 3))
      ],
      outliersNearest: false, outlierLabel: -2, outlierName: "Outliers")
  }

  static func labels(_ q: ScoringQuery, _ rows: [(Int, Double?)]) throws -> [Int: [String?]] {
    let db = try DatabaseQueue()
    try db.write { db in
      try db.execute(sql: "CREATE TABLE t (customer INTEGER, x REAL)")
      for (c, x) in rows {
        try db.execute(sql: "INSERT INTO t VALUES (?, ?)", arguments: [c, x])
      }
    }
    return try db.read { db in
      var out: [Int: [String?]] = [:]
      for row in try Row.fetchAll(db, sql: q.select(.sqlite)) {
        let cluster: Int? = row["cluster"]
        let segment: String? = row["segment"]
        out[row["customer"]] = [cluster.map(String.init), segment]
      }
      return out
    }
  }

  @Test func aTieGoesToTheFirstCentroidAndTheOutlierRuleIsStrict() throws {
    let got = try Self.labels(Self.query(), [(1, 1.0), (2, 1.5), (3, 0.5), (4, 4.0), (5, -2.0), (6, nil)])
    #expect(got[1] == ["0", "Low"])  // equally far from 0 and 2
    #expect(got[2] == ["1", "Can't Lose"])
    #expect(got[3] == ["0", "Low"])
    #expect(got[4] == ["-2", "Outliers"])  // z = 3 exactly: not below the limit
    #expect(got[5] == ["-2", "Outliers"])  // z = -3
    #expect(got[6] == ["-2", "Outliers"])  // missing: set aside, as seg's NaN
  }

  @Test func aNegativeValueUnderLogGetsNoLabel() throws {
    // ln(1 + x) for x >= 0; seg refuses negative values, so the query gives no cluster.
    let got = try Self.labels(Self.query(transform: .log1p), [(1, -0.5), (2, 2.0)])
    #expect(got[1] == [nil, nil])
    #expect(got[2] == ["1", "Can't Lose"])  // ln 3 ≈ 1.0986 is nearer 2 than 0
  }

  @Test(arguments: [0.1, -0.1, 1e-05, 0.20210228705876754, 93.22658052607291, 3.0, -0.0, 5e20])
  func everyLiteralReadsBackAsTheSameDouble(x: Double) throws {
    let db = try DatabaseQueue()
    let text = SQLDialect.sqlite.number(x)
    let back = try db.read { try Double.fetchOne($0, sql: "SELECT \(text)") }
    #expect(back == x, "\(text)")
    for d in [SQLDialect.postgres, .duckdb, .spark] {
      let literal = d.number(x)
      let inner = literal.split(separator: "'").dropFirst().first.map(String.init) ?? ""
      #expect(Double(inner) == x, "\(literal)")
    }
  }
}
