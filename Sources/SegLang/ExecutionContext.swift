public import SegCore

/// What a command handler works with: the session, the host, the registry, and a way to notice
/// cancellation.
///
/// Handlers print with ``write(_:)``, warn with ``warn(_:at:id:)``, change ``workspace``, call
/// ``checkCancellation()`` between long steps, and throw ``RuntimeError`` to stop the script.
public struct ExecutionContext: Sendable {
  /// The session; handlers change it in place.
  public var workspace: Workspace
  /// Output, diagnostics and files.
  public let host: any ScriptHost
  /// The commands, functions and values of the language.
  public let registry: CommandRegistry
  /// The script being run, for diagnostics.
  public let source: SourceFile?
  /// Returns true once the user asked to stop (Ctrl-C in the REPL). Long steps poll it through
  /// ``checkCancellation()``.
  public let isCancelled: @Sendable () -> Bool
  /// How output reaches a person: table limits and the progress line (the REPL sets it; scripts
  /// keep the default, which limits nothing and shows no progress).
  public var display = DisplayOptions()

  /// Creates a context.
  public init(
    workspace: Workspace, host: any ScriptHost, registry: CommandRegistry, source: SourceFile?,
    isCancelled: @escaping @Sendable () -> Bool = { false }
  ) {
    self.workspace = workspace
    self.host = host
    self.registry = registry
    self.source = source
    self.isCancelled = isCancelled
  }

  /// Writes `line` and a line break to standard output.
  public func write(_ line: String) {
    host.writeOutput(line.hasSuffix("\n") ? line : line + "\n")
  }

  /// Reports a warning at `range`; the script goes on.
  public func warn(_ message: String, at range: SourceRange, id: DiagnosticID = "warning") {
    host.report(Diagnostic(id, severity: .warning, message, at: range), in: source)
  }

  /// Computes the loaded file's SHA-256 when it is not known yet: a file read from disk is hashed
  /// only when a report or a saved run needs the digest. Fails when the file's size changed since
  /// it was loaded, since the digest would then describe other bytes.
  public mutating func ensureInputDigest(at range: SourceRange) throws(RuntimeError) {
    guard let provenance = workspace.provenance, provenance.sha256.isEmpty,
      let input = provenance.input
    else { return }
    let digest: FileDigest
    do {
      digest = try host.digest(of: input)
    } catch {
      throw RuntimeError(.fileError, error.message, at: range)
        .withHelp("the digest of '\(provenance.path)' is needed here; check that it is still readable")
    }
    guard digest.byteCount == provenance.byteCount else {
      throw RuntimeError(
        .fileError,
        "'\(provenance.path)' changed since it was loaded (\(provenance.byteCount) bytes then, \(digest.byteCount) now)",
        at: range
      ).withHelp("load it again, so that the digest describes the data these results came from")
    }
    workspace.provenance?.sha256 = digest.sha256
  }

  /// Reads a streamed transaction log into memory, for a command that needs its rows. The output
  /// is the same as if `load` had kept the table.
  public mutating func materializeStreamedLog(at range: SourceRange) throws(RuntimeError) {
    guard let s = workspace.streamed else { return }
    let loaded = try readAgain(s, at: range) { input throws(LoadError) in
      switch input {
      case .file(let path, _): try TableLoader.load(path: path, name: s.name, options: s.options)
      case .bytes(let bytes): try TableLoader.load(bytes: bytes, name: s.name, options: s.options)
      }
    }
    setTransactions(loaded.table)
  }

  /// The RFM table of a streamed log, from its sums or from more streaming passes over the file
  /// (for an asof before the last transaction, or affinity groups the first pass did not track);
  /// `nil` when the rows have to be loaded.
  mutating func streamedRFM(_ options: RFMOptions, at range: SourceRange) throws(RuntimeError)
    -> RFMResult?
  {
    guard let s = workspace.streamed else { return nil }
    var log = s.log
    // The load's sums, then at most two more passes: one for the asof, one for the groups.
    for _ in 0..<3 {
      let answer: StreamedLog.RFMAnswer
      do {
        answer = try log.rfm(options: options)
      } catch {
        throw SegmentationErrors.rfm(error, at: range)
      }
      switch answer {
      case .result(let result): return result
      case .needsRows: return nil
      case .streamAgain(let plan):
        let again = try readAgain(s, at: range) { input throws(LoadError) in
          switch input {
          case .file(let path, _):
            try TableLoader.stream(path: path, name: s.name, options: s.options, plan: plan)
          case .bytes(let bytes):
            try TableLoader.stream(bytes: bytes, name: s.name, options: s.options, plan: plan)
          }
        }
        switch again {
        case .streamed(let next): log = next
        case .table(let loaded):
          setTransactions(loaded.table)
          return nil
        }
      }
    }
    return nil
  }

  /// Reads a streamed log's input again, after checking that the file has not changed.
  private func readAgain<T>(
    _ s: StreamedTransactions, at range: SourceRange, _ body: (FileInput) throws(LoadError) -> T
  ) throws(RuntimeError) -> T {
    if case .file(let path, let size) = s.input {
      guard let now = try? host.openInput(atPath: path), now.byteCount == size else {
        throw RuntimeError(
          .fileError, "'\(s.name)' changed since it was loaded; its rows are needed here",
          at: range
        ).withHelp("load it again")
      }
    }
    do {
      return try body(s.input)
    } catch {
      throw SegmentationErrors.load(error, at: range, table: s.name)
    }
  }

  /// Makes `table` the session's transactions, in place of a streamed log.
  private mutating func setTransactions(_ table: Table) {
    workspace.streamed = nil
    if workspace.tableName == Workspace.transactionsTable {
      workspace.table = table
    } else {
      workspace.tables[Workspace.transactionsTable] = table
    }
  }

  /// ``isCancelled`` as a token for SegCore's long kernels, which throw their cancellation error
  /// (mapped back to ``checkCancellation(at:)``'s error) when it says stop.
  public var cancellationToken: CancellationToken { CancellationToken(isCancelled) }

  /// Throws a cancellation error when the user asked to stop.
  public func checkCancellation(at range: SourceRange = .none) throws(RuntimeError) {
    if isCancelled() {
      throw RuntimeError(.cancelled, "interrupted", at: range, kind: .cancelled)
    }
  }

  /// The current table, or a `no-table` error pointing at `range` (usually the command word).
  public func requireTable(at range: SourceRange) throws(RuntimeError) -> Table {
    try require(.table, at: range)
    return workspace.table
  }

  /// Evaluates `expression` to a single value (columns are an error; aggregates are fine).
  public func evaluate(_ expression: Expression) throws(RuntimeError) -> Value {
    try Evaluator(workspace: workspace, registry: registry).scalar(expression)
  }

  /// Evaluates a condition over the current table: `true` where it holds, `false` where it does
  /// not, `nil` where it is unknown because of missing values.
  public func evaluateCondition(_ expression: Expression) throws(RuntimeError) -> [Bool?] {
    try Evaluator(workspace: workspace, registry: registry).mask(expression).map {
      switch $0 {
      case .yes: true
      case .no: false
      case .unknown: nil
      }
    }
  }

  /// Keeps the rows of the current table where `keep` is true, prints the row accounting, and
  /// stores the removed rows as the table `removedTableName` (when given). The row-aligned
  /// segmentation state (feature matrix, labels, embeddings) follows the kept rows, and the step
  /// is added to ``Workspace/rowAccounting``.
  ///
  /// `unknown` (optional) marks removed rows whose condition was unknown because of missing
  /// values; they are counted separately. Rows removed from the customer table are recorded in
  /// ``Workspace/filteredCustomers`` unless `recordsFiltered` is false (an outlier filter
  /// keeps its own table). Prints, for example:
  /// `filter recency > 90: kept 1,234 of 4,338 rows (28.4%), removed 3,104 (condition false)`.
  public mutating func keepRows(
    _ keep: [Bool], unknown: [Bool]? = nil, condition: String, removedTableName: String? = nil,
    recordsFiltered: Bool = true
  ) {
    let table = workspace.table
    precondition(keep.count == table.rowCount, "mask length differs from the table")
    var keptIndices: [Int] = []
    var removedIndices: [Int] = []
    keptIndices.reserveCapacity(keep.count)
    var unknownCount = 0
    for i in keep.indices {
      if keep[i] {
        keptIndices.append(i)
      } else {
        removedIndices.append(i)
        if let unknown, unknown[i] { unknownCount += 1 }
      }
    }
    let total = table.rowCount
    let kept = keptIndices.count
    let removed = total - kept
    // A generated condition can be a 10,000-term chain: echo its start only.
    let shown = condition.count > 120 ? String(condition.prefix(119)) + "…" : condition
    var line = "filter \(shown): kept \(NumberFormatting.count(kept)) of "
      + "\(NumberFormatting.count(total)) rows"
    if total > 0 { line += " (\(NumberFormatting.percent(Double(kept) / Double(total))))" }
    line += ", removed \(NumberFormatting.count(removed))"
    if removed > 0 {
      if unknownCount == 0 {
        line += " (condition false)"
      } else if unknownCount == removed {
        line += " (missing values)"
      } else {
        line += " (condition false: \(NumberFormatting.count(removed - unknownCount)), "
          + "missing values: \(NumberFormatting.count(unknownCount)))"
      }
    }
    write(line)
    let name = workspace.tableName ?? "table"
    workspace.setCurrentTable(kept == total ? table : table.gathering(keptIndices), name: name)
    workspace.realignRows(kept: keptIndices, ofTable: name, total: total)
    workspace.account("filter \(condition)", rowsIn: total, rowsOut: kept, note: name)
    if let removedTableName {
      workspace.tables[removedTableName] = table.gathering(removedIndices)
    }
    if recordsFiltered, removed > 0, name == Workspace.customersTable {
      workspace.filteredCustomers.append(
        FilteredCustomers(condition: condition, rows: table.gathering(removedIndices)))
    }
  }
}
