import SegCharts
import SegCore

extension Commands {
  static let seedOption = OptionSpec("seed", .int, "the random seed (default: $seed)")
  static let restartsOption = OptionSpec(
    "n_init", .int, "k-means restarts per k; the best is kept", default: .number(10), minimum: 1)

  /// `elbow`, `silhouette`, `choose`.
  static let kChoice: [CommandSpec] = [
    CommandSpec(
      name: "elbow", category: .segmentation,
      summary: "Fits k-means for each k of a range and prints the inertia curve with its knee.",
      discussion: """
        Inertia is the within-cluster sum of squares in the scaled space. The knee is found by \
        Kneedle (the point farthest below the line from the first to the last k); the curve is \
        drawn beneath the table with the knee marked. Fits are the same as `cluster` with the \
        same k and seed.
        """,
      positionals: [ArgumentSpec("ks", .intRange, "the values of k, e.g. 2..10")],
      options: [seedOption, restartsOption],
      examples: ["elbow 2..10", "elbow 2..8 seed=7 n_init=20"],
      needs: .table,
      run: { context, arguments throws(RuntimeError) in try Commands.elbow(&context, arguments) }),
    CommandSpec(
      name: "silhouette", category: .segmentation,
      summary:
        "Prints the mean silhouette of a k-means fit for each k of a range (higher is better).",
      discussion: """
        Exact up to sample= rows (10,000 by default); above that, on a seeded random sample of \
        that many rows, and the output says which.
        """,
      positionals: [ArgumentSpec("ks", .intRange, "the values of k, e.g. 2..10")],
      options: [
        seedOption, restartsOption,
        OptionSpec(
          "sample", .int, "the most rows computed exactly; a seeded sample above",
          default: .number(10_000)),
      ],
      examples: ["silhouette 2..10", "silhouette 2..6 sample=2000"],
      needs: .table,
      run: { context, arguments throws(RuntimeError) in try Commands.silhouette(&context, arguments)
      }),
    CommandSpec(
      name: "choose", category: .segmentation,
      summary: "Compares each k of a range on five criteria and recommends one.",
      discussion: """
        One table: inertia, silhouette (higher is better), Calinski–Harabasz (higher), \
        Davies–Bouldin (lower), stability (mean adjusted Rand index over resamples of 80% of \
        the rows; 1 is perfectly stable) and which criteria voted for each k. Each criterion \
        votes for its best k, the inertia knee votes too; when some k are stable (ARI ≥ 0.75) \
        only those can win. Most votes wins; ties go to the higher silhouette, then the \
        smaller k. The recommendation is available as recommended_k.
        """,
      positionals: [ArgumentSpec("ks", .intRange, "the values of k, e.g. 2..10")],
      options: [
        seedOption, restartsOption,
        OptionSpec(
          "resamples", .int, "subsamples for the stability score", default: .number(10),
          minimum: 1),
      ],
      examples: ["choose 2..10", "choose 2..8 resamples=20 seed=7"],
      needs: .table,
      run: { context, arguments throws(RuntimeError) in try Commands.choose(&context, arguments) }),
  ]

  /// The matrix and the checked range of a sweep.
  static func sweepInput(_ context: inout ExecutionContext, _ arguments: CommandArguments)
    throws(RuntimeError) -> (matrix: FeatureMatrix, ks: ClosedRange<Int>, what: String)?
  {
    guard let ks = arguments.intRange("ks") else { return nil }
    let matrix = try context.featureMatrix(at: arguments.command.nameRange)
    let what = rowNoun(context.workspace)
    try context.checkRange(ks, rows: matrix.rows, at: arguments.range(of: "ks"), what: what)
    return (matrix, ks, what)
  }

  static func elbow(_ context: inout ExecutionContext, _ arguments: CommandArguments)
    throws(RuntimeError)
  {
    guard let (matrix, ks, what) = try sweepInput(&context, arguments) else { return }
    let seed = try context.seed(arguments)
    let restarts = try context.restarts(arguments)
    let elbow: Elbow
    var options = KMeansOptions(restarts: restarts, seed: seed)
    options.cancellation = context.cancellationToken
    do {
      elbow = try Elbow.sweep(matrix, ks: ks, options: options)
    } catch {
      throw SegmentationErrors.analysis(error, at: arguments.range(of: "ks"), what: what)
    }
    context.workspace.sweeps.elbow = elbow
    context.workspace.sweeps.fits.record(elbow.fits, matrix: matrix, options: options)
    context.write(
      "elbow: k-means inertia for k = \(ks.lowerBound)..\(ks.upperBound) on \(NumberFormatting.count(matrix.rows)) \(what) (seed \(seed), \(restarts) restart\(restarts == 1 ? "" : "s") each)"
    )
    let rows = zip(elbow.ks, elbow.inertias).map { k, inertia in
      [String(k), NumberFormatting.format(inertia), k == elbow.knee ? "knee" : ""]
    }
    context.write(
      indent(TextTable.render(header: ["k", "inertia", ""], rows: rows, rightAligned: [0, 1])))
    context.write(
      indent(
        InlineChart.kSeries(
          ks: elbow.ks, values: elbow.inertias, marked: elbow.knee, color: context.usesColor)))
    if let knee = elbow.knee {
      context.write("knee: k = \(knee) (Kneedle)")
    } else {
      context.write("knee: none (the curve has no clear bend; see silhouette or choose)")
    }
  }

  static func silhouette(_ context: inout ExecutionContext, _ arguments: CommandArguments)
    throws(RuntimeError)
  {
    guard let (matrix, ks, what) = try sweepInput(&context, arguments) else { return }
    let seed = try context.seed(arguments)
    let restarts = try context.restarts(arguments)
    let limit = arguments.int("sample") ?? ClusterValidity.defaultSilhouetteSampleLimit
    guard limit >= 2 else {
      throw RuntimeError(
        .invalidValue, "sample must be at least 2", at: arguments.range(of: "sample"))
    }
    var scores: [Double] = []
    var inertias: [Double] = []
    var rowsUsed = matrix.rows
    do {
      var options = KMeansOptions(restarts: restarts, seed: seed)
      options.cancellation = context.cancellationToken
      let elbow = try Elbow.sweep(matrix, ks: ks, options: options)
      for fit in elbow.fits {
        try context.checkCancellation(at: arguments.command.nameRange)
        let s = try ClusterValidity.silhouette(
          matrix, labels: fit.labels, sampleLimit: limit, seed: seed,
          cancellation: context.cancellationToken)
        scores.append(s.score)
        inertias.append(fit.quality.inertia ?? .nan)
        rowsUsed = s.rowsUsed
      }
    } catch let error as AnalysisError {
      throw SegmentationErrors.analysis(error, at: arguments.range(of: "ks"), what: what)
    } catch let error as RuntimeError {
      throw error
    } catch {
      return
    }
    let sweep = SilhouetteSweep(
      ks: Array(ks), scores: scores, inertias: inertias, rowsUsed: rowsUsed, rows: matrix.rows,
      seed: seed)
    context.workspace.sweeps.silhouette = sweep
    let how =
      sweep.isSampled
      ? "on a seeded sample of \(NumberFormatting.count(rowsUsed)) of \(NumberFormatting.count(matrix.rows)) \(what) (sample=\(limit))"
      : "exact, on all \(NumberFormatting.count(matrix.rows)) \(what)"
    context.write(
      "silhouette: k-means for k = \(ks.lowerBound)..\(ks.upperBound), \(how), seed \(seed)")
    let best = sweep.bestK
    let rows = zip(sweep.ks, sweep.scores).map { k, s in
      [String(k), NumberFormatting.format(s), k == best ? "best" : ""]
    }
    context.write(
      indent(TextTable.render(header: ["k", "silhouette", ""], rows: rows, rightAligned: [0, 1])))
    context.write(
      indent(
        InlineChart.kSeries(
          ks: sweep.ks, values: sweep.scores, marked: best, color: context.usesColor)))
    if let best { context.write("best: k = \(best) (highest mean silhouette)") }
  }

  static func choose(_ context: inout ExecutionContext, _ arguments: CommandArguments)
    throws(RuntimeError)
  {
    guard let (matrix, ks, what) = try sweepInput(&context, arguments) else { return }
    let seed = try context.seed(arguments)
    let restarts = try context.restarts(arguments)
    let resamples = arguments.int("resamples") ?? 10
    guard resamples >= 1 else {
      throw RuntimeError(
        .invalidValue, "resamples must be at least 1", at: arguments.range(of: "resamples"))
    }
    let choice: ClusterCountChoice
    var kmeans = KMeansOptions(restarts: restarts, seed: seed)
    kmeans.cancellation = context.cancellationToken
    let options = ClusterCountOptions(kmeans: kmeans, resamples: resamples)
    do {
      choice = try ClusterCountChoice.evaluate(matrix, ks: ks, options: options)
    } catch {
      throw SegmentationErrors.analysis(error, at: arguments.range(of: "ks"), what: what)
    }
    context.workspace.sweeps.choice = choice
    context.workspace.sweeps.fits.record(
      choice.candidates.map(\.fit),
      silhouettes: options.silhouetteSampleLimit == ClusterValidity.defaultSilhouetteSampleLimit
        ? choice.candidates.map {
          KMeansFitMemo.Silhouette(score: $0.silhouette, isSampled: choice.silhouetteIsSampled)
        } : nil,
      matrix: matrix, options: kmeans)
    let how =
      choice.silhouetteIsSampled
      ? "silhouette on a seeded sample of \(NumberFormatting.count(choice.silhouetteRows))"
      : "silhouette exact"
    context.write(
      "choose: k = \(ks.lowerBound)..\(ks.upperBound) on \(NumberFormatting.count(matrix.rows)) \(what) (seed \(seed), \(restarts) restarts, \(resamples) resamples of 80% for stability, \(how))"
    )
    let rows = choice.candidates.enumerated().map { i, c in
      [
        String(c.k) + (c.k == choice.recommendedK ? " *" : ""), NumberFormatting.format(c.inertia),
        NumberFormatting.format(c.silhouette), NumberFormatting.format(c.calinskiHarabasz),
        NumberFormatting.format(c.daviesBouldin), NumberFormatting.format(c.stability),
        choice.votes[i].map(shortVote).joined(separator: ", "),
      ]
    }
    context.write(
      indent(
        TextTable.render(
          header: ["k", "inertia", "silhouette", "CH", "DB", "stability", "votes"], rows: rows,
          rightAligned: [0, 1, 2, 3, 4, 5])))
    context.write("  silhouette by k:")
    context.write(
      indent(
        InlineChart.kSeries(
          ks: choice.candidates.map(\.k), values: choice.candidates.map(\.silhouette),
          marked: choice.recommendedK, color: context.usesColor)))
    context.write("recommended: k = \(choice.recommendedK)")
    for reason in choice.reasons { context.write("  " + reason) }
  }

  /// A vote of ``ClusterCountChoice`` in a word: `silhouette`, `CH`, `DB`, `knee`, `stability`.
  static func shortVote(_ vote: String) -> String {
    let v = vote.lowercased()
    if v.contains("silhouette") { return "silhouette" }
    if v.contains("calinski") { return "CH" }
    if v.contains("davies") { return "DB" }
    if v.contains("knee") { return "knee" }
    if v.contains("stable") { return "stability" }
    return vote.split(separator: " (").first.map(String.init) ?? vote
  }

  /// Indents every line by two spaces.
  static func indent(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(
      separator: "\n")
  }
}
