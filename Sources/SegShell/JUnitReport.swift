import SegLang

/// A run of one script as JUnit XML (`seg run --junit FILE.xml`), the format GitLab, Jenkins and
/// the GitHub test-report actions read.
///
/// Every `assert` is one `testcase` named `FILE:LINE: assert EXPRESSION`, with the values of the
/// names in it (and its message) in `system-out`; a failed one has a `failure`. A statement that
/// stopped the script with an error is a `testcase` with an `error`; asserts after it are
/// `skipped`. Syntax and validation errors (nothing ran) are one `error` testcase each.
///
/// Only the elements and attributes of the Jenkins xUnit plugin's `junit-10.xsd` are written
/// (which is also what Maven Surefire writes): `testsuites`, `testsuite` (`name`, `tests`,
/// `failures`, `errors`, `skipped`, `time`), `testcase` (`name`, `classname`, `time`),
/// `failure`/`error`/`skipped` (`message`, `type`) and `system-out`.
struct JUnitReport: Equatable {
  /// How a test case ended.
  enum Outcome: Equatable {
    case passed
    /// An assertion failed: `type` is the diagnostic id, `text` the rendered diagnostic.
    case failure(type: String, message: String, text: String)
    /// A statement failed.
    case error(type: String, message: String, text: String)
    case skipped(message: String)
  }

  struct TestCase: Equatable {
    var name: String
    var classname: String
    /// Seconds, or `nil` when the case did not run.
    var time: Double?
    var outcome: Outcome
    var systemOut: String
  }

  /// The script's name.
  var suiteName: String
  var cases: [TestCase] = []

  var failures: Int { cases.count { if case .failure = $0.outcome { true } else { false } } }
  var errors: Int { cases.count { if case .error = $0.outcome { true } else { false } } }
  var skipped: Int { cases.count { if case .skipped = $0.outcome { true } else { false } } }
  var time: Double { cases.reduce(0) { $0 + ($1.time ?? 0) } }

  /// The XML document, UTF-8, ending with a line break.
  var xml: String {
    let counts =
      "tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"\(errors)\""
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<testsuites name=\"seg\" \(counts) time=\"\(seconds(time))\">\n"
    out += "  <testsuite name=\(attribute(suiteName)) \(counts) skipped=\"\(skipped)\""
    out += " time=\"\(seconds(time))\">\n"
    for c in cases {
      out += "    <testcase name=\(attribute(c.name)) classname=\(attribute(c.classname))"
      if let t = c.time { out += " time=\"\(seconds(t))\"" }
      out += ">\n"
      switch c.outcome {
      case .passed: break
      case .failure(let type, let message, let text):
        out += "      <failure message=\(attribute(message)) type=\(attribute(type))>"
        out += content(text) + "</failure>\n"
      case .error(let type, let message, let text):
        out += "      <error message=\(attribute(message)) type=\(attribute(type))>"
        out += content(text) + "</error>\n"
      case .skipped(let message):
        out += "      <skipped message=\(attribute(message))/>\n"
      }
      if !c.systemOut.isEmpty {
        out += "      <system-out>" + content(c.systemOut) + "</system-out>\n"
      }
      out += "    </testcase>\n"
    }
    out += "  </testsuite>\n</testsuites>\n"
    return out
  }

  /// Seconds with millisecond precision, as Surefire writes them (`0.012`).
  func seconds(_ t: Double) -> String {
    let ms = Int((max(0, t) * 1000).rounded())
    let frac = String(ms % 1000)
    return "\(ms / 1000)." + String(repeating: "0", count: 3 - frac.count) + frac
  }

  /// A quoted attribute value: markup characters and line breaks escaped.
  func attribute(_ text: String) -> String {
    "\"" + escaped(text, inAttribute: true) + "\""
  }

  /// Element content: markup characters escaped.
  func content(_ text: String) -> String { escaped(text, inAttribute: false) }

  /// `text` with `&`, `<`, `>` (and in attributes `"`, tab and line breaks) escaped, and the
  /// characters XML 1.0 cannot carry at all (other control characters, lone surrogates cannot
  /// occur in a String) written as `\u{..}`.
  func escaped(_ text: String, inAttribute: Bool) -> String {
    var out = ""
    for s in text.unicodeScalars {
      switch s {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"" where inAttribute: out += "&quot;"
      case "\n" where inAttribute: out += "&#10;"
      case "\r": out += "&#13;"
      case "\t" where inAttribute: out += "&#9;"
      case "\n", "\t": out.unicodeScalars.append(s)
      default:
        if s.value < 0x20 || s.value == 0xFFFE || s.value == 0xFFFF {
          out += "\\u{" + String(s.value, radix: 16) + "}"
        } else {
          out.unicodeScalars.append(s)
        }
      }
    }
    return out
  }
}

/// Builds a ``JUnitReport`` from a compilation and the interpreter's statement events.
struct JUnitRecorder {
  let source: SourceFile
  let registry: CommandRegistry
  let table: LineTable
  var report: JUnitReport
  /// The statements that have run (or started), by range start.
  var ran: Set<Int> = []
  /// When the current statement started.
  var started: ContinuousClock.Instant?

  init(source: SourceFile, registry: CommandRegistry) {
    self.source = source
    self.registry = registry
    self.table = LineTable(source)
    self.report = JUnitReport(suiteName: source.name)
  }

  /// The case name: `churn.seg:12: assert clusters == 4`.
  func name(of statement: Statement) -> String {
    let line = table.location(of: statement.range.start).line
    return "\(source.name):\(line): \(Printer.print(statement))"
  }

  static func isAssert(_ statement: Statement) -> Bool {
    if case .command(let c) = statement, c.name == "assert" { return true }
    return false
  }

  /// Records that the script did not run because of `diagnostics` (syntax or validation), and
  /// that its asserts were skipped.
  mutating func recordCompilation(_ compilation: Compilation) {
    for d in compilation.diagnostics where d.severity == .error {
      let line = table.location(of: d.range.start).line
      report.cases.append(
        JUnitReport.TestCase(
          name: "\(source.name):\(line): \(d.id.rawValue)", classname: source.name, time: nil,
          outcome: .error(
            type: d.id.rawValue, message: d.message,
            text: DiagnosticRenderer(style: .plain).render(d, in: source)),
          systemOut: ""))
    }
    skipRemaining(compilation.script, because: "not run: the script has errors")
  }

  /// Records one interpreter event.
  mutating func record(_ event: StatementEvent) {
    switch event {
    case .willRun(let statement):
      ran.insert(statement.range.start)
      started = ContinuousClock.now
    case .didRun(let statement, let workspace, let error):
      let time = started.map { ContinuousClock.now - $0 }.map {
        Double($0.components.seconds) + Double($0.components.attoseconds) * 1e-18
      }
      guard Self.isAssert(statement) || error != nil else { return }
      var lines: [String] = []
      if case .command(let c) = statement, c.name == "assert", let e = c.expression {
        lines.append("assert " + Printer.print(e))
        if error == nil {
          lines += Assertion.values(in: e, workspace: workspace, registry: registry)
        }
        if let msg = c.option("msg") { lines.append("msg: " + Printer.print(msg.value)) }
      }
      var outcome = JUnitReport.Outcome.passed
      if let error {
        let d = error.diagnostic
        let text = DiagnosticRenderer(style: .plain).render(d, in: source)
        outcome =
          error.kind == .assertion
          ? .failure(type: d.id.rawValue, message: d.message, text: text)
          : .error(type: d.id.rawValue, message: d.message, text: text)
      }
      report.cases.append(
        JUnitReport.TestCase(
          name: name(of: statement), classname: source.name, time: time, outcome: outcome,
          systemOut: lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"))
    }
  }

  /// Adds a skipped case for every assert of `script` that did not run.
  mutating func skipRemaining(_ script: Script, because message: String) {
    for s in script.statements where Self.isAssert(s) && !ran.contains(s.range.start) {
      report.cases.append(
        JUnitReport.TestCase(
          name: name(of: s), classname: source.name, time: nil,
          outcome: .skipped(message: message), systemOut: ""))
    }
  }
}
