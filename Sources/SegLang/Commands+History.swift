import Foundation
import SegCore
import SegHistory

extension DiagnosticID {
  // MARK: History
  public static let notAHistory: DiagnosticID = "not-a-history"
  public static let newerHistory: DiagnosticID = "newer-history"
  public static let noSuchRun: DiagnosticID = "no-such-run"
  public static let invalidRun: DiagnosticID = "invalid-run"
  public static let unknownSegment: DiagnosticID = "unknown-segment"
  public static let noComparison: DiagnosticID = "no-comparison"
  public static let historyError: DiagnosticID = "history-error"
  public static let segmentMoved: DiagnosticID = "segment-moved"
  public static let repeatedRun: DiagnosticID = "repeated-run"
}

extension Commands {
  /// The history file used when a command is not told one.
  static let defaultHistoryPath = "history.db"

  static let fromOption = OptionSpec(
    "from", .path,
    "the history file; the one this session last used, else \"\(defaultHistoryPath)\"")

  /// `save`, `compare`, `runs`: periodic refresh with a history of runs (docs/refresh.md).
  static let history: [CommandSpec] = [
    CommandSpec(
      name: "save", category: .output,
      summary: "Stores the current segmentation as a new run in a history file.",
      discussion: """
        Creates the file the first time. Before storing, the clusters are matched to the \
        latest run in the file (by centroid distance in scaled units, optimal assignment): a \
        cluster within `threshold` of a previous segment keeps that segment's name, so names \
        stay with the same kind of customer from one refresh to the next. New, moved and \
        vanished segments are reported. Stores the time, as-of date, seg version, script and \
        its SHA-256, input file and its SHA-256, parameters, seed, method, k, centroids, \
        segment names and profiles, and every customer's features, cluster and segment, in \
        one transaction: an interrupted save stores nothing and leaves earlier runs intact. \
        A run with the same as-of date and the same input (SHA-256) as the latest run repeats \
        it (a scheduler's retry): by default it replaces that run, so `compare` relates it to \
        the run before, never to itself; `replace=false` refuses to save it instead. A repeat \
        of an earlier run, with later runs after it, is refused. See docs/refresh.md.
        """,
      positionals: [ArgumentSpec("path", .path, "the history file (an SQLite database)")],
      options: [
        OptionSpec(
          "threshold", .number,
          "the largest centroid distance (scaled units) at which a segment keeps its name",
          default: .number(SegmentMatcher.defaultThreshold)),
        OptionSpec(
          "replace", .bool,
          "replace the latest run when this one has its as-of date and input; false refuses",
          default: .bool(true)),
      ],
      examples: [
        "save \"history.db\"", "save \"history.db\" threshold=0.5",
        "save \"history.db\" replace=false",
      ],
      needs: .segments,
      run: { context, arguments throws(RuntimeError) in
        try Commands.save(&context, arguments)
      }),
    CommandSpec(
      name: "compare", category: .inspection,
      summary: "Shows how customers moved between segments since the previous run.",
      discussion: """
        Compares the run just saved (or the latest run of the file) with the run before it, \
        or with `run=ID`. Customers are matched by id: the migration matrix counts the \
        customers in both runs (row: previous segment, column: current segment), in numbers \
        and as shares of each row; arrivals are only in the current run, leavers only in the \
        previous one. Then each segment's size and revenue in both runs. On the first run of \
        a history there is nothing to compare with: `compare` says so and succeeds. \
        Afterwards `moved("A", "B")` reads the comparison.
        """,
      options: [
        OptionSpec(
          "run", .int, "the run to compare with; the one before the current run", minimum: 1),
        fromOption,
      ],
      examples: ["compare", "compare run=1 from=\"history.db\""],
      run: { context, arguments throws(RuntimeError) in
        try Commands.compare(&context, arguments)
      }),
    CommandSpec(
      name: "runs", category: .inspection,
      summary: "Lists the runs stored in a history file.",
      discussion: """
        One row per run, oldest first: id, time saved (UTC), as-of date, method, k, \
        customers, input file and seg version. `load run=ID` brings one back.
        """,
      options: [fromOption, formatOption],
      examples: ["runs", "runs from=\"history.db\" format=csv"],
      run: { context, arguments throws(RuntimeError) in
        try Commands.runs(&context, arguments)
      }),
  ]

  /// `firstrun`.
  static let historyScalars: [ScalarSpec] = [
    ScalarSpec(
      name: "firstrun",
      summary:
        "True when the last compare found no earlier run in the history, false when it compared.",
      unavailableHelp: "run 'compare' first; it finds out whether there is an earlier run"
    ) { $0.isFirstRun.map(Value.bool) },
    ScalarSpec(
      name: "kept_share",
      summary:
        "The share (0 to 1) of the customers in both runs who kept their segment, whatever its name.",
      unavailableHelp:
        "run 'compare' after 'save' first; on the first run write: assert firstrun or kept_share >= 80%"
    ) { $0.comparison.map { .number($0.keptShare) } },
  ]

  /// `moved(FROM, TO)`.
  static let historyFunctions: [FunctionSpec] = [
    FunctionSpec(
      name: "moved", signature: "moved(FROM, TO)",
      summary:
        "The share (0 to 1) of the previous run's FROM customers, of those in both runs, now in TO.",
      arity: 2...2
    ) { arguments, call throws(RuntimeError) in
      var names: [String] = []
      for (i, argument) in arguments.enumerated() {
        guard case .string(let name) = argument else {
          throw RuntimeError(
            .typeError, "moved needs a segment name, but this is a \(argument.typeName)",
            at: call.argumentRange(i)
          ).withHelp("for example: moved(\"Champions\", \"At Risk\")")
        }
        names.append(name)
      }
      let (from, to) = (names[0], names[1])
      guard let comparison = call.workspace.comparison else {
        throw Commands.noComparisonError(call.workspace, at: call.expression.nameRange)
      }
      do throws(HistoryError) {
        return .number(try comparison.share(from: from, to: to))
      } catch {
        let isFrom = !comparison.previousSegments.contains(from)
        let known = isFrom ? comparison.previousSegments : comparison.currentSegments
        let range = call.argumentRange(isFrom ? 0 : 1)
        var e = RuntimeError(.unknownSegment, error.message, at: range)
        if let s = EditDistance.suggestion(for: isFrom ? from : to, among: known) {
          e.diagnostic.fixIt = .didYouMean(Printer.quote(s), at: range)
        }
        throw e
      }
    }
  ]

  /// Why `moved` cannot answer yet, with what to run first.
  static func noComparisonError(_ workspace: Workspace, at range: SourceRange) -> RuntimeError {
    if let saved = workspace.savedRun, saved.matching.previousRunID == nil {
      let file = workspace.historyPath.map { " in '\($0)'" } ?? ""
      return RuntimeError(
        .noComparison,
        "no previous run: run \(saved.id) is the first run\(file), so nobody has moved yet",
        at: range
      ).withHelp(
        "to check from the next run on, write: assert firstrun or moved(\"A\", \"B\") < 5%")
    }
    if workspace.savedRun != nil {
      return RuntimeError(.noComparison, "no comparison yet", at: range)
        .withHelp("run 'compare' after 'save' to compare this run with the previous one")
    }
    return RuntimeError(.noComparison, "no comparison yet", at: range)
      .withHelp(
        "save the run and compare it with the previous one first: save \"history.db\", then compare"
      )
  }

  // MARK: - Handlers

  static func compare(_ context: inout ExecutionContext, _ arguments: CommandArguments)
    throws(RuntimeError)
  {
    let (path, pathRange) = historyPath(arguments, context)
    let store = try openHistory(path, createIfMissing: false, at: pathRange, context)
    let runs = try history(at: pathRange) { () throws(HistoryError) in try store.runs() }
    context.workspace.historyPath = path
    context.workspace.comparison = nil
    context.workspace.isFirstRun = nil
    guard let latest = runs.last else {
      context.write("compare: '\(path)' has no runs yet; there is nothing to compare")
      return
    }
    var current = latest
    if let saved = context.workspace.savedRun, let run = runs.first(where: { $0.id == saved.id }) {
      current = run
    }
    let previous: RunSummary
    if let id = arguments.int("run") {
      guard let run = runs.first(where: { $0.id == id }) else {
        throw RuntimeError(
          .noSuchRun, "'\(path)' has no run \(id)", at: arguments.range(of: "run")
        ).withHelp(runListHelp(runs))
      }
      guard id != current.id else {
        throw RuntimeError(
          .invalidValue, "run \(id) is the current run; compare it with another run",
          at: arguments.range(of: "run")
        ).withHelp(runListHelp(runs))
      }
      previous = run
    } else {
      guard let run = runs.last(where: { $0.id < current.id }) else {
        context.write(
          "compare: run \(current.id) (as of \(current.asof)) is the first run in '\(path)'; "
            + "there is nothing to compare it with yet")
        context.workspace.isFirstRun = true
        return
      }
      previous = run
    }
    let comparison = try history(at: pathRange) { () throws(HistoryError) in
      try store.compare(previous: previous.id, current: current.id)
    }
    context.workspace.comparison = comparison
    context.workspace.isFirstRun = false
    let report = MigrationReport(
      comparison: comparison, previousAsof: previous.asof, currentAsof: current.asof,
      formatter: TableFormatter(maximumCellWidth: context.host.isOutputTerminal ? 40 : nil))
    context.write(report.text)
  }

  static func runs(_ context: inout ExecutionContext, _ arguments: CommandArguments)
    throws(RuntimeError)
  {
    let (path, pathRange) = historyPath(arguments, context)
    let store = try openHistory(path, createIfMissing: false, at: pathRange, context)
    let runs = try history(at: pathRange) { () throws(HistoryError) in try store.runs() }
    context.workspace.historyPath = path
    guard !runs.isEmpty else {
      context.write("'\(path)' has no runs yet")
      return
    }
    let table = Table(columns: [
      Column(name: "run", data: .integer(runs.map { Int64($0.id) })),
      Column(
        name: "saved (UTC)",
        data: .text(
          runs.map {
            DateValue(
              secondsSinceEpoch: Int64(($0.createdAt.timeIntervalSince1970).rounded(.down))
            ).format(timeSeparator: " ", includeTime: true)
          })),
      Column(name: "asof", data: .text(runs.map(\.asof))),
      Column(name: "method", data: .text(runs.map(\.method))),
      Column(name: "k", data: .integer(runs.map { Int64($0.k) })),
      Column(name: "customers", data: .integer(runs.map { Int64($0.customerCount) })),
      Column(name: "input", data: .text(runs.map(\.inputFile))),
      Column(name: "seg", data: .text(runs.map(\.segVersion))),
    ])
    context.write(formatter(arguments, context).render(table))
  }

  // MARK: - Shared

  /// The history file of `from=` (or `name`), else the session's, else `history.db`, and the
  /// range to point at when it fails.
  static func historyPath(
    _ arguments: CommandArguments, _ context: ExecutionContext, option name: String = "from"
  ) -> (String, SourceRange) {
    if let path = arguments.string(name) { return (path, arguments.range(of: name)) }
    return (
      context.workspace.historyPath ?? defaultHistoryPath, arguments.command.nameRange
    )
  }

  /// Opens a history file through the host, turning a failure into a diagnostic at `range`.
  static func openHistory(
    _ path: String, createIfMissing: Bool, at range: SourceRange, _ context: ExecutionContext
  ) throws(RuntimeError) -> HistoryStore {
    do {
      return try context.host.openHistory(atPath: path, createIfMissing: createIfMissing)
    } catch {
      var e = runtimeError(error, at: range)
      if error.code == .fileNotFound {
        e = e.withHelp("'save' creates it: save \"\(path)\"")
      }
      throw e
    }
  }

  /// Runs a history operation, turning a failure into a diagnostic at `range`.
  static func history<T>(at range: SourceRange, _ body: () throws(HistoryError) -> T)
    throws(RuntimeError) -> T
  {
    do {
      return try body()
    } catch {
      throw runtimeError(error, at: range)
    }
  }

  /// The diagnostic for a history error.
  static func runtimeError(_ error: HistoryError, at range: SourceRange) -> RuntimeError {
    let id: DiagnosticID =
      switch error.code {
      case .notAHistory: .notAHistory
      case .newerFormat: .newerHistory
      case .fileNotFound, .cannotOpen: .fileError
      case .noSuchRun: .noSuchRun
      case .invalidRun: .invalidRun
      case .unknownSegment: .unknownSegment
      case .database: .historyError
      }
    let e = RuntimeError(id, error.message, at: range)
    if error.message.hasSuffix("(ENOSPC)") {
      return e.withHelp("free some space on that disk, or save the history somewhere else")
    }
    if error.message.hasSuffix("(EACCES)") {
      return e.withHelp("check the permissions of the file and its folder")
    }
    if error.message.hasSuffix("(EISDIR)") || error.message.hasSuffix("(ENODEV)") {
      return e.withHelp("a history is a file: name a file such as 'history.db'")
    }
    return e
  }

  static func runListHelp(_ runs: [RunSummary]) -> String {
    guard let first = runs.first, let last = runs.last else { return "the file has no runs" }
    return first.id == last.id
      ? "its only run is \(first.id)" : "its runs are \(first.id)…\(last.id); 'runs' lists them"
  }
}

extension Commands {
  /// `save PATH`: match names to the latest run, store the run, report the matching.
  static func save(_ context: inout ExecutionContext, _ arguments: CommandArguments)
    throws(RuntimeError)
  {
    let name = arguments.command.nameRange
    let path = arguments.string("path") ?? defaultHistoryPath
    let pathRange = arguments.range(of: "path")
    let threshold = arguments.number("threshold") ?? SegmentMatcher.defaultThreshold
    guard threshold.isFinite, threshold >= 0 else {
      throw RuntimeError(
        .invalidValue, "threshold must be a number from 0 up", at: arguments.range(of: "threshold"))
    }
    try context.ensureInputDigest(at: name)
    var run: RunRecord
    do throws(Workspace.RunRecordProblem) {
      run = try context.workspace.runRecord(
        createdAt: context.host.now(), script: context.source?.text ?? "")
    } catch {
      switch error {
      case .noModel:
        // `save` needs segments, which the interpreter checked.
        throw context.workspace.unmetStage(.segments, at: name)
          ?? RuntimeError(.unavailable, "there are no clusters yet", at: name)
      case .tableChanged(let table, let rows, let labels):
        throw RuntimeError(
          .invalidRun,
          "table '\(table)' has \(NumberFormatting.count(rows)) rows but the clustering labelled "
            + "\(NumberFormatting.count(labels))", at: name
        ).withHelp("run 'cluster' again after changing the customers, then save")
      case .invalid(let e):
        throw runtimeError(e, at: name)
      }
    }
    let store = try openHistory(path, createIfMissing: true, at: pathRange, context)
    let replacing = try repeatedRunToReplace(run, store: store, path: path, arguments, context)
    let fallback = run.segmentNames
    let saved: SavedRun
    do throws(RuntimeError) {
      let matching = try history(at: pathRange) { () throws(HistoryError) in
        try store.matchLatest(for: run, threshold: threshold, excluding: replacing?.id)
      }
      let names = matching.names(fallback: fallback)
      for c in run.segments.indices { run.segments[c].name = names[c] }
      saved = try history(at: pathRange) { () throws(HistoryError) in
        try store.save(
          run, threshold: threshold, replacing: replacing?.id,
          duringSave: context.host.historySaveHook)
      }
    } catch {
      // A first save that failed (a full disk) leaves no empty history behind.
      store.removeCreatedFile()
      throw error
    }
    let names = run.segmentNames
    if var model = context.workspace.model {
      for (c, match) in saved.matching.matches.enumerated()
      where model.names.indices.contains(c) && names[c] != model.names[c] {
        model.names[c] = names[c]
        if match.inheritedName != nil, let previous = saved.matching.previousRunID,
          model.reasons.indices.contains(c)
        {
          model.reasons[c] = "kept from run \(previous), the same kind of customer"
        }
      }
      context.workspace.model = model
    }
    context.workspace.savedRun = saved
    context.workspace.historyPath = path
    context.workspace.comparison = nil
    context.workspace.isFirstRun = nil
    let report = SaveReport(
      path: path, run: run, saved: saved, replaced: replacing, fallbackNames: fallback,
      unsegmented: context.workspace.unsegmentedCount,
      formatter: TableFormatter(maximumCellWidth: context.host.isOutputTerminal ? 40 : nil))
    context.write(report.text)
    for m in saved.matching.flagged {
      context.warn(report.flaggedMessage(m), at: name, id: .segmentMoved)
    }
  }
}

extension Commands {
  /// The latest run of `store` when `run` repeats it (same as-of date, same input) and
  /// `replace=` allows replacing it; nil when `run` repeats nothing.
  ///
  /// - Throws: `repeated-run` when `replace=false`, or when the repeated run is not the latest
  ///   (replacing it would change what the later runs were compared with).
  static func repeatedRunToReplace(
    _ run: RunRecord, store: HistoryStore, path: String, _ arguments: CommandArguments,
    _ context: ExecutionContext
  ) throws(RuntimeError) -> RunSummary? {
    let pathRange = arguments.range(of: "path")
    let repeated = try history(at: pathRange) { () throws(HistoryError) in
      try store.repeatedRun(of: run)
    }
    guard let repeated else { return nil }
    let latest = try history(at: pathRange) { () throws(HistoryError) in try store.runs().last }
    let what =
      "run \(repeated.id) of '\(path)' is already as of \(run.asof) from the same input"
    if let latest, latest.id != repeated.id {
      throw RuntimeError(
        .repeatedRun,
        what + ", and run \(latest.id) came after it; replacing it would change what the later "
          + "runs were compared with", at: arguments.command.nameRange
      ).withHelp("save it to another history file, or segment as of another date")
    }
    if arguments.bool("replace") == false {
      throw RuntimeError(
        .repeatedRun,
        what + "; saving it again would make compare relate the run to itself",
        at: arguments.range(of: "replace")
      ).withHelp(
        "save replace=true replaces run \(repeated.id) (what a scheduler's retry wants); "
          + "'runs' lists the runs")
    }
    return repeated
  }
}

extension Commands {
  /// The options `load` takes for `load run=ID [from=PATH]`.
  static let historyLoadOptions = [
    OptionSpec(
      "run", .int, "a run saved with 'save' to bring back instead of a file", minimum: 1),
    OptionSpec(
      "from", .path,
      "with run=: the history file; the one this session last used, else \"\(defaultHistoryPath)\""),
  ]

  /// `load` with neither a file nor `run=`.
  static func loadNeedsAFile(_ arguments: CommandArguments) -> RuntimeError {
    RuntimeError(.missingArgument, "load needs a file, or run=ID", at: arguments.command.nameRange)
      .withHelp("load \"transactions.csv\", or load run=2 to bring back a saved run")
  }

  /// `load run=ID [from=PATH]`: the stored run's customers become the table `customers`, and its
  /// segmentation (clusters, centroids, names) the session's model.
  static func loadRun(_ context: inout ExecutionContext, _ arguments: CommandArguments)
    throws(RuntimeError)
  {
    let runRange = arguments.range(of: "run")
    if arguments.isGiven("file") {
      throw RuntimeError(
        .invalidValue, "load takes a file or run=ID, not both", at: arguments.range(of: "file"))
    }
    guard let id = arguments.int("run") else {
      throw RuntimeError(
        .missingOption, "from= names the history file of a run; give the run too",
        at: arguments.range(of: "from")
      ).withHelp("load run=2 from=\"history.db\"")
    }
    let (path, pathRange) = historyPath(arguments, context)
    let store = try openHistory(path, createIfMissing: false, at: pathRange, context)
    let stored: StoredRun
    do {
      stored = try store.run(id: id)
    } catch {
      throw runtimeError(error, at: error.code == .noSuchRun ? runRange : pathRange)
        .withHelp("'runs' lists the runs of '\(path)'")
    }
    let run = stored.record
    let table = stored.table
    let name = Workspace.customersTable
    var ws = Workspace()
    ws.variables = context.workspace.variables
    ws.parameterNames = context.workspace.parameterNames
    ws.tableFormat = context.workspace.tableFormat
    ws.keepHistory(of: context.workspace)
    ws.historyPath = path
    ws.setCurrentTable(table, name: name)
    ws.account("load run", rowsIn: table.rowCount, rowsOut: table.rowCount, note: "run \(id)")
    let profiles = run.profiles
    var model = SegmentationModel(
      method: run.method, k: run.k, tableName: name,
      featureNames: table.columnNames.filter {
        !["customer", "revenue", "cluster", "segment"].contains($0)
      },
      labels: run.customers.clusters, sizes: profiles.map(\.size),
      centroidsScaled: run.segments.flatMap(\.scaledCentroid),
      centroidsOriginal: run.segments.flatMap(\.centroid), seed: run.seed)
    model.names = run.segmentNames
    model.notes.append("brought back from run \(id) of '\(path)'")
    ws.model = model
    ws.features.select(columns: model.featureNames)
    context.workspace = ws
    context.write(
      "load run \(id) from '\(path)' (as of \(run.asof), \(run.method), k=\(run.k)): "
        + "\(NumberFormatting.count(table.rowCount)) customers in "
        + run.segmentNames.map { "'\($0)'" }.joined(separator: ", "))
    context.write(
      "current table: \(name) (\(NumberFormatting.count(table.rowCount)) rows: "
        + table.columnNames.joined(separator: ", ") + ")")
  }
}

extension Workspace {
  /// Carries the history state (file, saved run, comparison) of `other` over into a session
  /// that starts again from new data (`load`): it describes the history file, not the data.
  mutating func keepHistory(of other: Workspace) {
    historyPath = other.historyPath
    savedRun = other.savedRun
    comparison = other.comparison
    isFirstRun = other.isFirstRun
  }
}
