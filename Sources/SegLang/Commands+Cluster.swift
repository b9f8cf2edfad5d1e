import SegCore

extension Commands {
  /// `cluster`, `profile`, `centroids`, `name`.
  static let clustering: [CommandSpec] = [
    CommandSpec(
      name: "cluster", category: .segmentation,
      summary: "Clusters the customers on the scaled features and prints the cluster sizes.",
      discussion: """
        kmeans (k-means++ with n_init restarts, the default), hierarchical (Ward linkage; on a \
        seeded sample of 10,000 rows above that, the rest joining the nearest centroid), \
        dbscan (density; ignores k, eps is suggested from the knee of the k-distance curve \
        when not given, noise is its own group labelled -1) or gmm (Gaussian mixture, full \
        covariances) or minibatch (mini-batch k-means for very large tables: batches of \
        batch_size rows, scikit-learn's MiniBatchKMeans). Customers set aside by filter z<… \
        stay aside as the group Outliers (label -2) unless assign=nearest gives each the \
        cluster of its nearest centroid. \
        Deterministic for a given seed. Clusters are named Cluster 0, Cluster 1 … until \
        `name`.
        """,
      options: [
        OptionSpec("k", .int, "the number of clusters (not for dbscan)", minimum: 2),
        OptionSpec(
          "method", .choice(clusterMethods.map(\.name)), "the algorithm",
          default: .string(KMeansMethod.name)),
        seedOption,
        OptionSpec(
          "n_init", .int, "restarts (kmeans: 10, gmm: 1, minibatch: 3); the best is kept",
          minimum: 1),
        OptionSpec("eps", .number, "dbscan: the neighbourhood radius in scaled units"),
        OptionSpec(
          "min_samples", .int, "dbscan: neighbours (the row included) that make a core point",
          default: .number(5)),
        OptionSpec(
          "batch_size", .int, "minibatch: rows per step", default: .number(1024), minimum: 1),
        OptionSpec(
          "assign", .choice(OutlierAssignment.allCases.map(\.rawValue)),
          "what happens to customers set aside as outliers", default: .string("outliers")),
      ],
      examples: [
        "cluster k=4", "cluster k=5 method=hierarchical",
        "cluster method=dbscan eps=0.5 min_samples=10",
        "cluster k=4 seed=7 n_init=20 assign=nearest",
      ],
      needs: .table,
      run: { context, arguments throws(RuntimeError) in try Commands.cluster(&context, arguments) }),
    CommandSpec(
      name: "profile", category: .segmentation,
      summary:
        "Describes each segment: size, share of customers and revenue, feature means and medians in original units.",
      discussion: """
        One column per segment (and for noise and outliers when there are any) plus `all`, the \
        customers profiled (a line under the table says who they are and who was set aside by \
        other filters and is not in it); `vs all` is the segment mean relative to the mean of \
        all. Every numeric column of the customer table is described (the clustering features \
        first, then tenure, average order value, return rate, distinct products, affinity, \
        scores, …) unless `cols=` lists the ones to show. Values are in original units, before \
        transform and scaling; missing values (days between purchases of one-time buyers) are \
        left out of means and medians.
        """,
      options: [
        OptionSpec(
          "cols", .names, "the numeric columns to describe (default: every numeric column)")
      ],
      examples: ["profile", "profile cols=[recency, monetary, return_rate]"],
      needs: .segments,
      run: { context, arguments throws(RuntimeError) in try Commands.profile(&context, arguments) }),
    CommandSpec(
      name: "centroids", category: .segmentation,
      summary: "Prints the cluster centres in the clustered (scaled) space and in original units.",
      examples: ["centroids"],
      needs: .segments,
      run: { context, arguments throws(RuntimeError) in try Commands.centroids(&context, arguments)
      }),
    CommandSpec(
      name: "name", category: .segmentation,
      summary:
        "Names the segments: name auto proposes names from the profiles, name N \"Name\" sets one.",
      discussion: """
        name auto ranks every customer on recency, frequency and monetary and gives each \
        cluster the closest name of the RFM vocabulary (Champions, Loyal Customers, At Risk, \
        Lost …), never the same name twice, with a one-line reason. Names appear in every \
        later output and in exports.
        """,
      positionals: [
        ArgumentSpec("cluster", .name, "a cluster id (0, 1, …) or auto"),
        ArgumentSpec("name", .string, "the segment name", isRequired: false),
      ],
      examples: ["name auto", "name 0 \"Champions\""],
      usageOverride: "name auto | name CLUSTER \"NAME\"",
      needs: .segments,
      run: { context, arguments throws(RuntimeError) in try Commands.name(&context, arguments) }),
  ]

  static func cluster(_ context: inout ExecutionContext, _ arguments: CommandArguments)
    throws(RuntimeError)
  {
    let at = arguments.command.nameRange
    let entry =
      clusterMethod(named: arguments.string("method") ?? KMeansMethod.name) ?? clusterMethods[0]
    let takesK = entry.method.takesClusterCount
    let requestedK = arguments.int("k")
    let kRange = arguments.range(of: "k")
    if takesK && requestedK == nil {
      _ = try context.requireTable(at: at)
      throw RuntimeError(.missingOption, "cluster needs the number of clusters: k=N", at: at)
        .withHelp(
          context.workspace.sweeps.choice.map {
            "choose recommended k=\($0.recommendedK): cluster k=\($0.recommendedK)"
          }
            ?? "e.g. cluster k=4; choose 2..10 helps pick k")
    }
    if !takesK, requestedK != nil {
      context.warn(
        "\(entry.name) finds the number of clusters itself; k is ignored", at: kRange,
        id: .ignoredOption)
    }
    for option in methodOptions where !entry.options.contains(option) && arguments.isGiven(option) {
      let readers = clusterMethods.filter { $0.options.contains(option) }.map(\.name)
      let list =
        readers.count < 2
        ? readers.joined() : readers.dropLast().joined(separator: ", ") + " or " + readers[readers.count - 1]
      context.warn(
        "\(option) applies only to method=\(list); ignored",
        at: arguments.range(of: option), id: .ignoredOption)
    }
    let matrix = try context.featureMatrix(at: at)
    let ws = context.workspace
    let what = rowNoun(ws)
    let seed = try context.seed(arguments)
    let k = takesK ? requestedK ?? 2 : 2
    if takesK, k < 2 || k > matrix.rows {
      throw SegmentationErrors.analysis(
        .invalidClusterCount(k: k, rows: matrix.rows), at: kRange, what: what)
    }
    let assignment =
      OutlierAssignment(rawValue: arguments.string("assign") ?? "outliers") ?? .outliers
    let method = try entry.make(arguments, context, k)
    // The fit of a `choose` or `elbow` sweep on these features, when it is the one this would
    // make.
    var reused: KMeansFitMemo.Entry?
    if let kmeans = method as? KMeansMethod {
      var options = kmeans.options
      options.seed = seed
      reused = ws.sweeps.fits.entry(k: kmeans.k, matrix: matrix, options: options)
    }
    let fit: ClusterModel
    do throws(AnalysisError) {
      if let reused {
        fit = reused.model
      } else {
        fit = try method.fit(matrix, seed: seed, cancellation: context.cancellationToken)
      }
    } catch {
      let range: SourceRange
      switch error {
      case .noDenseRegion: range = arguments.isGiven("eps") ? arguments.range(of: "eps") : at
      default: range = takesK ? kRange : at
      }
      throw SegmentationErrors.analysis(error, at: range, what: what)
    }
    try context.checkCancellation(at: at)
    // A cluster no row is nearest to (a mixture component nobody is most likely in) is an empty
    // segment: say so.
    let empty = fit.sizes.filter { $0 == 0 }.count
    if empty > 0 {
      context.warn(
        "\(empty) of the \(fit.clusterCount) clusters have no \(what): only \(fit.clusterCount - empty) segments have members",
        at: kRange, id: .emptyClusters)
    }
    var model = SegmentationModel(
      method: entry.name, k: fit.clusterCount, tableName: ws.tableName ?? "table",
      featureNames: matrix.columnNames, labels: fit.labels, sizes: fit.sizes,
      centroidsScaled: fit.centroids,
      centroidsOriginal: FeaturePipeline.toOriginal(fit.centroids, state: ws.features),
      seed: seed)
    model.noiseCount = fit.noiseCount
    model.notes = fit.notes
    model.inertia = fit.quality.inertia
    model.restarts = fit.quality.restarts
    model.eps = fit.density?.eps
    model.epsWasSuggested = fit.density?.epsWasSuggested ?? false
    model.minSamples = fit.density?.minSamples
    model.outlierAssignment = assignment
    // Outliers: set aside, or the nearest centroid.
    if let outliers = ws.tables[Workspace.outliersTable], ws.outliers != nil, outliers.rowCount > 0,
      model.tableName == Workspace.customersTable
    {
      if assignment == .nearest {
        do {
          let projected = try FeaturePipeline.project(outliers, state: ws.features)
          model.outlierLabels = try fit.assign(projected)
        } catch {
          throw SegmentationErrors.analysis(
            error, at: arguments.range(of: "assign"), table: outliers, what: "customers")
        }
      } else {
        model.outlierLabels = [Int](
          repeating: SegmentationModel.outlierLabel, count: outliers.rowCount)
      }
    } else if assignment == .nearest && arguments.isGiven("assign") {
      context.warn(
        "there are no outliers to assign (filter z<3 sets them aside)",
        at: arguments.range(of: "assign"), id: .ignoredOption)
    }
    // The silhouette of the fit (noise left out).
    let labels = fit.labels
    let n = matrix.rows
    let clustered = labels.indices.filter { labels[$0] != SegmentationModel.noiseLabel }
    if let silhouette = reused?.silhouette {
      model.silhouette = silhouette.score
      model.silhouetteIsSampled = silhouette.isSampled
    } else if fit.clusterCount >= 2, clustered.count > fit.clusterCount {
      let sub = clustered.count == n ? matrix : matrix.gathering(rows: clustered)
      let subLabels = clustered.count == n ? labels : clustered.map { labels[$0] }
      if let s = try? ClusterValidity.silhouette(
        sub, labels: subLabels, sampleLimit: ClusterValidity.defaultSilhouetteSampleLimit,
        seed: seed)
      {
        model.silhouette = s.score
        model.silhouetteIsSampled = s.isSampled
      }
    }
    context.workspace.model = model
    printClusters(&context, model, what: what)
  }

  static func printClusters(
    _ context: inout ExecutionContext, _ model: SegmentationModel, what: String
  ) {
    let ws = context.workspace
    var header = "cluster: \(model.method)"
    if clusterMethod(named: model.method)?.method.takesClusterCount == false {
      header += " found \(model.k) cluster\(model.k == 1 ? "" : "s")"
    } else {
      header += ", k=\(model.k)"
    }
    header +=
      " on \(NumberFormatting.count(model.labels.count)) \(what) (features "
      + model.featureNames.joined(separator: ", ") + "; " + FeaturePipeline.describe(ws.features)
      + "; seed \(model.seed)"
      + (model.restarts.map { ", \($0) restart\($0 == 1 ? "" : "s")" } ?? "") + ")"
    context.write(header)
    if let eps = model.eps {
      context.write(
        "  eps \(NumberFormatting.format(eps))"
          + (model.epsWasSuggested
            ? " (suggested from the knee of the sorted \(model.minSamples ?? 5)-distance curve; pass eps= to override)"
            : "")
          + ", min_samples \(model.minSamples ?? 5)")
    }
    let total = model.labels.count + model.outlierLabels.count
    func share(_ n: Int) -> String {
      NumberFormatting.percent(total > 0 ? Double(n) / Double(total) : 0)
    }
    var rows = (0..<model.k).map { c in
      [String(c), model.names[c], NumberFormatting.count(model.sizes[c]), share(model.sizes[c])]
    }
    if model.noiseCount > 0 {
      rows.append([
        String(SegmentationModel.noiseLabel), SegmentationModel.noiseName,
        NumberFormatting.count(model.noiseCount),
        share(model.noiseCount),
      ])
    }
    let outliers = model.outlierLabels.count
    if outliers > 0 {
      if model.outlierAssignment == .outliers {
        rows.append([
          String(SegmentationModel.outlierLabel), SegmentationModel.outlierName + " (set aside)",
          NumberFormatting.count(outliers), share(outliers),
        ])
      }
    }
    context.write(
      indent(
        TextTable.render(
          header: ["cluster", "segment", what, "share"], rows: rows, rightAligned: [0, 2, 3])))
    if outliers > 0, model.outlierAssignment == .nearest {
      let counts = (0..<model.k).map { c in model.outlierLabels.reduce(0) { $0 + ($1 == c ? 1 : 0) }
      }
      context.write(
        "  \(NumberFormatting.count(outliers)) outliers assigned to their nearest centroid: "
          + counts.enumerated().filter { $0.element > 0 }.map {
            "\($0.offset): \(NumberFormatting.count($0.element))"
          }
          .joined(separator: ", ") + " (not in the sizes above; outlier=true in exports)")
    }
    var quality: [String] = []
    if let inertia = model.inertia { quality.append("inertia \(NumberFormatting.format(inertia))") }
    if let s = model.silhouette {
      quality.append(
        "silhouette \(NumberFormatting.format(s)) (\(model.silhouetteIsSampled ? "seeded sample" : "exact"))"
      )
    }
    if !quality.isEmpty { context.write("  " + quality.joined(separator: ", ")) }
    for note in model.notes { context.write("  note: " + note) }
  }

  /// The model, or an `unavailable` error telling what to run.
  static func requireModel(_ context: ExecutionContext, at range: SourceRange) throws(RuntimeError)
    -> SegmentedCustomers
  {
    try context.segmentedCustomers(at: range)
  }

  static func profile(_ context: inout ExecutionContext, _ arguments: CommandArguments)
    throws(RuntimeError)
  {
    let at = arguments.command.nameRange
    let segmented = try requireModel(context, at: at)
    let profiles: ClusterProfiles
    do {
      profiles = try segmented.profiles()
    } catch {
      throw SegmentationErrors.analysis(error, at: at, table: segmented.table, what: "customers")
    }
    let columns =
      try checkedColumns(arguments, segmented.table)
      ?? segmented.numericColumns(customer: context.workspace.customerColumnName(in: segmented.table))
    let groups = segmented.groups
    let model = segmented.model
    context.write(
      "profile: \(model.k) segment\(model.k == 1 ? "" : "s") of \(NumberFormatting.count(profiles.rows)) customers"
        + (segmented.isOutlier.contains(true) ? " (outliers included as their own group)" : "")
        + "; features in original units")
    let extra = segmented.columnProfiles(columns.filter { !profiles.columnNames.contains($0) })
    context.write(indent(profileTable(profiles, groups: groups, columns: columns, extra: extra)))
    if let clv = clvProfile(segmented, shown: columns) { context.write(indent(clv)) }
    context.write(indent(coverage(segmented, context.workspace)))
  }

  /// Mean CLV columns per profile group (`exp_purchases`, `p_alive`, `exp_spend`, `clv`), when
  /// `clv` added them to the clustered table, leaving out the columns the profile table above
  /// already shows, and each segment's share of the total CLV; customers without a prediction are
  /// left out.
  static func clvProfile(_ s: SegmentedCustomers, shown: [String]) -> String? {
    guard s.table["clv"] != nil || Workspace.clvColumns.contains(where: { s.table[$0] != nil })
    else { return nil }
    let columns = Workspace.clvColumns.filter { !shown.contains($0) }.compactMap { name in
      s.table[name]?.doubles.map { (name, $0) }
    }
    let groups = s.groups
    var rows: [[String]] = []
    for (name, values) in columns {
      func mean(_ keep: (Int) -> Bool) -> String {
        var sum = 0.0
        var n = 0
        for i in values.indices where keep(i) && values[i].isFinite {
          sum += values[i]
          n += 1
        }
        return n > 0 ? NumberFormatting.format(sum / Double(n)) : ""
      }
      rows.append(
        ["\(name) mean"] + groups.map { g in mean { s.labels[$0] == g.label } } + [mean { _ in true }])
    }
    if let clv = s.table["clv"]?.doubles {
      let total = clv.reduce(0.0) { $0 + ($1.isFinite ? $1 : 0) }
      func share(_ label: Int) -> String {
        var v = 0.0
        for i in clv.indices where s.labels[i] == label && clv[i].isFinite { v += clv[i] }
        return total != 0 ? NumberFormatting.percent(v / total) : ""
      }
      rows.append(["clv share"] + groups.map { share($0.label) } + ["100.0%"])
    }
    let header = ["customer value"] + groups.map(\.name) + ["all"]
    return TextTable.render(header: header, rows: rows, rightAligned: Set(1..<header.count))
  }

  /// The line under the profile saying which customers `all` covers, and which ones filters set
  /// aside that it does not.
  static func coverage(_ s: SegmentedCustomers, _ ws: Workspace) -> String {
    let count = NumberFormatting.count
    var parts = ["\(count(s.clusteredRows - s.labels.prefix(s.clusteredRows).count { $0 == SegmentationModel.noiseLabel })) clustered"]
    let noise = s.labels.count { $0 == SegmentationModel.noiseLabel }
    if noise > 0 { parts.append("\(count(noise)) noise") }
    let outliers = s.isOutlier.count { $0 }
    if outliers > 0 { parts.append("\(count(outliers)) outlier\(outliers == 1 ? "" : "s")") }
    var line = "all: the \(count(s.labels.count)) customers above (" + parts.joined(separator: ", ") + ")"
    let filtered = s.model.tableName == Workspace.customersTable ? ws.filteredCustomers : []
    if !filtered.isEmpty {
      line +=
        "; not profiled: "
        + filtered.map { "\(count($0.rows.rowCount)) removed by filter \($0.condition)" }
        .joined(separator: ", ") + " (export lists them with their status)"
    }
    return line
  }

  /// The transposed profile table: one column per group plus `all`; the rows of `columns`, from
  /// the clustering profile `p` for its features and from `extra` for the others.
  static func profileTable(
    _ p: ClusterProfiles, groups: [(label: Int, name: String)], columns: [String]? = nil,
    extra: [SegmentedCustomers.ColumnProfile] = []
  ) -> String {
    var header = [""] + groups.map(\.name) + ["all"]
    header[0] = "segment"
    var rows: [[String]] = []
    rows.append(["cluster"] + groups.map { String($0.label) } + [""])
    rows.append(
      ["customers"] + p.clusters.map { NumberFormatting.count($0.size) } + [
        NumberFormatting.count(p.rows)
      ])
    rows.append(["share"] + p.clusters.map { NumberFormatting.percent($0.share) } + ["100.0%"])
    if p.clusters.contains(where: { $0.revenueShare != nil }) {
      rows.append(
        ["revenue"] + p.clusters.map { $0.revenueShare.map(NumberFormatting.percent) ?? "" } + [
          "100.0%"
        ])
    }
    for name in columns ?? p.columnNames {
      if let j = p.columnNames.firstIndex(of: name) {
        rows.append(
          ["\(name) mean"] + p.clusters.map { NumberFormatting.format($0.means[j]) } + [
            NumberFormatting.format(p.populationMeans[j])
          ])
        rows.append(
          ["\(name) median"] + p.clusters.map { NumberFormatting.format($0.medians[j]) } + [
            NumberFormatting.format(p.populationMedians[j])
          ])
        rows.append(["\(name) vs all"] + p.clusters.map { relative($0.ratios[j]) } + [""])
      } else if let e = extra.first(where: { $0.name == name }) {
        rows.append(["\(name) mean"] + (e.means + [e.allMean]).map(NumberFormatting.format))
        rows.append(["\(name) median"] + (e.medians + [e.allMedian]).map(NumberFormatting.format))
        rows.append(
          ["\(name) vs all"]
            + e.means.map { relative(e.allMean != 0 ? $0 / e.allMean : nil) } + [""])
      }
    }
    return TextTable.render(header: header, rows: rows, rightAligned: Set(1..<header.count))
  }

  /// A ratio to the population mean as a signed percentage: `+35.2%`, `-85.0%`.
  static func relative(_ ratio: Double?) -> String {
    guard let r = ratio, r.isFinite else { return "" }
    let text = NumberFormatting.percent(r - 1)
    return r - 1 > 0 && !text.hasPrefix("-") ? "+" + text : text
  }

  static func centroids(_ context: inout ExecutionContext, _ arguments: CommandArguments)
    throws(RuntimeError)
  {
    let segmented = try requireModel(context, at: arguments.command.nameRange)
    let model = segmented.model
    let d = model.featureNames.count
    func table(_ values: [Double]) -> String {
      let rows = (0..<model.k).map { c in
        [String(c), model.names[c]] + (0..<d).map { NumberFormatting.format(values[c * d + $0]) }
      }
      return indent(
        TextTable.render(
          header: ["cluster", "segment"] + model.featureNames, rows: rows,
          rightAligned: Set([0] + (2..<(d + 2)))))
    }
    let space = FeaturePipeline.describe(context.workspace.features)
    context.write(
      "centroids in the clustered space (\(space))"
        + (model.labelRule == .nearestCentroid ? ":" : ", cluster means:"))
    context.write(table(model.centroidsScaled))
    context.write("centroids in original units (scaling and transform undone):")
    context.write(table(model.centroidsOriginal))
  }

  static func name(_ context: inout ExecutionContext, _ arguments: CommandArguments)
    throws(RuntimeError)
  {
    let at = arguments.command.nameRange
    guard let target = arguments.string("cluster") else { return }
    let segmented = try requireModel(context, at: at)
    var model = segmented.model
    if target == "auto" {
      if arguments.isGiven("name") {
        throw RuntimeError(
          .extraArgument, "name auto takes no name", at: arguments.range(of: "name"))
      }
      let rows = model.labels.indices.filter { model.labels[$0] >= 0 }
      let names: [SegmentName]
      do {
        let original = try FeatureMatrix(
          table: segmented.table.gathering(rows), columns: model.featureNames)
        names = try SegmentNamer.names(original: original, labels: rows.map { model.labels[$0] })
      } catch {
        throw SegmentationErrors.analysis(error, at: at, table: segmented.table, what: "customers")
      }
      for n in names where n.cluster < model.k {
        model.names[n.cluster] = n.name
        model.reasons[n.cluster] = n.reason
      }
      context.workspace.model = model
      // The roles the names were read from: a log without money has no monetary.
      let found = RFMRoles.detect(in: model.featureNames)
      let used = [("recency", found.recency), ("frequency", found.frequency), ("monetary", found.monetary)]
        .compactMap { $0.1 == nil ? nil : $0.0 }
      let listed =
        used.count <= 1
        ? used.first ?? "no RFM"
        : used.dropLast().joined(separator: ", ") + " and " + (used.last ?? "")
      context.write(
        "name auto: \(model.k) segment\(model.k == 1 ? "" : "s") named from \(listed) standing")
      let table = (0..<model.k).map { c in
        [String(c), model.names[c], NumberFormatting.count(model.sizes[c]), model.reasons[c] ?? ""]
      }
      let rendered = indent(
        TextTable.render(
          header: ["cluster", "segment", "customers", "why"], rows: table, rightAligned: [0, 2]))
      // On a terminal the reasons wrap at word boundaries under their column.
      context.write(
        context.host.terminalColumns.map { TextWrap.lastColumn(of: rendered, width: $0) }
          ?? rendered)
      return
    }
    let validIDs = model.k == 1 ? "0" : "0 to \(model.k - 1)"
    guard let id = Int(target), id >= 0, id < model.k else {
      var error = RuntimeError(
        .unknownCluster,
        Int(target) != nil
          ? "there is no cluster \(target): the clusters are \(validIDs)"
          : "'\(target)' is not a cluster id",
        at: arguments.range(of: "cluster")
      ).withHelp(
        "name a cluster by its id (\(validIDs)): name 0 \"Champions\", or let seg propose names: name auto"
      )
      if Int(target) == nil, model.names.contains(target) {
        error = error.withNote(
          "'\(target)' is a segment name; use its cluster id \(model.names.firstIndex(of: target) ?? 0)"
        )
      }
      throw error
    }
    guard let newName = arguments.string("name") else {
      throw RuntimeError(
        .missingArgument, "name \(id) needs the new name in quotes",
        at: arguments.range(of: "cluster")
      )
      .withHelp("name \(id) \"Champions\"")
    }
    let trimmed = String(newName.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    guard !trimmed.isEmpty else {
      throw RuntimeError(
        .invalidValue, "a segment name cannot be empty", at: arguments.range(of: "name"))
    }
    if trimmed == SegmentationModel.noiseName || trimmed == SegmentationModel.outlierName {
      throw RuntimeError(
        .invalidValue,
        "'\(trimmed)' is reserved for the \(trimmed == SegmentationModel.noiseName ? "dbscan noise" : "outliers") group",
        at: arguments.range(of: "name"))
    }
    if let other = model.names.firstIndex(of: trimmed), other != id {
      throw RuntimeError(
        .duplicateSegmentName, "cluster \(other) is already called '\(trimmed)'",
        at: arguments.range(of: "name")
      )
      .withHelp("segment names must differ; rename cluster \(other) first or choose another name")
    }
    let old = model.names[id]
    model.names[id] = trimmed
    model.reasons[id] = nil
    context.workspace.model = model
    context.write(
      "name \(id): '\(old)' is now '\(trimmed)' (\(NumberFormatting.count(model.sizes[id])) customers)"
    )
  }
}
