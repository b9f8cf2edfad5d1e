// Stage 4 of a load, streamed: each block's rows go to a ``LogStreamSink`` instead of being
// kept. See ``LoadSession``.

/// A streaming load's state: the sink, the block it is consuming, and what the loader keeps from
/// block to block to hand the sink tables that agree with each other.
struct StreamedLoad {
  let sink: LogStreamSink
  /// The block the sink is consuming on another thread while the next block is parsed.
  private var pending: BackgroundJob<StreamFallback>? = nil
  /// The text columns' dictionaries decoded so far.
  private var decoded: [[String]] = []
  /// The invoice column's cancellation flags so far: its dictionary, as large as the number of
  /// invoices, is not decoded, since only the flags are needed.
  private var invoiceFlags: [Bool] = []
  /// Per column, whether the blocks sent so far held text (`nil`: only empty blocks).
  private var textSeen: [Bool?] = []
  /// What the invoice values read so far say about the `C` prefix.
  private var cancelEvidence = CancellationEvidence()
  /// The cancellation rule decided on the first block; the whole log must agree at the end, or
  /// the load falls back to memory.
  private(set) var decision: CancellationDecision? = nil

  init(sink: LogStreamSink) {
    self.sink = sink
  }

  /// Waits for the sink's block, if any, ignoring how it ended (a load that failed).
  func waitQuietly() { try? pending?.wait() }

  /// Waits for the sink's block, if any; a block the sink could not take means a fallback.
  mutating func awaitSink() throws(LoadFailure) {
    guard let task = pending else { return }
    pending = nil
    do {
      try task.wait()
    } catch {
      throw .fallBack
    }
  }

  /// Hands the rows merged so far (`accumulators`) to the sink as a table and empties the
  /// columns, keeping their types and dictionaries. Waits (hands nothing over) while slash dates
  /// could still be day-first or month-first. Returns the cancellation rule when this block
  /// decided it (the first block with rows).
  mutating func take(
    _ accumulators: [AccumulatorBox], names: [String], policies: [ColumnPolicy],
    roles: ColumnRoles, options: LoadOptions, headerIsUTF8: Bool, isFinal: Bool
  ) throws(LoadFailure) -> CancellationDecision? {
    // The sink holds the last block's dictionaries until it is done; extending them before
    // would copy them.
    try awaitSink()
    if !headerIsUTF8 && options.encoding == nil { throw .fallBack }
    let count = accumulators.first?.value.rows ?? 0
    guard count > 0 else { return nil }
    for c in 0..<names.count where accumulators[c].value.kind == .slashDate {
      let a = accumulators[c].value
      if (a.monthFirstInvalidLine == nil) == (a.dayFirstInvalidLine == nil) {
        if isFinal || a.monthFirstInvalidLine != nil { throw .fallBack }
        return nil
      }
    }
    if decoded.count < names.count { decoded = Array(repeating: [], count: names.count) }
    if textSeen.count < names.count { textSeen = Array(repeating: nil, count: names.count) }
    // A column that turned from numbers to text (`536365`, then `C536379`) after earlier blocks
    // went out as numbers cannot be joined to them: the load goes to memory.
    for c in 0..<names.count where accumulators[c].value.kind != .empty {
      let isText = accumulators[c].value.kind == .text
      if let seen = textSeen[c], seen != isText { throw .fallBack }
      textSeen[c] = isText
    }
    var invoicePool: ByteStringPool? = nil
    var columns: [Column] = []
    for c in 0..<names.count {
      let acc = accumulators[c].value
      let data: ColumnData
      switch acc.kind {
      case .empty:
        data = LoadSession.emptyColumn(policies[c], rows: count)
      case .integer:
        data = .integer(acc.ints)
      case .decimal:
        if roles[.customer] == names[c] {
          guard RFMInputs.areWholeIDs(acc.doubles) else { throw .fallBack }
          data = .integer(RFMInputs.wholeIDs(acc.doubles))
        } else {
          data = .decimal(acc.doubles)
        }
      case .datetime:
        data = .datetime(acc.ints)
      case .slashDate:
        var dates = acc.ints
        SlashDate.convert(&dates, monthFirst: acc.monthFirstInvalidLine == nil)
        data = .datetime(dates)
      case .text where roles[.invoice] == names[c]:
        let pool = acc.pool
        for k in invoiceFlags.count..<pool.count {
          let bytes = pool.bytes(of: k)
          if options.encoding == nil && !TextEncoding.isValidUTF8(bytes) { throw .fallBack }
          cancelEvidence.add(bytes)
        }
        invoicePool = pool
        data = .category(codes: acc.codes, dictionary: [])
      case .text:
        let pool = acc.pool
        if decoded[c].count < pool.count {
          let encoding = options.encoding ?? .utf8
          for k in decoded[c].count..<pool.count {
            let bytes = pool.bytes(of: k)
            if options.encoding == nil && !TextEncoding.isValidUTF8(bytes) { throw .fallBack }
            decoded[c].append(encoding.decode(bytes))
          }
        }
        data = .category(codes: acc.codes, dictionary: decoded[c])
      }
      columns.append(Column(name: names[c], data: data))
    }
    for box in accumulators {
      box.value.ints.removeAll(keepingCapacity: true)
      box.value.doubles.removeAll(keepingCapacity: true)
      box.value.codes.removeAll(keepingCapacity: true)
      box.value.rows = 0
    }
    let table = Table(columns: columns)
    var decided: CancellationDecision? = nil
    if decision == nil {
      var isInteger = false
      if let name = roles[.invoice], case .integer? = table[name]?.data { isInteger = true }
      let first = cancellation(names: names, roles: roles, options: options, invoiceIsInteger: isInteger)
      decision = first
      sink.cancellation = first
      decided = first
    }
    if let pool = invoicePool, let rule = decision?.rule {
      let prefix: [UInt8]
      if case .prefix(let p) = rule { prefix = Array(p.utf8) } else { prefix = [] }
      for k in invoiceFlags.count..<pool.count {
        invoiceFlags.append(CancellationRule.hasPrefix(pool.bytes(of: k), prefix))
      }
    }
    let flags = invoiceFlags
    let sink = self.sink
    pending = BackgroundJob { () throws(StreamFallback) in
      try sink.consume(table, invoiceFlags: flags, isLast: isFinal)
    }
    if isFinal { try awaitSink() }
    return decided
  }

  /// The text customer ids of the whole log written another way than an earlier one.
  func customerVariants(names: [String], roles: ColumnRoles) -> IDVariants? {
    guard let name = roles[.customer], let c = names.firstIndex(of: name), c < decoded.count
    else { return nil }
    return IDVariants.find(decoded[c])
  }

  /// The cancellation rule from the rows read so far: the text columns' values, the invoice
  /// values seen.
  func cancellation(
    names: [String], roles: ColumnRoles, options: LoadOptions, invoiceIsInteger: Bool
  ) -> CancellationDecision {
    CancellationDecision.decide(
      explicit: options.cancellationRule, names: names, roles: roles,
      statusValues: { name in
        guard let c = names.firstIndex(of: name), c < decoded.count, !decoded[c].isEmpty else {
          return nil
        }
        return decoded[c]
      },
      invoice: cancelEvidence, invoiceIsInteger: invoiceIsInteger)
  }
}

extension LoadSession {
  /// Hands the block's merged rows to the stream (``StreamedLoad/take(_:names:policies:roles:options:headerIsUTF8:isFinal:)``).
  mutating func drain(isFinal: Bool) throws(LoadFailure) {
    guard
      let decided = try stream?.take(
        accumulators, names: names, policies: policies, roles: roles, options: options,
        headerIsUTF8: headerIsUTF8, isFinal: isFinal)
    else { return }
    roles.cancellation = decided
  }

  /// The report of a streamed load (the table itself is empty: its rows went to the sink).
  mutating func finishStream(rows: Int) throws(LoadFailure) -> LoadedTable {
    try stream?.awaitSink()
    guard let stream, stream.sink.rows == rows else { throw .fallBack }
    let sink = stream.sink
    // The rule decided on the first block must be the whole log's (a status column's first
    // cancellation, or C-prefixed invoices, may come later); if not, load into memory.
    let invoiceIsInteger =
      roles[.invoice].flatMap { names.firstIndex(of: $0) }.map {
        $0 < sink.types.count && sink.types[$0] == .integer
      } ?? false
    if let decided = stream.decision {
      let whole = stream.cancellation(
        names: names, roles: roles, options: options, invoiceIsInteger: invoiceIsInteger)
      guard whole.rule == decided.rule else { throw .fallBack }
      // The same rule; the whole log's reason and status values, as a load into memory gives.
      roles.cancellation = whole
    }
    sink.finishDuplicates()
    var statistics = sink.statistics
    statistics.distinctCustomers = sink.distinctCustomers
    statistics.customerVariants = stream.customerVariants(names: names, roles: roles)
    let report = report(
      rows: rows,
      columns: names.indices.map { c in
        (sink.types[c] ?? LoadSession.emptyType(policies[c]), sink.missing[c])
      },
      encoding: options.encoding ?? .utf8, encodingFallback: false,
      statistics: statistics, duplicates: sink.duplicates, reading: readingNotes)
    return LoadedTable(table: .empty, roles: roles, report: report)
  }
}
