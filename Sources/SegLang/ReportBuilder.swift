import SegCharts
import SegCore

/// Gathers everything the session knows into a ``ReportDocument`` for `report`: provenance, the
/// data-quality and row-accounting tables, feature distributions, the choice of k, the segment
/// profiles with suggested actions and their charts, and the migration of the last `compare`.
///
/// Sections without results are left out (no k section before `elbow`, `silhouette`, `choose`
/// or `cluster`; no segments before `cluster`). Charts follow the conventions of
/// ``ChartBuilder``. Everything is deterministic: the same session gives the same bytes.
struct ReportBuilder {
  /// The session, with the customer table made current.
  let workspace: Workspace
  /// The script that was run, shown in the provenance section.
  let script: String
  /// Where errors point (the `report` command).
  let range: SourceRange

  /// A builder for `workspace`; fails as ``Workspace/unmetStage(_:at:canLoad:)`` says when
  /// there is no customer table.
  init(workspace: Workspace, script: String, range: SourceRange) throws(RuntimeError) {
    var ws = workspace
    if let error = ws.unmetStage(.customers, at: range) { throw error }
    if ws.tableName != Workspace.customersTable, let customers = ws.customerTable {
      ws.table = customers
      ws.tableName = Workspace.customersTable
    }
    self.workspace = ws
    self.script = script
    self.range = range
  }

  var charts: ChartBuilder { ChartBuilder(workspace: workspace, range: range) }

  /// The report document.
  func document() -> ReportDocument {
    ReportDocument(
      provenance: provenance(), dataQuality: dataQuality(), rowAccounting: rowAccounting(),
      distributions: distributions(), kChoice: kChoice(), segments: segments(),
      migration: migration(), figures: clvFigures(), notes: notes())
  }

  /// The charts of the last `clv`: the frequency/recency matrices and calibration vs holdout.
  func clvFigures() -> [ReportFigure] {
    guard let r = workspace.clv else { return [] }
    var figures: [ReportFigure] = []
    let unit = r.summary.unit.rawValue
    let model = r.purchaseFit == r.bgnbd ? "BG/NBD" : "Pareto/NBD"
    if let d = try? charts.clvMatrix(palive: false) {
      figures.append(
        ReportFigure(
          caption:
            "Customer lifetime value (\(model)): customers by repeat purchases and recency in the calibration period to \(Commands.isoDay(r.summary.endDay)), coloured by their mean expected purchases in the next \(r.options.horizon) \(unit)s.",
          chart: .heatmap(d)))
    }
    if let d = try? charts.clvMatrix(palive: true) {
      figures.append(
        ReportFigure(
          caption: "The same grid coloured by mean P(alive): the chance that a customer still buys.",
          chart: .heatmap(d)))
    }
    if let d = try? charts.clvHoldout(), let h = r.holdout {
      figures.append(
        ReportFigure(
          caption:
            "Calibration vs holdout: mean purchases in the \(NumberFormatting.format(h.length))-\(unit) holdout by calibration repeat purchases, actual and predicted (mean absolute error \(NumberFormatting.format(h.meanAbsoluteError)) per customer).",
          chart: .profile(d)))
    }
    return figures
  }

  // MARK: Provenance and data quality

  func provenance() -> ReportProvenance {
    let p = workspace.provenance
    return ReportProvenance(
      inputFileName: p?.fileName ?? "(no file)", inputSHA256: p?.sha256 ?? "–",
      rows: p?.report.rows ?? workspace.table.rowCount,
      asOf: workspace.rfm.map { CivilCalendar.isoText(seconds: $0.asOf, includeTime: false) }
        ?? "–",
      seed: workspace.seed, segVersion: SegVersion.string, script: script)
  }

  func dataQuality() -> [ReportTable] {
    var tables: [ReportTable] = []
    if let p = workspace.provenance {
      let load = p.report
      let rows = load.rows
      func share(_ n: Int) -> String {
        rows > 0 ? ValueFormat.percent.format(Double(n) / Double(rows)) : "–"
      }
      var checks: [[String]] = []
      func check(_ label: String, _ n: Int?, _ action: String) {
        guard let n else { return }
        checks.append([label, NumberFormatting.count(n), share(n), action])
      }
      check("No customer id", load.rowsWithoutCustomer, "set aside by rfm: cannot be attributed")
      // The rule `load` decided (docs/rfm.md, "Cancellations"); the Online Retail convention
      // keeps its short label.
      if let rule = load.cancellationRule?.seg, !rule.hasPrefix("invoices starting with C (") {
        check(
          "Cancellations: \(rule)", load.cancellations,
          rule.hasPrefix("none") ? "none counted" : "not purchases")
      } else {
        check("Cancellations (invoice starting with C)", load.cancellations, "counted as returns")
      }
      check("Negative quantity", load.negativeQuantities, "counted as returns")
      check("Zero price", load.zeroPrices, "not used: neither purchase nor return")
      check("Negative price", load.negativePrices, "not a purchase line")
      check("Exact duplicate rows", load.duplicateRows, "kept: reported only")
      if !checks.isEmpty {
        tables.append(
          ReportTable(
            caption: "Data-quality checks on the \(NumberFormatting.count(rows)) rows read",
            headers: ["Check", "Rows", "Share", "What happens"], rows: checks,
            numericColumns: [1, 2]))
      }
    }
    if let r = workspace.rfm {
      var rows: [[String]] = [
        ["Rows", NumberFormatting.count(r.rows), "the transaction log"],
        ["Purchase lines", NumberFormatting.count(r.purchaseLines), "used"],
        [
          "Return lines", NumberFormatting.count(r.returnLines),
          r.hasMoney ? "used: they lower monetary value" : "used: they are not purchases",
        ],
      ]
      func aside(_ label: String, _ n: Int, _ note: String) {
        if n > 0 { rows.append([label, NumberFormatting.count(n), note]) }
      }
      aside("No customer id", r.rowsWithoutCustomer, "set aside")
      aside("On or after asof", r.rowsAfterAsOf, "set aside")
      aside("No date", r.rowsWithoutDate, "set aside")
      aside("Missing quantity, price or amount", r.rowsWithMissingValues, "set aside")
      aside("Neither purchase nor return", r.otherLines, "not used (\(r.otherLinesText))")
      rows.append(["Customers", NumberFormatting.count(r.customers), "with a purchase line"])
      aside(
        "Customers without a purchase line", r.customersWithoutPurchases,
        "set aside (\(NumberFormatting.count(r.customersWithOnlyReturns)) with only returns)")
      tables.append(
        ReportTable(
          caption: "RFM as of \(CivilCalendar.isoText(seconds: r.asOf, includeTime: false)): "
            + "line value is \(r.valueSource)",
          headers: ["Lines and customers", "Count", "Note"], rows: rows, numericColumns: [1]))
    }
    if let p = workspace.provenance {
      tables.append(
        ReportTable(
          caption: "Columns of \(p.fileName)",
          headers: ["Column", "Type", "Missing", "Role"],
          rows: p.report.columns.map {
            [
              $0.name, $0.type.rawValue, NumberFormatting.count($0.missing),
              $0.role?.rawValue ?? "",
            ]
          }, numericColumns: [2]))
    }
    return tables
  }

  /// The row accounting, with long steps (a `filter` with a list) shortened: the script above
  /// has them in full.
  func rowAccounting() -> [RowAccountingStep] {
    workspace.rowAccounting.map { step in
      var s = step
      if s.step.count > Self.longestStep {
        s.step = String(s.step.prefix(Self.longestStep - 1)) + "…"
      }
      return s
    }
  }

  /// The longest step text the row-accounting table shows.
  static let longestStep = 32

  // MARK: Distributions

  /// Whether a feature's axis is logarithmic in the report: money is.
  static func isLogScaled(_ feature: ChartFeature) -> Bool {
    if case .money = feature.format { return true }
    return false
  }

  func distributions() -> [ReportFigure] {
    var figures: [ReportFigure] = []
    if var box = try? charts.box(columns: nil, givenAt: range, log: false) {
      for i in box.features.indices {
        box.features[i].logScale = Self.isLogScaled(box.features[i].feature)
      }
      let filtered = box.features.contains { $0.after != nil }
      figures.append(
        ReportFigure(
          caption: filtered
            ? "The clustering features of all customers (All) and of those kept by "
              + "\(workspace.outliers?.condition ?? "the outlier filter") (Kept); money on a log "
              + "scale."
            : "The clustering features; money on a log scale.",
          chart: .box(box)))
    }
    if var hist = try? charts.histogram(columns: nil, givenAt: range, log: false) {
      for i in hist.features.indices {
        hist.features[i].logScale = Self.isLogScaled(hist.features[i].feature)
      }
      figures.append(
        ReportFigure(
          caption: "Histograms of the clustering features (the customers clustered); money on "
            + "a log scale.", chart: .hist(hist)))
    }
    return figures
  }

  // MARK: Choosing k

  func kChoice() -> KChoiceSection? {
    let sweeps = workspace.sweeps
    let model = workspace.alignedModel
    guard sweeps.elbow != nil || sweeps.silhouette != nil || sweeps.choice != nil || model != nil
    else { return nil }
    let chosen =
      model?.k ?? sweeps.choice?.recommendedK ?? sweeps.knee ?? sweeps.silhouette?.bestK ?? 0
    var sentences: [String] = []
    if let c = sweeps.choice {
      sentences.append(
        "choose recommends k = \(c.recommendedK)"
          + (c.reasons.isEmpty ? "." : ": " + c.reasons.joined(separator: "; ") + "."))
    }
    if let e = sweeps.elbow {
      sentences.append(
        e.knee.map { "The elbow of the inertia curve is at k = \($0)." }
          ?? "The inertia curve has no clear elbow.")
    }
    if let s = sweeps.silhouette, let best = s.bestK, let i = s.ks.firstIndex(of: best) {
      sentences.append(
        "The mean silhouette is highest at k = \(best) (\(Self.score(s.scores[i])))"
          + (s.isSampled
            ? ", on a sample of \(NumberFormatting.count(s.rowsUsed)) customers." : "."))
    }
    if let model {
      var text = "The segments were fitted with \(Self.methodName(model.method)), k = \(model.k)"
      if let c = sweeps.choice, c.recommendedK != model.k {
        text += " (the script's choice rather than the recommended k = \(c.recommendedK))"
      }
      if let s = model.silhouette { text += ", mean silhouette \(Self.score(s))" }
      sentences.append(text + ".")
    }
    let section = KChoiceSection(
      chosenK: chosen, rationale: sentences.joined(separator: " "), criteria: criteria(),
      charts: kCharts(model: model))
    return section
  }

  /// The criteria per k of every sweep, merged by k.
  func criteria() -> ReportTable {
    let sweeps = workspace.sweeps
    var inertia: [Int: Double] = [:]
    var silhouette: [Int: Double] = [:]
    var candidates: [Int: ClusterCountCandidate] = [:]
    if let c = sweeps.choice {
      for x in c.candidates {
        candidates[x.k] = x
        inertia[x.k] = x.inertia
        silhouette[x.k] = x.silhouette
      }
    }
    if let s = sweeps.silhouette {
      for (k, v) in zip(s.ks, s.scores) { silhouette[k] = v }
      for (k, v) in zip(s.ks, s.inertias) where inertia[k] == nil { inertia[k] = v }
    }
    if let e = sweeps.elbow { for (k, v) in zip(e.ks, e.inertias) { inertia[k] = v } }
    if let m = workspace.alignedModel {
      if let v = m.inertia, inertia[m.k] == nil { inertia[m.k] = v }
      if let v = m.silhouette, silhouette[m.k] == nil { silhouette[m.k] = v }
    }
    let ks = Set(inertia.keys).union(silhouette.keys).sorted()
    let hasChoice = !candidates.isEmpty
    var headers = ["k", "Inertia", "Mean silhouette"]
    if hasChoice { headers += ["Calinski–Harabasz", "Davies–Bouldin", "Stability (ARI)"] }
    headers.append("Note")
    let rows = ks.map { k -> [String] in
      var row = [
        String(k), inertia[k].map { ValueFormat.number(decimals: 1).format($0) } ?? "–",
        silhouette[k].map(Self.score) ?? "–",
      ]
      if hasChoice {
        let c = candidates[k]
        row += [
          c.map { ValueFormat.number(decimals: 1).format($0.calinskiHarabasz) } ?? "–",
          c.map { Self.score($0.daviesBouldin) } ?? "–", c.map { Self.score($0.stability) } ?? "–",
        ]
      }
      row.append(notes(forK: k).joined(separator: ", "))
      return row
    }
    return ReportTable(
      caption: "Criteria per number of segments", headers: headers, rows: rows,
      numericColumns: Set(0..<(headers.count - 1)))
  }

  /// What is special about `k`: the knee, the best silhouette, the recommendation, the fit.
  func notes(forK k: Int) -> [String] {
    let sweeps = workspace.sweeps
    var notes: [String] = []
    if sweeps.knee == k { notes.append("elbow") }
    if (sweeps.silhouette?.bestK
      ?? sweeps.choice.flatMap { c in
        c.candidates.max { $0.silhouette < $1.silhouette }?.k
      }) == k
    {
      notes.append("best silhouette")
    }
    if sweeps.choice?.recommendedK == k { notes.append("recommended by choose") }
    if workspace.alignedModel?.k == k { notes.append("fitted") }
    return notes
  }

  func kCharts(model: SegmentationModel?) -> [ReportFigure] {
    var figures: [ReportFigure] = []
    if let e = try? charts.elbow() {
      figures.append(
        ReportFigure(
          caption: "Inertia (within-segment sum of squares) by k; the elbow is marked.",
          chart: .elbow(e)))
    }
    if let s = try? charts.silhouetteCurve() {
      figures.append(
        ReportFigure(caption: "Mean silhouette by k (higher is better).", chart: .silhouette(s)))
    }
    if let model, let d = try? charts.silhouetteDiagram(k: model.k, kAt: range) {
      var caption = "Silhouette of each customer for the fitted k = \(model.k), by segment"
      if d.rowsUsed < d.rows {
        caption +=
          " (a seeded sample of \(NumberFormatting.count(d.rowsUsed)) of "
          + "\(NumberFormatting.count(d.rows)) customers)"
      }
      figures.append(ReportFigure(caption: caption + ".", chart: .silhouetteDiagram(d.data)))
    }
    return figures
  }

  // MARK: Segments

  func segments() -> SegmentSection? {
    guard let s = try? charts.segmented() else { return nil }
    let features = s.model.featureNames
    let columns = features.map { s.table[$0]?.doubles ?? [] }
    let money = s.table["monetary"]?.doubles
    var out: [ReportSegment] = []
    for segment in ChartBuilder.segments(of: s) {
      let rows = s.labels.indices.filter { s.labels[$0] == segment.index }
      var revenue = money == nil ? Double.nan : 0
      if let money { for i in rows where money[i].isFinite { revenue += money[i] } }
      let means = columns.map { $0.isEmpty ? Double.nan : ChartBuilder.mean(of: $0, at: rows) }
      out.append(
        ReportSegment(
          segment: segment, customers: rows.count, revenue: revenue, means: means,
          action: Self.action(for: segment)))
    }
    var figures: [ReportFigure] = []
    let b = charts
    if let p = try? b.profile(columns: nil, givenAt: range) {
      figures.append(
        ReportFigure(
          caption: "Average feature values per segment, in original units.", chart: .profile(p)))
    }
    if let p = try? b.snake(columns: nil, givenAt: range) {
      figures.append(
        ReportFigure(
          caption: "Segment means in standard deviations from the mean of all segmented "
            + "customers: how each segment differs.", chart: .snake(p)))
    }
    if let d = try? b.sizes() {
      figures.append(
        ReportFigure(
          caption: d.hasRevenue ? "Customers and revenue per segment." : "Customers per segment.",
          chart: .sizes(d)))
    }
    if let d = try? b.heatmap() {
      figures.append(
        ReportFigure(
          caption: d.valueName == "Customers"
            ? "Customers by R score and F score (5 is best)."
            : "Customers by R score and F score (5 is best), with their mean monetary value.",
          chart: .heatmap(d)))
    }
    if let d = try? b.scatter(columns: nil, givenAt: range) {
      let caption =
        d.source == "PCA"
        ? "Customers on the first two principal components of the clustering features; "
          + "ringed dots mark segment means."
        : "Customers on the t-SNE map of the clustering features."
      figures.append(ReportFigure(caption: caption, chart: .scatter(d.data)))
    }
    return SegmentSection(
      features: features.map { .column($0) }, segments: out, charts: figures)
  }

  /// The suggested action of a segment: by name, with fixed ones for outliers and noise.
  static func action(for segment: ChartSegment) -> String? {
    switch segment.index {
    case SegmentationModel.outlierLabel:
      "Handle by hand: unusually large or active accounts, set aside before clustering."
    case SegmentationModel.noiseLabel:
      "Review: customers unlike any segment."
    default: nil
    }
  }

  // MARK: Migration and notes

  func migration() -> MigrationSection? {
    workspace.comparison.map { MigrationSection($0) }
  }

  func notes() -> [String] {
    var notes: [String] = []
    if let p = workspace.provenance { notes += p.report.warnings.map { "load: " + $0.seg } }
    if let r = workspace.rfm { notes += r.notes.map { "rfm: " + $0.seg } }
    if let m = workspace.alignedModel {
      notes += m.notes.map { "cluster: " + $0 }
      for (i, reason) in m.reasons.enumerated() {
        if let reason {
          notes.append("name auto called cluster \(i) \(m.name(ofLabel: i)): \(reason)")
        }
      }
    }
    if let r = workspace.clv {
      notes.append("clv: " + Commands.fitLine("BG/NBD", r.bgnbd))
      if let p = r.paretoNBD { notes.append("clv: " + Commands.fitLine("Pareto/NBD", p)) }
      if let g = r.gammaGamma { notes.append("clv: " + Commands.fitLine("Gamma-Gamma", g)) }
      if let b = r.boundaryNote { notes.append("clv: " + b) }
    }
    for e in [workspace.pca, workspace.tsne].compactMap({ $0 }) {
      notes += e.notes.map { "\(e.method == .pca ? "pca" : "tsne"): " + $0 }
    }
    return notes
  }

  // MARK: Formatting

  /// A silhouette, index or share with three decimals.
  static func score(_ x: Double) -> String { ValueFormat.number(decimals: 3).format(x) }

  static func methodName(_ name: String) -> String {
    Commands.clusterMethod(named: name)?.method.title ?? name
  }
}
