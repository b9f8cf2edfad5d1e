import SegCore

extension Commands {
  /// `export`.
  static let export: [CommandSpec] = [
    CommandSpec(
      name: "export", category: .output,
      summary: "Writes the current table, or the segment profiles, to a CSV or JSON file.",
      discussion: """
        After clustering, the customer table is written one row per customer (outliers \
        included): customer, the features in original units, r_score, f_score and m_score, \
        cluster (an integer; -1 is dbscan noise, -2 an outlier set aside), segment (its name) \
        and outlier (true or false), sorted by customer. Otherwise the current table is written \
        as it is. export profiles writes one row per segment: size, shares, and the mean and \
        median of every feature in original units. The format follows the file extension \
        (.json, else CSV) unless format= says otherwise; numbers are written in full precision \
        and the file is replaced atomically. export sql writes the RFM query for the loaded \
        log as one SELECT for PostgreSQL, DuckDB, Spark SQL or SQLite, its columns those of \
        the customer table (docs/warehouse.md).
        """,
      positionals: [
        ArgumentSpec("target", .name, "the file, or the word profiles"),
        ArgumentSpec("file", .path, "the file, after profiles", isRequired: false),
      ],
      options: [
        OptionSpec(
          "format", .choice(["csv", "json"]), "the file format (default: from the extension)"),
        OptionSpec(
          "dialect", .choice(["postgres", "duckdb", "spark", "sqlite"]),
          "export sql: the SQL engine (docs/warehouse.md)"),
        OptionSpec("table", .name, "export sql: the table holding the log (default: the loaded one)"),
        OptionSpec("asof", .date, "export sql: a fixed asof (default: the day after the last transaction)"),
      ],
      examples: [
        "export \"segments.csv\"", "export profiles \"profiles.csv\"",
        "export \"segments.json\" format=json",
        "export sql \"rfm.sql\" dialect=duckdb table=sales",
      ],
      usageOverride:
        "export [profiles] \"FILE\" [format=csv|json]  |  export sql \"FILE\" dialect=postgres|duckdb|spark|sqlite [table=NAME]",
      run: { context, arguments throws(RuntimeError) in try Commands.exportFile(&context, arguments)
      })
  ]

  static func exportFile(_ context: inout ExecutionContext, _ arguments: CommandArguments)
    throws(RuntimeError)
  {
    let at = arguments.command.nameRange
    guard let target = arguments.string("target") else { return }
    if target == "sql" && arguments.isGiven("file") { return try exportSQL(&context, arguments) }
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
      if let model = ws.model, model.tableName == ws.tableName,
        let segmented = SegmentedCustomers(ws)
      {
        table = segmentsTable(segmented, ws)
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
      throw RuntimeError(.fileError, error.message, at: pathRange)
        .withHelp("check that the directory exists and can be written")
    }
    context.write(
      "export: \(description) to \(path) (\(json ? "JSON" : "CSV"), \(NumberFormatting.count(table.rowCount)) rows, "
        + "\(table.columns.count) columns: \(table.columnNames.joined(separator: ", ")))")
  }

  /// One row per customer: id, features in original units, scores, cluster, segment, outlier;
  /// sorted by customer id when there is one.
  static func segmentsTable(_ s: SegmentedCustomers, _ ws: Workspace) -> Table {
    let customer = ws.customerColumnName(in: s.table)
    var names: [String] = []
    if let customer { names.append(customer) }
    names += s.model.featureNames.filter { $0 != customer }
    names += ["r_score", "f_score", "m_score"].filter {
      s.table.columnIndex(named: $0) != nil && !names.contains($0)
    }
    let added = ["cluster", "segment", "outlier"]
    var columns = names.filter { !added.contains($0) }.compactMap { s.table[$0] }
    columns.append(Column(name: "cluster", data: .integer(s.labels.map(Int64.init))))
    columns.append(Column(name: "segment", data: .text(s.segmentNames)))
    columns.append(Column(name: "outlier", data: .boolean(s.isOutlier)))
    let table = Table(columns: columns)
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
