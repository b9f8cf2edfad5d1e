import SegCharts
import SegCore

extension Commands {
  /// The chart kinds of `plot`, in the order `help` lists them.
  static let plotKinds = [
    "box", "hist", "elbow", "silhouette", "profile", "snake", "heatmap", "scatter", "sizes",
    "migration", "clv", "palive", "holdout",
  ]

  /// The kinds each option of `plot` applies to.
  static let plotOptionKinds: [String: Set<String>] = [
    "cols": ["box", "hist", "profile", "snake", "scatter"],
    "k": ["silhouette"],
    "log": ["box", "hist"],
  ]

  /// `plot`.
  static let plot: [CommandSpec] = [
    CommandSpec(
      name: "plot", category: .output,
      summary: "Draws a chart in the terminal, or writes it as an SVG file with to \"FILE.svg\".",
      discussion: """
        Kinds: box and hist (feature distributions; box shows all customers beside the ones \
        an outlier filter kept), elbow (inertia by k), silhouette (mean silhouette by k; with \
        k=N the silhouette of every customer for N clusters, the fitted ones or a fresh \
        k-means), profile (average features per segment), snake (standardized means per \
        segment), heatmap (R score by F score: customers and mean monetary value), scatter \
        (t-SNE coordinates if computed, else PCA; cols=[a, b] plots two columns), sizes \
        (customers and revenue per segment), migration (segments of the last compare), clv \
        (customers by repeat purchases and recency, coloured by mean expected purchases), \
        palive (the same grid coloured by mean P(alive)), holdout (mean holdout purchases by \
        calibration purchases, actual and predicted; the last clv with holdout=). \
        Segments keep their colour in every chart; outliers and noise are grey. In the \
        terminal the chart fills the width and is coloured unless NO_COLOR is set.
        """,
      positionals: [
        ArgumentSpec("kind", .choice(plotKinds), "the chart"),
        ArgumentSpec("to", .name, "the word to, before the file", isRequired: false),
        ArgumentSpec("file", .path, "the SVG file to write", isRequired: false),
      ],
      options: [
        OptionSpec("cols", .names, "the columns (box, hist, profile, snake; two for scatter)"),
        OptionSpec(
          "k", .int, "silhouette: the number of clusters of the per-customer diagram", minimum: 2),
        OptionSpec("log", .bool, "box, hist: a logarithmic value axis", default: .bool(false)),
      ],
      examples: [
        "plot elbow",
        "plot box cols=[recency, monetary] log=true",
        "plot silhouette k=4 to \"silhouette.svg\"",
        "plot scatter cols=[recency, monetary] to \"scatter.svg\"",
      ],
      usageOverride: "plot KIND [cols=[COLUMN, ...]] [k=INT] [log=BOOL] [to FILE]",
      run: { context, arguments throws(RuntimeError) in try Commands.plot(&context, arguments) })
  ]

  static func plot(_ context: inout ExecutionContext, _ arguments: CommandArguments)
    throws(RuntimeError)
  {
    guard let kind = arguments.string("kind") else { return }
    let kindRange = arguments.range(of: "kind")
    let file = try plotFile(arguments)
    let builder = ChartBuilder(workspace: context.workspace, range: kindRange)
    for option in ["cols", "k", "log"] where arguments.isGiven(option) {
      guard !(plotOptionKinds[option] ?? []).contains(kind) else { continue }
      context.warn(
        "plot \(kind) ignores \(option)=", at: arguments.range(of: option), id: .ignoredOption)
    }
    let (chart, title, detail) = try plotChart(kind, builder: builder, arguments: arguments)
    if let file {
      let options = ChartOptions(title: title, seed: context.workspace.seed)
      let svg = SVGChart.render(chart, options: options)
      do {
        try context.host.writeFileAtomically(Array(svg.utf8), toPath: file.path)
      } catch {
        throw RuntimeError.writeFailure(error, at: file.range)
      }
      context.write(
        "wrote the \(kind) chart to \(file.path)" + (detail.map { " (\($0))" } ?? ""))
    } else {
      let host = context.host
      let options = TerminalOptions(
        width: host.terminalColumns ?? 80, color: host.colorsOutput, title: title)
      host.writeOutput(TerminalChart.render(chart, options: options))
      if let detail { context.write(detail) }
    }
  }

  /// The file of `to FILE`, checked: the word `to`, then a `.svg` path.
  static func plotFile(_ arguments: CommandArguments) throws(RuntimeError)
    -> (path: String, range: SourceRange)?
  {
    guard let word = arguments.string("to") else { return nil }
    let wordRange = arguments.range(of: "to")
    guard word == "to" else {
      if !arguments.isGiven("file") {
        throw RuntimeError(.usage, "write 'to' before the file name", at: wordRange)
          .withHelp("plot elbow to \"elbow.svg\"")
      }
      throw RuntimeError(.usage, "expected 'to' before the file name, not '\(word)'", at: wordRange)
        .withHelp("plot elbow to \"elbow.svg\"")
    }
    guard let path = arguments.string("file") else {
      throw RuntimeError(.usage, "'to' needs a file name", at: wordRange)
        .withHelp("plot elbow to \"elbow.svg\"")
    }
    let range = arguments.range(of: "file")
    guard path.lowercased().hasSuffix(".svg") else {
      throw RuntimeError(
        .invalidValue, "plot writes SVG files, so the name must end in .svg", at: range
      )
      .withHelp("plot elbow to \"elbow.svg\"; for an HTML page use: report \"report.html\"")
    }
    return (path, range)
  }

  /// The chart of `kind`, a title replacing the default one (or `nil`), and a detail worth a
  /// line (sampling, where coordinates came from).
  static func plotChart(
    _ kind: String, builder: ChartBuilder, arguments: CommandArguments
  ) throws(RuntimeError) -> (ChartData, title: String?, detail: String?) {
    let cols = arguments.names("cols")
    let colsRange = arguments.range(of: "cols")
    let log = arguments.bool("log") ?? false
    switch kind {
    case "box":
      return (.box(try builder.box(columns: cols, givenAt: colsRange, log: log)), nil, nil)
    case "hist":
      return (.hist(try builder.histogram(columns: cols, givenAt: colsRange, log: log)), nil, nil)
    case "elbow":
      return (.elbow(try builder.elbow()), nil, nil)
    case "silhouette":
      guard let k = arguments.int("k") else {
        return (.silhouette(try builder.silhouetteCurve()), nil, nil)
      }
      let d = try builder.silhouetteDiagram(k: k, kAt: arguments.range(of: "k"))
      var title = "Silhouette per customer, k = \(k)"
      if !d.isFitted { title += " (a fresh k-means fit)" }
      let detail =
        d.rowsUsed < d.rows
        ? "silhouettes of a seeded sample of \(NumberFormatting.count(d.rowsUsed)) of "
          + "\(NumberFormatting.count(d.rows)) customers" : nil
      return (.silhouetteDiagram(d.data), title, detail)
    case "profile":
      return (.profile(try builder.profile(columns: cols, givenAt: colsRange)), nil, nil)
    case "snake":
      return (.snake(try builder.snake(columns: cols, givenAt: colsRange)), nil, nil)
    case "heatmap":
      return (.heatmap(try builder.heatmap()), nil, nil)
    case "scatter":
      let s = try builder.scatter(columns: cols, givenAt: colsRange)
      return (.scatter(s.data), "Customers by segment (\(s.source))", nil)
    case "sizes":
      return (.sizes(try builder.sizes()), nil, nil)
    case "clv":
      return (
        .heatmap(try builder.clvMatrix(palive: false)),
        "Expected purchases by frequency and recency", nil
      )
    case "palive":
      return (
        .heatmap(try builder.clvMatrix(palive: true)), "P(alive) by frequency and recency", nil
      )
    case "holdout":
      return (
        .profile(try builder.clvHoldout()),
        "Calibration vs holdout: mean holdout purchases by calibration repeat purchases", nil
      )
    default:
      return (.migration(try builder.migration()), nil, nil)
    }
  }
}
