import SegCore
import Testing

@Suite struct PCATests {
  @Test func componentsAreOrthonormalAndSignedLikeScikitLearn() throws {
    let m = TestData.blobs(seed: 8, rows: 200, cols: 4)
    let pca = try PCA.fit(m)
    let d = 4
    for a in 0..<d {
      for b in 0..<d {
        let dot = (0..<d).reduce(0.0) {
          $0 + pca.components[a * d + $1] * pca.components[b * d + $1]
        }
        #expect((dot - (a == b ? 1 : 0)).magnitude < 1e-12)
      }
      let row = pca.components[(a * d)..<((a + 1) * d)]
      let largest = row.max { $0.magnitude < $1.magnitude } ?? 0
      #expect(largest > 0)
    }
    #expect(pca.explainedVariance == pca.explainedVariance.sorted(by: >))
    #expect((pca.explainedVarianceRatio.reduce(0, +) - 1).magnitude < 1e-12)
    let two = try PCA.fit(m, components: 2)
    let t = try two.transform(m)
    #expect(t.columnNames == ["PC1", "PC2"] && t.rows == 200)
  }

  @Test func edgeCasesAreTypedErrors() throws {
    #expect(
      throws: AnalysisError.invalidParameter(name: "rows", reason: "PCA needs at least 2 rows")
    ) {
      try PCA.fit(TestData.matrix([[1, 2]]))
    }
    #expect(throws: AnalysisError.zeroVariance(column: "x0")) {
      try PCA.fit(TestData.matrix([[1, 2], [1, 2], [1, 2]]))
    }
    #expect(
      throws: AnalysisError.invalidParameter(name: "components", reason: "must be between 1 and 2")
    ) {
      try PCA.fit(TestData.matrix([[1, 2], [3, 5]]), components: 3)
    }
  }
}
