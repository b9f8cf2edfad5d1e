import Foundation
import Testing

@testable import SegCore

@Suite struct TSNEEmbeddingTests {
  struct Fixture: Decodable {
    struct Run: Decodable {
      let embedding: [Double]
      let kl: Double
      let trustworthiness: Double
    }
    struct Case: Decodable {
      let data: String
      let exact: [String: [Double]]
      let sparsePerplexity: Double
      let sparseRowStart: [Int]
      let sparseColumns: [Int]
      let sparseValues: [Double]
      let exactRun: Run
      let barnesHutRun: Run

      enum CodingKeys: String, CodingKey {
        case data, exact, sparsePerplexity, sparseRowStart, sparseColumns, sparseValues
        case exactRun = "exact_run"
        case barnesHutRun = "barnes_hut"
      }
    }
    let cases: [Case]
  }

  static let fixture = Result { try AlgosFixtures.json("tsne", as: Fixture.self) }

  func data() throws -> (AlgosFixtures.Matrix, Fixture.Case) {
    let c = try #require(try Self.fixture.get().cases.first)
    return (try AlgosFixtures.matrix(c.data), c)
  }

  @Test(arguments: [30.0, 10.0, 5.5])
  func jointProbabilitiesMatchScikitLearn(perplexity: Double) throws {
    let (x, c) = try data()
    let expected = try #require(c.exact["\(perplexity)"])
    let joint = TSNEAffinities.exactJoint(
      PointMatrix(trusted: x.values, rows: x.rows, cols: x.cols), perplexity: perplexity)
    let n = x.rows
    var condensed = [Double]()
    for i in 0..<n { for j in (i + 1)..<n { condensed.append(joint[i * n + j]) } }
    #expect(condensed.count == expected.count)
    let worst = zip(condensed, expected).map { abs($0 - $1) }.max() ?? .infinity
    #expect(worst <= 1e-9)
    // Zero diagonal, summing to 1 up to the machine-epsilon floor on negligible entries.
    #expect((0..<n).allSatisfy { joint[$0 * n + $0] == 0 })
    #expect(abs(joint.reduce(0, +) - 1) < Double(n * n) * Double.ulpOfOne)
  }

  @Test func sparseJointProbabilitiesMatchScikitLearn() throws {
    let (x, c) = try data()
    let p = try TSNEAffinities.sparseJoint(
      PointMatrix(trusted: x.values, rows: x.rows, cols: x.cols), perplexity: c.sparsePerplexity)
    #expect(p.rowStart == c.sparseRowStart)
    #expect(p.columns == c.sparseColumns)
    let worst = zip(p.values, c.sparseValues).map { abs($0 - $1) }.max() ?? .infinity
    #expect(worst <= 1e-9)
  }

  @Test func trustworthinessMatchesScikitLearn() throws {
    let (x, c) = try data()
    for run in [c.exactRun, c.barnesHutRun] {
      let t = try TSNEEmbedding.trustworthiness(
        points: x.values, rows: x.rows, cols: x.cols, embedding: run.embedding)
      #expect(abs(t - run.trustworthiness) < 1e-12)
    }
  }

  @Test(arguments: [TSNEOptions.Method.exact, .barnesHut])
  func embeddingIsAsTrustworthyAsScikitLearns(method: TSNEOptions.Method) throws {
    let (x, c) = try data()
    var rng = SeededGenerator(seed: 0)
    let map = try TSNEEmbedding.fit(
      points: x.values, rows: x.rows, cols: x.cols, options: .init(method: method), using: &rng)
    #expect(map.method == method)
    #expect(map.coordinates.count == 2 * x.rows)
    #expect(map.coordinates.allSatisfy { $0.isFinite })
    #expect(map.iterations == 1000)
    #expect(map.learningRate == 50)
    #expect(map.embeddedRows == nil)
    let reference = method == .exact ? c.exactRun : c.barnesHutRun
    let t = try TSNEEmbedding.trustworthiness(
      points: x.values, rows: x.rows, cols: x.cols, embedding: map.coordinates)
    #expect(t >= reference.trustworthiness - 0.05)
    // Same affinities and schedule: the final KL divergence is close to sklearn's
    // (0.0301 vs 0.0300 exact, 0.0319 vs 0.0326 Barnes–Hut when recorded).
    #expect(map.klDivergence > 0 && map.klDivergence < reference.kl * 1.25 + 0.01)
  }

  @Test(arguments: [TSNEOptions.Initialization.pca, .random])
  func sameSeedSameEmbedding(initialization: TSNEOptions.Initialization) throws {
    let (x, _) = try data()
    let options = TSNEOptions(
      perplexity: 10, iterations: 300, method: .barnesHut, initialization: initialization)
    var a = SeededGenerator(seed: 11)
    var b = SeededGenerator(seed: 11)
    let first = try TSNEEmbedding.fit(
      points: x.values, rows: x.rows, cols: x.cols, options: options, using: &a)
    let second = try TSNEEmbedding.fit(
      points: x.values, rows: x.rows, cols: x.cols, options: options, using: &b)
    #expect(first == second)
  }

  @Test func largeInputIsEmbeddedOnASample() throws {
    let (x, _) = try data()
    var rng = SeededGenerator(seed: 2)
    let map = try TSNEEmbedding.fit(
      points: x.values, rows: x.rows, cols: x.cols,
      options: .init(perplexity: 10, iterations: 260, maxRows: 60), using: &rng)
    let rows = try #require(map.embeddedRows)
    #expect(rows.count == 60 && rows == rows.sorted() && Set(rows).count == 60)
    #expect(map.coordinates.count == 120)
    #expect(map.notes == ["embedded a 60-row sample; the other 40 rows have no coordinates"])
  }

  @Test func identicalRowsStayFinite() throws {
    var rng = SeededGenerator(seed: 1)
    for method in [TSNEOptions.Method.exact, .barnesHut] {
      let map = try TSNEEmbedding.fit(
        points: Array(repeating: 1, count: 40), rows: 20, cols: 2,
        options: .init(perplexity: 5, iterations: 300, method: method), using: &rng)
      #expect(map.coordinates.allSatisfy { $0.isFinite })
    }
  }

  @Test func badArgumentsAreRefused() {
    var rng = SeededGenerator(seed: 1)
    #expect {
      _ = try TSNEEmbedding.fit(points: [1, 2], rows: 1, cols: 2, using: &rng)
    } throws: { ($0 as? ClusteringError)?.code == .tooFewPoints }
    #expect {
      _ = try TSNEEmbedding.fit(
        points: Array(repeating: 0, count: 20), rows: 10, cols: 2, using: &rng)
    } throws: { error in
      guard let e = error as? ClusteringError else { return false }
      return e.code == .invalidParameter && e.message.contains("less than the number of rows (10)")
    }
    #expect {
      _ = try TSNEEmbedding.fit(
        points: [1, .nan, 3, 4], rows: 2, cols: 2, options: .init(perplexity: 1), using: &rng)
    } throws: { ($0 as? ClusteringError)?.code == .nonFiniteValue }
    #expect {
      _ = try TSNEEmbedding.fit(
        points: [1, 2, 3, 4], rows: 2, cols: 2, options: .init(perplexity: 1, angle: 2), using: &rng
      )
    } throws: { ($0 as? ClusteringError)?.code == .invalidParameter }
    #expect {
      _ = try TSNEEmbedding.fit(
        points: Array(repeating: 0, count: 5_001), rows: 5_001, cols: 1,
        options: .init(method: .exact, maxRows: 6_000), using: &rng)
    } throws: { ($0 as? ClusteringError)?.message.contains("needs n² memory") == true }
    #expect {
      _ = try TSNEEmbedding.trustworthiness(
        points: [1, 2, 3, 4], rows: 4, cols: 1, embedding: [1, 2, 3, 4], embeddingCols: 1,
        neighbours: 2)
    } throws: { ($0 as? ClusteringError)?.code == .invalidParameter }
  }
}
