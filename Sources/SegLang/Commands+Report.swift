import SegCharts

extension Commands {
  /// `report`.
  static let report: [CommandSpec] = [
    CommandSpec(
      name: "report", category: .output,
      summary: "Writes a self-contained HTML report of the session.",
      discussion: """
        One HTML file with no scripts and no external resources: provenance (input file and \
        its SHA-256, rows, asof, seed, seg version, the script), data-quality and \
        row-accounting tables, feature distributions, how k was chosen (criteria per k, elbow \
        and silhouette charts), the segment profiles with sizes, revenue shares and suggested \
        actions, the segment charts, and the migration of the last compare. Sections without \
        results yet are left out. The same session writes the same bytes.
        """,
      positionals: [ArgumentSpec("file", .path, "the HTML file to write")],
      examples: ["report \"segments.html\""],
      needs: .customers,
      run: { context, arguments throws(RuntimeError) in try Commands.report(&context, arguments) })
  ]

  static func report(_ context: inout ExecutionContext, _ arguments: CommandArguments)
    throws(RuntimeError)
  {
    guard let path = arguments.string("file") else { return }
    let range = arguments.range(of: "file")
    try context.ensureInputDigest(at: arguments.command.nameRange)
    let builder = try ReportBuilder(
      workspace: context.workspace, script: reportScript(context.source),
      range: arguments.command.nameRange)
    let document = builder.document()
    try context.checkCancellation(at: arguments.command.nameRange)
    let html = document.renderHTML()
    do {
      try context.host.writeFileAtomically(Array(html.utf8), toPath: path)
    } catch {
      throw RuntimeError.writeFailure(error, at: range)
    }
    var sections = ["provenance"]
    if !document.dataQuality.isEmpty || !document.rowAccounting.isEmpty {
      sections.append("data quality")
    }
    if !document.distributions.isEmpty { sections.append("distributions") }
    if document.kChoice != nil { sections.append("choice of k") }
    if document.segments != nil { sections.append("segments") }
    if document.migration != nil { sections.append("migration") }
    let charts =
      document.distributions.count + (document.kChoice?.charts.count ?? 0)
      + (document.segments?.charts.count ?? 0) + (document.migration == nil ? 0 : 1)
    context.write(
      "wrote the report to \(path): \(sections.joined(separator: ", ")); "
        + "\(charts) chart\(charts == 1 ? "" : "s")")
  }

  /// The script text the report shows: the script file, or for an entry typed in the REPL
  /// (`<input #N>`) that entry with a comment saying the earlier ones are not included.
  static func reportScript(_ source: SourceFile?) -> String {
    guard let source else { return "" }
    guard source.name.hasPrefix("<input") else { return source.text }
    return "# typed in the interactive shell as \(source.name); earlier entries are not shown\n"
      + source.text
  }
}
