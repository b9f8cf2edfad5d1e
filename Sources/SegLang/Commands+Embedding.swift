import SegCore

extension Commands {
  /// `pca`, `tsne`.
  static let embedding: [CommandSpec] = [
    CommandSpec(
      name: "pca", category: .segmentation,
      summary:
        "Projects the clustering features onto their principal components and prints the variance each explains.",
      discussion: """
        Fitted on the transformed, scaled features (as scikit-learn's PCA: sample covariance, \
        components signed so their largest loading is positive). The coordinates are kept for \
        plots.
        """,
      options: [OptionSpec("n", .int, "how many components", default: .number(2), minimum: 1)],
      examples: ["pca", "pca n=3"],
      needs: .table,
      run: { context, arguments throws(RuntimeError) in try Commands.pca(&context, arguments) }),
    CommandSpec(
      name: "tsne", category: .segmentation,
      summary: "Embeds the clustering features in two dimensions with t-SNE, for plots.",
      discussion: """
        Barnes–Hut above 1,000 rows, exact below; a seeded sample of 5,000 rows when there \
        are more, and the output says so. Deterministic for a given seed.
        """,
      options: [
        OptionSpec(
          "perplexity", .number, "the effective number of neighbours", default: .number(30)),
        seedOption,
      ],
      examples: ["tsne", "tsne perplexity=50 seed=7"],
      needs: .table,
      run: { context, arguments throws(RuntimeError) in try Commands.tsne(&context, arguments) }),
  ]

  static func pca(_ context: inout ExecutionContext, _ arguments: CommandArguments)
    throws(RuntimeError)
  {
    let at = arguments.command.nameRange
    let matrix = try context.featureMatrix(at: at, warnUnscaled: false)
    let n = arguments.int("n") ?? 2
    guard n >= 1, n <= matrix.cols else {
      throw RuntimeError(
        .invalidValue, "n must be between 1 and \(matrix.cols), the number of features",
        at: arguments.range(of: "n"))
    }
    let what = rowNoun(context.workspace)
    let fit: PCA
    let projected: FeatureMatrix
    do {
      fit = try PCA.fit(matrix, components: n)
      projected = try fit.transform(matrix)
    } catch {
      throw SegmentationErrors.analysis(error, at: at, what: what)
    }
    var e = Embedding(
      method: .pca, dimensions: n, coordinates: projected.values, rows: nil,
      tableName: context.workspace.tableName ?? "table", featureNames: matrix.columnNames)
    e.explainedVariance = fit.explainedVariance
    e.explainedVarianceRatio = fit.explainedVarianceRatio
    e.loadings = fit.components
    context.workspace.pca = e
    let cumulative = fit.explainedVarianceRatio.reduce(0, +)
    context.write(
      "pca: \(n) component\(n == 1 ? "" : "s") of \(matrix.columnNames.joined(separator: ", ")) "
        + "(\(FeaturePipeline.describe(context.workspace.features))) for \(NumberFormatting.count(matrix.rows)) \(what); "
        + "\(NumberFormatting.percent(cumulative)) of the variance explained")
    let d = matrix.cols
    var running = 0.0
    let rows = (0..<n).map { c -> [String] in
      running += fit.explainedVarianceRatio[c]
      return [
        "PC\(c + 1)", NumberFormatting.percent(fit.explainedVarianceRatio[c]),
        NumberFormatting.percent(running),
      ]
        + (0..<d).map { NumberFormatting.format(fit.components[c * d + $0]) }
    }
    context.write(
      indent(
        TextTable.render(
          header: ["component", "variance", "cumulative"]
            + matrix.columnNames.map { "\($0) loading" }, rows: rows,
          rightAligned: Set(1..<(3 + d)))))
  }

  static func tsne(_ context: inout ExecutionContext, _ arguments: CommandArguments)
    throws(RuntimeError)
  {
    let at = arguments.command.nameRange
    let matrix = try context.featureMatrix(at: at, warnUnscaled: false)
    let perplexity = arguments.number("perplexity") ?? 30
    let seed = try context.seed(arguments)
    let what = rowNoun(context.workspace)
    var options = TSNEOptions()
    let embedded = min(matrix.rows, options.maxRows)
    guard perplexity > 0, perplexity < Double(embedded) else {
      throw RuntimeError(
        .invalidValue,
        "perplexity must be above 0 and below the \(NumberFormatting.count(embedded)) \(what) embedded",
        at: arguments.range(of: "perplexity")
      ).withHelp(
        embedded > 5
          ? "try perplexity=\(max(1, min(30, (embedded - 1) / 3)))" : "t-SNE needs more rows")
    }
    options.perplexity = perplexity
    options.cancellation = context.cancellationToken
    var generator = SeededGenerator(seed: seed)
    let fit: TSNEEmbedding
    do {
      fit = try TSNEEmbedding.fit(
        points: matrix.values, rows: matrix.rows, cols: matrix.cols, options: options,
        using: &generator)
    } catch {
      throw SegmentationErrors.clustering(error, at: at)
    }
    var e = Embedding(
      method: .tsne, dimensions: 2, coordinates: fit.coordinates, rows: fit.embeddedRows,
      tableName: context.workspace.tableName ?? "table", featureNames: matrix.columnNames)
    e.notes = fit.notes
    context.workspace.tsne = e
    let how =
      fit.embeddedRows.map {
        "a seeded sample of \(NumberFormatting.count($0.count)) of \(NumberFormatting.count(matrix.rows)) \(what)"
      } ?? "all \(NumberFormatting.count(matrix.rows)) \(what)"
    context.write(
      "tsne: 2-D embedding of \(how) (\(fit.method.rawValue), perplexity \(NumberFormatting.format(perplexity)), "
        + "seed \(seed), \(fit.iterations) iterations, KL divergence \(NumberFormatting.format(fit.klDivergence)))"
    )
  }
}
