import SegCharts
import SegCore
import SegHistory
import SegTestSupport
import Testing

@testable import SegLang

/// A session that keeps its workspace across runs, as the REPL does, with files in memory.
final class Session {
  let host: MemoryHost
  var workspace = Workspace()

  init(
    files: [String: String] = Session.files, environment: [String: String] = [:],
    terminal: Bool = false
  ) {
    host = MemoryHost(files: files, environment: environment, isOutputTerminal: terminal)
  }

  /// Runs `text` and returns the outcome.
  ///
  /// Output and diagnostics accumulate in ``host``.
  @discardableResult
  func run(_ text: String) -> RunOutcome {
    let source = SourceFile(name: "test.seg", text: text)
    let compilation = Compilation(source, registry: .standard)
    for d in compilation.diagnostics { host.report(d, in: source) }
    guard !compilation.hasErrors else { return .stopped(RuntimeError(compilation.diagnostics[0])) }
    let outcome = Interpreter(host: host).run(
      compilation.script, source: source, workspace: &workspace)
    if case .stopped(let e) = outcome { host.report(e.diagnostic, in: source) }
    return outcome
  }

  /// The error `text` stops with.
  func error(_ text: String) -> RuntimeError? {
    if case .stopped(let e) = run(text) { return e }
    return nil
  }

  /// Four well-separated groups of ten customers and one huge spender (customer 999).
  static let customersCSV: String = {
    var lines = ["customer,recency,frequency,monetary"]
    for i in 0..<10 {
      let d = Double(i)
      lines.append("\(100 + i),\(5 + i),\(10 + i % 5),\(2000 + 100 * d)")
      lines.append("\(200 + i),\(200 + 10 * i),\(1 + i % 2),\(50 + 10 * d)")
      lines.append("\(300 + i),\(30 + 3 * i),\(4 + i % 3),\(500 + 30 * d)")
      lines.append("\(400 + i),\(100 + 5 * i),\(2 + i % 2),\(200 + 10 * d)")
    }
    lines.append("999,1,200,250000")
    return lines.joined(separator: "\n") + "\n"
  }()

  /// A small transaction log: 4 customers, a cancellation, a row without customer.
  static let transactionsCSV = """
    InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
    1001,A1,Mug,6,2011-01-03 10:00:00,2.5,17850,United Kingdom
    1002,A2,Plate,2,2011-02-10 11:00:00,10.0,17850,United Kingdom
    1003,A1,Mug,12,2011-03-01 09:30:00,2.5,13047,France
    1004,POST,Postage,1,2011-03-01 09:30:00,18.0,13047,France
    C1005,A1,Mug,-2,2011-03-05 12:00:00,2.5,13047,France
    1006,A3,Bowl,4,2011-06-20 15:00:00,7.5,12583,Spain
    1007,A2,Plate,1,2011-11-30 16:00:00,10.0,12583,Spain
    1008,A3,Bowl,3,2011-12-01 08:00:00,7.5,,United Kingdom
    1009,A1,Mug,24,2011-12-05 10:00:00,2.1,14688,United Kingdom

    """

  static let files = [
    "customers.csv": customersCSV, "tx.csv": transactionsCSV,
    "negative.csv": "customer,recency,frequency,monetary\n1,3,2,10\n2,40,1,-5\n3,9,4,80\n",
    "constant.csv": "customer,recency,frequency,monetary\n1,3,2,10\n2,3,5,80\n3,3,4,40\n",
  ]
}

@Suite struct DataCommandTests {
  @Test func loadAndRfmBuildTheCustomerTableWithProvenanceAndAccounting() throws {
    let s = Session()
    #expect(s.run("load \"tx.csv\"\nrfm asof=2011-12-10") == .completed)
    #expect(s.workspace.tableName == "customers")
    #expect(s.workspace.table.rowCount == 4)
    #expect(s.workspace.table["customer"]?.data == .integer([12583, 13047, 14688, 17850]))
    let provenance = try #require(s.workspace.provenance)
    #expect(provenance.fileName == "tx.csv")
    #expect(provenance.sha256 == SHA256.hex(Array(Session.transactionsCSV.utf8)))
    #expect(provenance.roles[.customer] == "CustomerID")
    #expect(s.workspace.rowAccounting.map(\.step) == ["load", "rfm"])
    #expect(s.workspace.rowAccounting[1].rowsIn == 9 && s.workspace.rowAccounting[1].rowsOut == 4)
    #expect(s.workspace.rfm?.asOfSource == .given)
    #expect(s.workspace.tables["transactions"]?.rowCount == 9)
    #expect(s.host.output.contains("rfm: 4 customers, asof 2011-12-10 (given)"))
  }

  @Test func rfmUsesTheAsofSettingAndAFilteredLog() {
    let s = Session()
    #expect(
      s.run("set asof = 2011-12-01\nload \"tx.csv\"\nfilter StockCode != \"POST\"\nrfm")
        == .completed)
    // Customer 14688 bought only after 2011-12-01.
    #expect(s.workspace.table.rowCount == 3)
    #expect(
      s.workspace.rowAccounting.map(\.step) == ["load", "filter StockCode != \"POST\"", "rfm"])
  }

  @Test func aMissingFileIsAnErrorAtTheFileName() throws {
    let s = Session()
    let e = try #require(s.error("load \"nope.csv\""))
    #expect(e.diagnostic.id.rawValue == "missing-file")
    #expect(e.diagnostic.range == SourceRange(start: 5, end: 15))
    #expect(e.diagnostic.message == "no such file 'nope.csv'")
  }

  @Test func aMissingRoleColumnPointsAtTheOptionAndSuggestsTheNearest() throws {
    let s = Session()
    let e = try #require(s.error("load \"tx.csv\" customer=CustomerNo"))
    #expect(e.diagnostic.id.rawValue == "missing-role-column")
    #expect(e.diagnostic.range == SourceRange(start: 23, end: 33))
    #expect(e.diagnostic.message.contains("InvoiceNo, StockCode"))
    #expect(e.diagnostic.notes.contains { $0.message.contains("CustomerID") })
  }

  @Test func aFeatureTableBecomesTheCustomerTable() {
    let s = Session()
    #expect(s.run("load \"customers.csv\"") == .completed)
    #expect(s.workspace.tableName == "customers")
    #expect(s.host.output.contains("e.g. cols=[recency, frequency, monetary]"))
  }

  @Test func rfmWithoutATransactionLogSaysWhatToLoad() throws {
    let s = Session()
    let e = try #require(s.error("load \"customers.csv\"\nrfm"))
    #expect(e.diagnostic.id == .rfmError)
    #expect(e.diagnostic.message == "rfm needs a transaction log, but 'customers' is not one")
  }

  @Test func useAndTablesSwitchBetweenNamedTables() {
    let s = Session()
    #expect(s.run("load \"tx.csv\"\nrfm asof=2011-12-10\nuse transactions\ntables") == .completed)
    #expect(s.workspace.tableName == "transactions")
    #expect(s.workspace.table.rowCount == 9)
    #expect(s.host.output.contains("transactions *     9        8\n* current table"))
  }
}

@Suite struct FeatureCommandTests {
  @Test func zFilterSetsOutliersAsideWithTheirRevenueShare() throws {
    let s = Session()
    #expect(s.run("load \"customers.csv\"\nfilter z<3") == .completed)
    #expect(s.workspace.table.rowCount == 40)
    let outliers = try #require(s.workspace.outliers)
    #expect(outliers.count == 1)
    #expect(s.workspace.tables["outliers"]?["customer"]?.data == .integer([999]))
    let total = 250_000.0 + (0..<10).reduce(0.0) { $0 + 2750 + 150 * Double($1) }
    #expect(abs((outliers.revenueShare ?? 0) - 250_000 / total) < 1e-12)
    #expect(
      s.host.output.contains(
        "outliers: 1 customer set aside as table 'outliers' (2.4% of customers"))
    #expect(s.workspace.rowAccounting.last?.rowsOut == 40)
  }

  @Test func aSecondOutlierFilterAddsToTheOutliers() {
    let s = Session()
    #expect(
      s.run("load \"customers.csv\"\nfilter z<3\nfilter iqr<0.5 cols=[frequency]") == .completed)
    let outliers = s.workspace.tables["outliers"]?.rowCount ?? 0
    #expect(outliers > 1)
    #expect(s.workspace.outliers?.count == outliers)
    #expect(s.workspace.features.columns == ["frequency"])
  }

  @Test func colsOnAnOrdinaryFilterIsRefused() throws {
    let s = Session()
    let e = try #require(s.error("load \"customers.csv\"\nfilter recency > 3 cols=[recency]"))
    #expect(e.diagnostic.id == .ignoredOption)
  }

  @Test func transformKeepsOriginalUnitsInTheTable() throws {
    let s = Session()
    #expect(s.run("load \"customers.csv\"\ntransform log cols=[monetary]") == .completed)
    #expect(s.workspace.table["monetary"]?.doubles?.first == 2000)
    let m = try #require(s.workspace.features.matrix)
    #expect(m[0, 2] == FeatureTransform.log1p.apply(2000))
    #expect(m[0, 0] == 5)
    #expect(s.workspace.features.transformColumns == ["monetary"])
  }

  @Test func logOfNegativeValuesNamesTheCountAndSuggestsSignedlog() throws {
    let s = Session()
    let e = try #require(s.error("load \"negative.csv\"\ntransform log"))
    #expect(e.diagnostic.id == .negativeValues)
    #expect(
      e.diagnostic.message
        == "log needs values of 0 or more, but 'monetary' is negative for 1 customer")
    #expect(e.diagnostic.notes.contains { $0.message.contains("transform signedlog") })
    #expect(s.run("transform signedlog") == .completed)
  }

  @Test func scalingAConstantColumnNamesIt() throws {
    let s = Session()
    let e = try #require(s.error("load \"constant.csv\"\nscale"))
    #expect(e.diagnostic.id == .zeroVariance)
    #expect(e.diagnostic.message.hasPrefix("column 'recency' has the same value in every row"))
    #expect(s.run("scale cols=[frequency, monetary]") == .completed)
    #expect(s.workspace.features.scaler?.columnNames == ["frequency", "monetary"])
  }

  @Test func missingValuesInAFeatureAreCounted() throws {
    let s = Session()
    let e = try #require(
      s.error("load \"tx.csv\"\nrfm asof=2011-12-10\nscale cols=[recency, days_between_purchases]"))
    #expect(e.diagnostic.id == .nonFiniteValues)
    #expect(
      e.diagnostic.message == "column 'days_between_purchases' has 1 missing or infinite value")
  }

  @Test func anUnknownFeatureColumnIsSuggested() throws {
    let s = Session()
    let e = try #require(s.error("load \"customers.csv\"\nscale cols=[recncy]"))
    #expect(e.diagnostic.id == .unknownName)
    #expect(e.diagnostic.notes.contains { $0.message == "did you mean 'recency'?" })
  }
}

@Suite struct ClusterCommandTests {
  static let pipeline = "load \"customers.csv\"\nfilter z<3\nscale\n"

  @Test func clusterFindsTheFourGroupsAndStaysDeterministic() throws {
    let a = Session()
    let b = Session()
    #expect(a.run(Self.pipeline + "cluster k=4") == .completed)
    #expect(b.run(Self.pipeline + "cluster k=4") == .completed)
    #expect(a.workspace == b.workspace)
    #expect(a.host.output == b.host.output)
    let model = try #require(a.workspace.model)
    #expect(model.sizes.sorted() == [10, 10, 10, 10])
    #expect(model.outlierLabels == [SegmentationModel.outlierLabel])
    // Members of one generated group share a label.
    let labels = model.labels
    for g in 0..<4 { #expect(Set((0..<10).map { labels[$0 * 4 + g] }).count == 1) }
    #expect(model.silhouette != nil && model.silhouetteIsSampled == false)
  }

  @Test func clusteringUnscaledFeaturesWarnsButRuns() {
    let s = Session()
    #expect(s.run("load \"customers.csv\"\ncluster k=2") == .completed)
    #expect(s.host.diagnostics.map(\.id) == [.unscaledFeatures])
  }

  // k=1 is below the option's minimum, found by the check before anything runs
  // (UntrustedInputTests.optionsBelowTheirMinimumAreFoundByTheCheck).
  @Test(arguments: [
    ("cluster k=41", "k=41 is more than the 40 customers in the table")
  ])
  func anImpossibleKIsAnErrorAtK(script: String, message: String) throws {
    let s = Session()
    let e = try #require(s.error(Self.pipeline + script))
    #expect(e.diagnostic.id == .invalidClusterCount)
    #expect(e.diagnostic.message == message)
    #expect(e.diagnostic.range.start == Self.pipeline.utf8.count + 10)
    // The session stays usable.
    #expect(s.run("cluster k=3") == .completed)
    #expect(s.workspace.model?.k == 3)
  }

  @Test func clusterWithoutKSaysWhatToWrite() throws {
    let s = Session()
    let e = try #require(s.error(Self.pipeline + "cluster"))
    #expect(e.diagnostic.id == .missingOption)
  }

  @Test func anEmptyTableIsAnError() throws {
    let s = Session()
    let e = try #require(s.error("load \"customers.csv\"\nfilter recency < 0\ncluster k=2"))
    #expect(e.diagnostic.id == .emptyTable)
  }

  @Test func nameChecksTheClusterIdAndRefusesDuplicates() throws {
    let s = Session()
    #expect(s.run(Self.pipeline + "cluster k=4") == .completed)
    let e = try #require(s.error("name 5 \"Champions\""))
    #expect(e.diagnostic.id == .unknownCluster)
    #expect(e.diagnostic.message == "there is no cluster 5: the clusters are 0 to 3")
    #expect(s.run("name 0 \"Champions\"") == .completed)
    let d = try #require(s.error("name 1 \"Champions\""))
    #expect(d.diagnostic.id == .duplicateSegmentName)
    let r = try #require(s.error("name 1 \"Outliers\""))
    #expect(r.diagnostic.message.contains("reserved"))
    #expect(s.workspace.model?.names[0] == "Champions")
  }

  @Test func nameAutoGivesDistinctNamesWithReasons() throws {
    let s = Session()
    #expect(s.run(Self.pipeline + "cluster k=4\nname auto") == .completed)
    let model = try #require(s.workspace.model)
    #expect(Set(model.names).count == 4)
    #expect(model.reasons.allSatisfy { $0 != nil })
    // The group with the lowest recency, highest frequency and spend is the Champions.
    #expect(model.names[model.labels[0]] == "Champions")
  }

  @Test func namesTravelIntoValuesAndFilters() throws {
    let s = Session()
    #expect(
      s.run(
        Self.pipeline
          + "cluster k=4\nname auto\nassert clusters == 4\nassert share(segment == \"Champions\") > 5%\n"
          + "assert size(\"Champions\") == 10\nassert size(\"Outliers\") == 1\nassert outliers == 1"
      )
        == .completed)
    #expect(s.run("filter segment == \"Champions\"") == .completed)
    #expect(s.workspace.model?.labels.count == 10)
    #expect(s.run("assert share(segment == \"Champions\") == 1") == .completed)
    let e = try #require(s.error("echo size(\"Champion\")"))
    #expect(e.diagnostic.id == .unknownCluster)
    #expect(e.diagnostic.notes.map(\.message).contains("did you mean 'Champions'?"))
  }

  @Test func valuesBeforeClusteringAreUnavailableWithHelp() throws {
    let s = Session()
    let e = try #require(s.error("load \"customers.csv\"\nassert clusters == 4"))
    #expect(e.diagnostic.id == .unavailable)
    #expect(e.diagnostic.notes.contains { $0.message == "run cluster first, e.g. cluster k=4" })
  }

  @Test func assignNearestGivesEachOutlierACluster() throws {
    let s = Session()
    #expect(s.run(Self.pipeline + "cluster k=4 assign=nearest") == .completed)
    let model = try #require(s.workspace.model)
    #expect(model.outlierLabels.count == 1 && (0..<4).contains(model.outlierLabels[0]))
    #expect(s.host.output.contains("1 outliers assigned to their nearest centroid"))
  }

  @Test func dbscanReportsNoiseAndTheSuggestedEps() throws {
    let s = Session()
    #expect(s.run(Self.pipeline + "cluster method=dbscan min_samples=3") == .completed)
    let model = try #require(s.workspace.model)
    #expect(model.method == "dbscan")
    #expect(model.epsWasSuggested)
    #expect(s.host.output.contains("(suggested from the knee of the sorted 3-distance curve"))
    #expect(model.k >= 1)
  }

  @Test(arguments: ["hierarchical", "gmm"])
  func otherMethodsFitFourClusters(method: String) throws {
    let s = Session()
    #expect(s.run(Self.pipeline + "cluster k=4 method=\(method)") == .completed)
    #expect(s.workspace.model?.sizes.sorted() == [10, 10, 10, 10])
  }

  @Test func profileAndCentroidsReportOriginalUnits() throws {
    let s = Session()
    #expect(
      s.run(
        "load \"customers.csv\"\nfilter z<3\ntransform log\nscale\ncluster k=4\nprofile\ncentroids")
        == .completed)
    let model = try #require(s.workspace.model)
    let champions = model.labels[0]
    // The group 100..109 has recency 5..14: mean 9.5 in original units.
    #expect(s.host.output.contains("recency mean"))
    let original = model.centroidsOriginal[champions * 3]
    #expect(abs(original - 9.3) < 1)  // the centroid of log values, transformed back
    let segmented = try s.workspace.segmentedCustomers(at: SourceRange(start: 0, end: 1))
    let profiles = try segmented.profiles()
    #expect(profiles.clusters[champions].means[0] == 9.5)
    #expect(profiles.rows == 41)
  }

  @Test func sweepRangesAreCheckedAgainstTheRows() throws {
    let s = Session()
    let low = try #require(s.error(Self.pipeline + "elbow 1..5"))
    #expect(low.diagnostic.message == "k must be at least 2, but the range starts at 1")
    let high = try #require(s.error("silhouette 2..50"))
    #expect(high.diagnostic.message == "the range goes up to k=50, but there are only 40 customers")
  }

  @Test func chooseRecommendsAKThatClusterCanUse() throws {
    let s = Session()
    #expect(
      s.run(Self.pipeline + "choose 2..6 resamples=3 n_init=3\ncluster k=recommended_k")
        == .completed)
    #expect(s.workspace.sweeps.choice?.recommendedK == 4)
    #expect(s.workspace.model?.k == 4)
    #expect(s.host.output.contains("recommended: k = 4"))
  }

  @Test func clusterAfterASweepPrintsWhatAFreshFitPrints() throws {
    // cluster takes the sweep's fit when it is the one it would make; otherwise it fits.
    for (sweep, cluster) in [
      ("choose 2..6 resamples=3", "cluster k=3"), ("elbow 2..6", "cluster k=5"),
      ("choose 2..6 resamples=3", "cluster k=3 seed=7"), ("elbow 2..6 n_init=3", "cluster k=4"),
    ] {
      let swept = Session()
      #expect(swept.run(Self.pipeline + sweep) == .completed)
      let before = swept.host.output.count
      #expect(swept.run(cluster) == .completed)
      let fresh = Session()
      #expect(fresh.run(Self.pipeline) == .completed)
      let freshBefore = fresh.host.output.count
      #expect(fresh.run(cluster) == .completed)
      #expect(swept.workspace.model == fresh.workspace.model, "\(sweep); \(cluster)")
      #expect(
        swept.host.output.dropFirst(before) == fresh.host.output.dropFirst(freshBefore),
        "\(sweep); \(cluster)")
    }
  }

  @Test func aSweepsFitIsKeptOnlyForTheSameMatrixKAndSettings() throws {
    let matrix = try FeatureMatrix(
      values: [0, 0, 1, 1, 9, 9, 10, 10, 0, 1, 10, 9], rows: 6, columnNames: ["a", "b"])
    let options = KMeansOptions(restarts: 2, seed: 5)
    let fits = try (2...3).map { k throws(AnalysisError) in
      try KMeansMethod(k: k, options: options).fit(matrix)
    }
    var memo = KMeansFitMemo()
    memo.record(
      fits,
      silhouettes: [
        KMeansFitMemo.Silhouette(score: 0.5, isSampled: false),
        KMeansFitMemo.Silhouette(score: 0.25, isSampled: false),
      ], matrix: matrix, options: options)
    #expect(memo.entry(k: 3, matrix: matrix, options: options)?.model == fits[1])
    #expect(memo.entry(k: 3, matrix: matrix, options: options)?.silhouette?.score == 0.25)
    var cancellable = options
    cancellable.cancellation = CancellationToken { false }
    #expect(memo.entry(k: 2, matrix: matrix, options: cancellable)?.model == fits[0])
    #expect(memo.entry(k: 4, matrix: matrix, options: options) == nil)
    var reseeded = options
    reseeded.seed = 6
    #expect(memo.entry(k: 2, matrix: matrix, options: reseeded) == nil)
    var moreRestarts = options
    moreRestarts.restarts = 3
    #expect(memo.entry(k: 2, matrix: matrix, options: moreRestarts) == nil)
    var values = matrix.values
    values[0] = 0.5
    let other = try FeatureMatrix(values: values, rows: 6, columnNames: ["a", "b"])
    #expect(memo.entry(k: 2, matrix: other, options: options) == nil)
  }

  @Test func silhouetteSaysWhenItSamples() {
    let s = Session()
    #expect(s.run(Self.pipeline + "silhouette 2..4 sample=20") == .completed)
    #expect(s.workspace.sweeps.silhouette?.isSampled == true)
    #expect(s.host.output.contains("on a seeded sample of 20 of 40 customers (sample=20)"))
    let t = Session()
    #expect(t.run(Self.pipeline + "silhouette 2..4") == .completed)
    #expect(t.host.output.contains("exact, on all 40 customers"))
  }

  @Test func inlineChartsAreColouredOnlyOnATerminalWithoutNoColor() {
    let plain = Session()
    plain.run(Self.pipeline + "elbow 2..5")
    let terminal = Session(terminal: true)
    terminal.run(Self.pipeline + "elbow 2..5")
    let noColor = Session(environment: ["NO_COLOR": "1"], terminal: true)
    noColor.run(Self.pipeline + "elbow 2..5")
    #expect(!plain.host.output.contains("\u{1B}["))
    #expect(terminal.host.output.contains("\u{1B}["))
    #expect(!noColor.host.output.contains("\u{1B}["))
  }

  @Test func pcaAndTsneCheckTheirOptions() throws {
    let s = Session()
    #expect(s.run(Self.pipeline + "pca n=2") == .completed)
    #expect(s.workspace.pca?.count == 40)
    let n = try #require(s.error("pca n=4"))
    #expect(n.diagnostic.message == "n must be between 1 and 3, the number of features")
    let p = try #require(s.error("tsne perplexity=40"))
    #expect(
      p.diagnostic.message == "perplexity must be above 0 and below the 40 customers embedded")
    #expect(s.run("tsne perplexity=5") == .completed)
    #expect(s.workspace.tsne?.count == 40)
  }
}

@Suite struct ExportCommandTests {
  @Test func exportWritesOneRowPerCustomerWithOutliersSortedById() throws {
    let s = Session()
    #expect(
      s.run(ClusterCommandTests.pipeline + "cluster k=4\nname auto\nexport \"out.csv\"")
        == .completed)
    let text = String(decoding: try #require(s.host.file(atPath: "out.csv")), as: UTF8.self)
    let lines = text.split(separator: "\n")
    #expect(lines.first == "customer,recency,frequency,monetary,cluster,segment,outlier,status")
    #expect(lines.count == 42)
    #expect(lines[1].hasPrefix("100,5,10,2000.0,"))
    #expect(lines[41] == "999,1,200,250000.0,-2,Outliers,true,outlier")
  }

  @Test func exportFollowsTheExtensionAndWritesProfiles() throws {
    let s = Session()
    #expect(
      s.run(
        ClusterCommandTests.pipeline + "cluster k=4\nexport \"out.json\"\nexport profiles \"p.csv\""
      )
        == .completed)
    let json = String(decoding: try #require(s.host.file(atPath: "out.json")), as: UTF8.self)
    #expect(json.hasPrefix("[\n{\"customer\":100,"))
    let profiles = String(decoding: try #require(s.host.file(atPath: "p.csv")), as: UTF8.self)
    #expect(
      profiles.hasPrefix(
        "segment,cluster,customers,share,revenue_share,recency_mean,recency_median,"))
    #expect(profiles.split(separator: "\n").count == 6)
  }

  @Test func exportBeforeClusteringWritesTheTableAsItIs() throws {
    let s = Session()
    #expect(s.run("load \"tx.csv\"\nexport \"copy.csv\"") == .completed)
    let text = String(decoding: try #require(s.host.file(atPath: "copy.csv")), as: UTF8.self)
    #expect(
      text.hasPrefix(
        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"))
  }

  @Test func exportProfilesNeedsClusters() throws {
    let s = Session()
    let e = try #require(s.error("load \"customers.csv\"\nexport profiles \"p.csv\""))
    #expect(e.diagnostic.id == .unavailable)
  }
}
