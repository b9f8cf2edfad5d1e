import PropertyBased
import SegCore
import Testing

@Suite struct ScalingTests {
  @Test(arguments: ScalingMethod.allCases)
  func zeroVarianceNamesTheColumn(method: ScalingMethod) throws {
    let m = try TestData.matrix([[1, 5], [2, 5], [3, 5]], names: ["recency", "frequency"])
    #expect(throws: AnalysisError.zeroVariance(column: "frequency")) {
      try FittedScaler.fit(m, method: method)
    }
  }

  @Test func zeroVarianceIsDetectedDespiteRounding() throws {
    // 0.1 repeated has a mean that is not exactly 0.1 in binary, but the column is constant.
    let m = try TestData.matrix(Array(repeating: [0.1], count: 7))
    #expect(throws: AnalysisError.zeroVariance(column: "x0")) { try m.zScores() }
  }

  @Test func scalingAnEmptyMatrixFails() throws {
    let m = try FeatureMatrix(values: [], rows: 0, columnNames: ["a"])
    #expect(throws: AnalysisError.emptyMatrix) { try FittedScaler.fit(m, method: .standard) }
    #expect(throws: AnalysisError.emptyMatrix) { try m.outlierMask(.zScore(threshold: 3)) }
  }

  @Test func standardScalingUsesThePopulationDeviation() throws {
    let (scaled, scaler) = try TestData.matrix([[1], [2], [3], [4]]).scaled(.standard)
    #expect(scaler.centers == [2.5])
    #expect(scaler.scales[0] == (1.25).squareRoot())
    #expect(
      scaled.values.map { ($0 * 1e12).rounded() / 1e12 } == [
        -1.3416407865, -0.4472135955, 0.4472135955, 1.3416407865,
      ])
  }

  @Test func robustAndMinMaxScalingOfAKnownColumn() throws {
    let m = try TestData.matrix([[1], [2], [3], [4], [100]])
    let robust = try FittedScaler.fit(m, method: .robust)
    #expect(robust.centers == [3] && robust.scales == [2])
    let minMax = try m.scaled(.minMax)
    #expect(minMax.matrix.values.first == 0 && minMax.matrix.values.last == 1)
  }

  @Test func standardScalingIsIdempotent() async {
    await propertyCheck(count: 40, input: Gen.int(in: 0...1_000_000), Gen.int(in: 2...300)) {
      seed, rows in
      let m = TestData.blobs(seed: seed, rows: rows, cols: 3)
      guard let once = try? m.scaled(.standard).matrix,
        let twice = try? once.scaled(.standard).matrix
      else {
        Issue.record("scaling failed")
        return
      }
      for (a, b) in zip(once.values, twice.values) { #expect((a - b).magnitude <= 1e-12) }
    }
  }

  @Test func zScoresHaveMeanZeroAndDeviationOne() async {
    await propertyCheck(count: 40, input: Gen.int(in: 0...1_000_000), Gen.int(in: 2...300)) {
      seed, rows in
      let m = TestData.blobs(seed: seed, rows: rows, cols: 2)
      guard let z = try? m.zScores() else {
        Issue.record("z-scores failed")
        return
      }
      for j in 0..<z.cols {
        let c = z.column(j)
        let mean = c.reduce(0, +) / Double(c.count)
        let sd = (c.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(c.count)).squareRoot()
        #expect(mean.magnitude < 1e-12)
        #expect((sd - 1).magnitude < 1e-12)
      }
    }
  }

  @Test func inverseTransformRestoresTheOriginal() async {
    await propertyCheck(count: 30, input: Gen.int(in: 0...1_000_000)) { seed in
      let m = TestData.blobs(seed: seed, rows: 50, cols: 3)
      for method in ScalingMethod.allCases {
        guard let (scaled, scaler) = try? m.scaled(method),
          let back = try? scaler.inverseTransform(scaled)
        else {
          Issue.record("scaling failed")
          return
        }
        for (a, b) in zip(back.values, m.values) {
          #expect((a - b).magnitude <= 1e-12 * max(1, b.magnitude))
        }
      }
    }
  }

  @Test func scalerRefusesTheWrongColumnCount() throws {
    let scaler = try FittedScaler.fit(TestData.matrix([[1, 2], [3, 5]]), method: .standard)
    #expect(throws: AnalysisError.shapeMismatch(what: "scaler columns", expected: 2, actual: 1)) {
      try scaler.transform(TestData.matrix([[1], [2]]))
    }
  }

  @Test func log1pNamesTheColumnAndCountsNegativeRows() throws {
    let m = try TestData.matrix([[1, -5], [2, 3], [3, -0.5]], names: ["frequency", "monetary"])
    #expect(throws: AnalysisError.negativeValues(column: "monetary", count: 2, transform: "log1p"))
    {
      try m.transformed(.log1p)
    }
    let f = try m.transformed(.log1p, columns: ["frequency"])
    #expect(f[0, 0] == 0.6931471805599453)  // log(2)
    #expect(f[0, 1] == -5)
  }

  @Test func signedLogIsSymmetricAndInvertible() throws {
    let m = try TestData.matrix([[-9], [0], [9], [1e-12]])
    let t = try m.transformed(.signedLog)
    #expect(t[0, 0] == -t[2, 0])
    #expect(t[1, 0] == 0)
    #expect(t[2, 0] == 2.302585092994046)
    for i in 0..<4 {
      #expect((FeatureTransform.signedLog.inverse(t[i, 0]) - m[i, 0]).magnitude <= 1e-12)
    }
    #expect(throws: AnalysisError.missingColumn(name: "nope")) {
      try m.transformed(.signedLog, columns: ["nope"])
    }
  }

  @Test func zScoreFilterIsStrictAndCountsRemovedRows() throws {
    // Values 0 x 9 and 10: mean 1, sd 3, so z(10) = 3 exactly: removed by |z| < 3.
    let m = try TestData.matrix(Array(repeating: [0.0], count: 9) + [[10.0]])
    let mask = try m.outlierMask(.zScore(threshold: 3))
    #expect(mask.removedCount == 1 && mask.keptCount == 9)
    #expect(mask.keep.last == false)
    #expect(mask.outsideCounts == [1])
  }

  @Test func iqrFencesAreInclusive() throws {
    // Q1 = 2, Q3 = 4, IQR = 2: fences [-1, 7]; a value on the fence is kept.
    let onFence = try TestData.matrix([[1], [2], [3], [4], [7]]).outlierMask(.iqr(factor: 1.5))
    #expect(onFence.lowerBounds == [-1] && onFence.upperBounds == [7])
    #expect(onFence.removedCount == 0)
    let beyond = try TestData.matrix([[1], [2], [3], [4], [7.5]]).outlierMask(.iqr(factor: 1.5))
    #expect(beyond.removedCount == 1 && beyond.keep == [true, true, true, true, false])
  }

  @Test func filterThresholdsMustBePositive() throws {
    let m = try TestData.matrix([[1], [2]])
    #expect(
      throws: AnalysisError.invalidParameter(
        name: "z threshold", reason: "must be a positive number")
    ) {
      try m.outlierMask(.zScore(threshold: 0))
    }
  }
}
