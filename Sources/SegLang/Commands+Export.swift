import SegCore

extension Commands {
  /// `export`.
  static let export: [CommandSpec] = [
    CommandSpec(
      name: "export", category: .output,
      summary: "Writes the current table, or the segment profiles, to a CSV or JSON file.",
      discussion: """
        After clustering, every customer of the RFM table is written, one row each, sorted by \
        customer: every column of the customer table (customer, recency, frequency, monetary, \
        tenure, avg_order_value, …, affinity, scores, rfm_code, rfm_segment), then cluster (an \
        integer; -1 is dbscan noise, -2 an outlier set aside), segment (its name), outlier \
        (true or false) and status: `clustered`, `noise`, `outlier`, or `filtered: CONDITION` \
        for a customer another filter removed (`filtered: monetary > 0`), whose cluster and \
        segment are empty. Otherwise the current table is written as it is. export profiles \
        writes one row per segment: size, shares, and the mean and median of every feature in original units. The format follows the file extension \
        (.json, else CSV) unless format= says otherwise; numbers are written in full precision \
        and the file is replaced atomically. export clv writes the last clv's fits and holdout \
        comparison as JSON (docs/clv.md). export sql writes the RFM query for the loaded \
        log as one SELECT for PostgreSQL, DuckDB, Spark SQL or SQLite, its columns those of \
        the customer table (docs/warehouse.md). export scoring writes the fitted k-means \
        segmentation as one SELECT giving customer, cluster and segment: RFM computed from \
        table= (as export sql) or read from=, a table of RFM features, then the outlier \
        filters, transform, scaling and nearest centroid with their fitted numbers.
        """,
      positionals: [
        ArgumentSpec("target", .name, "the file, or the word profiles, clv, sql or scoring"),
        ArgumentSpec(
          "file", .path, "the file, after profiles, clv, sql or scoring", isRequired: false),
      ],
      options: [
        OptionSpec(
          "format", .choice(["csv", "json"]), "the file format (default: from the extension)"),
        OptionSpec(
          "dialect", .choice(["postgres", "duckdb", "spark", "sqlite"]),
          "export sql, export scoring: the SQL engine (docs/warehouse.md)"),
        OptionSpec(
          "table", .name,
          "export sql, export scoring: the table holding the log (default: the loaded one)"),
        OptionSpec(
          "asof", .date,
          "export sql, export scoring: a fixed asof (default: the day after the last transaction)"),
        OptionSpec(
          "from", .name, "export scoring: score a table of RFM features instead of the log"),
      ],
      examples: [
        "export \"segments.csv\"", "export profiles \"profiles.csv\"",
        "export \"segments.json\" format=json", "export clv \"clv.json\"",
        "export sql \"rfm.sql\" dialect=duckdb table=sales",
        "export scoring \"score.sql\" dialect=postgres from=customer_rfm",
      ],
      usageOverride:
        "export [profiles|clv] \"FILE\" [format=csv|json]  |  export sql \"FILE\" dialect=postgres|duckdb|spark|sqlite [table=NAME]  |  export scoring \"FILE\" dialect=... [table=NAME | from=RFM_TABLE]",
      run: { context, arguments throws(RuntimeError) in try Commands.exportFile(&context, arguments)
      })
  ]

  static func exportFile(_ context: inout ExecutionContext, _ arguments: CommandArguments)
    throws(RuntimeError)
  {
    let at = arguments.command.nameRange
    guard let target = arguments.string("target") else { return }
    if target == "clv" && arguments.isGiven("file") {
      return try exportCLV(&context, arguments)
    }
    if target == "sql" && arguments.isGiven("file") { return try exportSQL(&context, arguments) }
    if target == "scoring" && arguments.isGiven("file") {
      return try exportScoring(&context, arguments)
    }
    let isProfiles = target == "profiles" && arguments.isGiven("file")
    if target == "profiles" && !arguments.isGiven("file") {
      if case .name? = arguments.command.arguments.first {
        throw RuntimeError(
          .missingArgument, "export profiles needs a file name", at: arguments.range(of: "target")
        )
        .withHelp("export profiles \"profiles.csv\"")
      }
    }
    if !isProfiles, arguments.isGiven("file") {
      throw RuntimeError(
        .extraArgument, "export takes one file name (or profiles and a file name)",
        at: arguments.range(of: "file")
      )
      .withHelp("export \"segments.csv\" or export profiles \"profiles.csv\"")
    }
    if !isProfiles, case .name(let n)? = arguments.command.arguments.first, !n.isQuoted {
      throw RuntimeError(.typeMismatch, "export expects a file name in quotes", at: n.range)
        .withHelp("export \"\(n.name).csv\"")
    }
    let path = isProfiles ? arguments.string("file") ?? "" : target
    let pathRange = arguments.range(of: isProfiles ? "file" : "target")
    let json =
      arguments.string("format").map { $0 == "json" } ?? path.lowercased().hasSuffix(".json")
    let table: Table
    let description: String
    if isProfiles {
      let segmented = try requireModel(context, at: at)
      do {
        table = try profilesTable(segmented)
      } catch {
        throw SegmentationErrors.analysis(error, at: at, table: segmented.table, what: "customers")
      }
      description = "profiles of \(segmented.model.k) segment\(segmented.model.k == 1 ? "" : "s")"
    } else {
      let current = try context.requireTable(at: at)
      let ws = context.workspace
      if let model = ws.alignedModel, model.tableName == ws.tableName {
        table = segmentsTable(SegmentedCustomers(ws, model: model), ws)
        description = "segments of \(NumberFormatting.count(table.rowCount)) customers"
      } else {
        table = current
        description = "table \(ws.tableName ?? "table")"
      }
    }
    let bytes = json ? table.jsonBytes() : table.csvBytes()
    do {
      try context.host.writeFileAtomically(bytes, toPath: path)
    } catch {
      throw RuntimeError.writeFailure(error, at: pathRange)
    }
    context.write(
      "export: \(description) to \(path) (\(json ? "JSON" : "CSV"), \(NumberFormatting.count(table.rowCount)) rows, "
        + "\(table.columns.count) columns: \(table.columnNames.joined(separator: ", ")))")
  }

  /// `export clv "FILE.json"`: the last `clv` as JSON.
  static func exportCLV(_ context: inout ExecutionContext, _ arguments: CommandArguments)
    throws(RuntimeError)
  {
    let path = arguments.string("file") ?? ""
    guard let result = context.workspace.clv else {
      throw RuntimeError(.noTable, "there is no clv result to export", at: arguments.range(of: "target"))
        .withHelp("run clv first")
    }
    if arguments.string("format") == "csv" {
      throw RuntimeError(
        .invalidValue, "export clv writes JSON only", at: arguments.range(of: "format"))
    }
    do {
      try context.host.writeFileAtomically(Array(result.jsonText().utf8), toPath: path)
    } catch {
      throw RuntimeError(.fileError, error.message, at: arguments.range(of: "file"))
        .withHelp("check that the directory exists and can be written")
    }
    context.write(
      "export: clv fits of \(NumberFormatting.count(result.summary.count)) customers to \(path) (JSON)")
  }

  /// One row per customer of the RFM table: the clustered customers, the outliers and the
  /// customers other filters removed (``Workspace/filteredCustomers``); every column of the
  /// customer table, then cluster, segment, outlier and status; sorted by customer id when there
  /// is one.
  static func segmentsTable(_ s: SegmentedCustomers, _ ws: Workspace) -> Table {
    let customer = ws.customerColumnName(in: s.table)
    let added = ["cluster", "segment", "outlier", "status"]
    var names: [String] = []
    if let customer { names.append(customer) }
    names += s.table.columnNames.filter { $0 != customer && !added.contains($0) }
    var columns = names.compactMap { s.table[$0] }
    columns.append(Column(name: "cluster", data: .integer(s.labels.map(Int64.init))))
    columns.append(Column(name: "segment", data: .text(s.segmentNames)))
    columns.append(Column(name: "outlier", data: .boolean(s.isOutlier)))
    let status = zip(s.labels, s.isOutlier).map { label, outlier -> String? in
      outlier ? "outlier" : label == SegmentationModel.noiseLabel ? "noise" : "clustered"
    }
    columns.append(Column(name: "status", data: .text(status)))
    var table = Table(columns: columns)
    if s.model.tableName == Workspace.customersTable {
      for filtered in ws.filteredCustomers where filtered.rows.rowCount > 0 {
        table = table.appending(rowsOf: aligned(filtered, to: table))
      }
    }
    guard let customer, let ids = table[customer] else { return table }
    let order: [Int]
    switch ids.data {
    case .integer(let v):
      order = v.indices.sorted { (v[$0], $0) < (v[$1], $1) }
    default:
      let text = (0..<ids.count).map { ids.text(at: $0) ?? "" }
      order = text.indices.sorted { (text[$0], $0) < (text[$1], $1) }
    }
    return table.gathering(order)
  }

  /// The rows a filter removed, with the columns of the export table `table`: their own values,
  /// missing where they lack a column, no cluster or segment, and the filter as their status.
  static func aligned(_ filtered: FilteredCustomers, to table: Table) -> Table {
    let n = filtered.rows.rowCount
    return Table(
      columns: table.columns.map { c in
        switch c.name {
        case "cluster": Column(name: c.name, data: .integer(.init(repeating: Column.missingInteger, count: n)))
        case "segment": Column(name: c.name, data: .text(.init(repeating: nil, count: n)))
        case "outlier": Column(name: c.name, data: .boolean(.init(repeating: false, count: n)))
        case "status":
          Column(
            name: c.name,
            data: .text(.init(repeating: "filtered: " + filtered.condition, count: n)))
        default: filtered.rows[c.name] ?? missing(like: c, count: n)
        }
      })
  }

  /// A column of `count` missing values of the same kind as `column`.
  static func missing(like column: Column, count n: Int) -> Column {
    let data: ColumnData =
      switch column.data {
      case .integer: .integer(.init(repeating: Column.missingInteger, count: n))
      case .decimal: .decimal(.init(repeating: .nan, count: n))
      case .datetime: .datetime(.init(repeating: Column.missingInteger, count: n))
      case .text: .text(.init(repeating: nil, count: n))
      case .category(_, let dictionary):
        .category(codes: .init(repeating: Column.missingCode, count: n), dictionary: dictionary)
      case .boolean: .boolean(.init(repeating: nil, count: n))
      }
    return Column(name: column.name, data: data)
  }

  /// One row per segment (then noise and outliers): size, shares, mean and median per feature.
  static func profilesTable(_ s: SegmentedCustomers) throws(AnalysisError) -> Table {
    let p = try s.profiles()
    let groups = s.groups
    var columns: [Column] = [
      Column(name: "segment", data: .text(groups.map(\.name))),
      Column(name: "cluster", data: .integer(groups.map { Int64($0.label) })),
      Column(name: "customers", data: .integer(p.clusters.map { Int64($0.size) })),
      Column(name: "share", data: .decimal(p.clusters.map(\.share))),
    ]
    if p.clusters.contains(where: { $0.revenueShare != nil }) {
      columns.append(
        Column(name: "revenue_share", data: .decimal(p.clusters.map { $0.revenueShare ?? .nan })))
    }
    for (j, name) in p.columnNames.enumerated() {
      columns.append(Column(name: "\(name)_mean", data: .decimal(p.clusters.map { $0.means[j] })))
      columns.append(
        Column(name: "\(name)_median", data: .decimal(p.clusters.map { $0.medians[j] })))
    }
    return Table(columns: columns)
  }
}
