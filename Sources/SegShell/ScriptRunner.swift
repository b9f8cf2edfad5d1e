import SegLang

/// Loads, checks and runs one script for the command line, reporting through the host and
/// deciding the exit status.
struct ScriptRunner {
  enum Mode {
    /// Validate, then run.
    case run
    /// Validate only.
    case check
  }

  /// How diagnostics are shown and recorded: the flags of `seg run` and `seg check`.
  struct Options: Equatable {
    /// `--format=text|github|json`.
    var format: DiagnosticFormat = .text
    /// `--junit FILE`: where to write the run as JUnit XML.
    var junitPath: String?
    /// `--strict`: the semantic checks' warnings are errors.
    var isStrict = false
  }

  let host: any ScriptHost
  let registry: CommandRegistry = .standard
  var options = Options()

  init(host: any ScriptHost) {
    self.host = host
  }

  init(host: any ScriptHost, options: Options) {
    self.options = options
    self.host = options.format == .text ? host : FormattedHost(base: host, format: options.format)
  }

  /// Reports a usage error and returns ``ExitStatus/usageError``.
  func usage(_ message: String, help: String? = nil) -> ExitStatus {
    var d = Diagnostic(.usage, message, at: .none)
    if let help { d = d.withHelp(help) }
    host.report(d, in: nil)
    return .usageError
  }

  /// Splits the flags of `seg run` and `seg check` (`--format=F`, `--strict`, `--junit FILE`)
  /// from the other arguments, or reports the first bad flag and returns `nil`.
  func flags(_ arguments: [String], defaultFormat: DiagnosticFormat, mode: Mode)
    -> (Options, [String])?
  {
    var options = Options(format: defaultFormat)
    var rest: [String] = []
    var i = 0
    let command = mode == .run ? "run" : "check"
    let known = mode == .run ? ["--format", "--junit"] : ["--format", "--strict"]
    while i < arguments.count {
      let a = arguments[i]
      i += 1
      guard a.hasPrefix("--") else {
        rest.append(a)
        continue
      }
      let (flag, inline): (String, String?) =
        if let eq = a.firstIndex(of: "=") {
          (String(a[..<eq]), String(a[a.index(after: eq)...]))
        } else {
          (a, nil)
        }
      func value() -> String? {
        if let inline { return inline }
        guard i < arguments.count else {
          _ = usage("'\(flag)' needs a value", help: "seg \(command) \(flag)=VALUE FILE")
          return nil
        }
        i += 1
        return arguments[i - 1]
      }
      switch flag {
      case "--format":
        guard let v = value() else { return nil }
        guard let f = DiagnosticFormat(rawValue: v) else {
          _ = usage(
            "unknown format '\(v)'",
            help: "one of: " + DiagnosticFormat.allCases.map(\.rawValue).joined(separator: ", "))
          return nil
        }
        options.format = f
      case "--strict" where inline == nil && mode == .check:
        options.isStrict = true
      case "--junit" where mode == .run:
        guard let v = value() else { return nil }
        options.junitPath = v
      default:
        let suggestion = EditDistance.suggestion(for: flag, among: known)
        _ = usage(
          "'seg \(command)' has no option '\(a)'",
          help: suggestion.map { "did you mean '\($0)'?" } ?? "see 'seg --help'")
        return nil
      }
    }
    return (options, rest)
  }

  /// Parses `NAME=VALUE` arguments, or reports the first malformed one and returns `nil`.
  func overrides(_ arguments: [String]) -> [(name: String, value: String)]? {
    var out: [(name: String, value: String)] = []
    for a in arguments {
      guard let eq = a.firstIndex(of: "="), eq != a.startIndex else {
        _ = usage(
          "expected a parameter as NAME=VALUE, got '\(a)'",
          help: "for example: seg run churn.seg k=5")
        return nil
      }
      out.append((String(a[..<eq]), String(a[a.index(after: eq)...])))
    }
    return out
  }

  /// The script at `path`, or `nil` after reporting why it cannot be read.
  func load(_ path: String) -> SourceFile? {
    do throws(HostError) {
      let bytes = try host.readFile(atPath: path)
      if let problem = SourceFile.textProblem(in: bytes) {
        host.report(
          Diagnostic(.notText, "cannot run '\(path)': \(problem)", at: .none)
            .withHelp("seg runs scripts: UTF-8 text files of statements such as 'load \"orders.csv\"'"),
          in: nil)
        return nil
      }
      return SourceFile(name: path, text: String(decoding: bytes, as: UTF8.self))
    } catch {
      _ = usage("cannot read script: \(error.message)")
      return nil
    }
  }

  /// Checks and (in ``Mode/run``) runs `source`.
  mutating func run(
    _ source: SourceFile, overrides: [(name: String, value: String)], mode: Mode
  ) -> ExitStatus {
    if source.bytes.contains(0), let problem = SourceFile.textProblem(in: source.bytes) {
      host.report(Diagnostic(.notText, "cannot run '\(source.name)': \(problem)", at: .none), in: nil)
      return .usageError
    }
    let compilation = Compilation(source, registry: registry)
    var junit = options.junitPath.map { _ in JUnitRecorder(source: source, registry: registry) }
    var diagnostics = compilation.diagnostics
    if mode == .check {
      diagnostics = (diagnostics
        + SemanticCheck.diagnostics(
          in: compilation.script, registry: registry, strict: options.isStrict)
      ).enumerated().sorted {
        ($0.element.range.start, $0.offset) < ($1.element.range.start, $1.offset)
      }.map(\.element)
    }
    DiagnosticFlood.report(diagnostics, in: source, to: host)
    if diagnostics.contains(where: { $0.severity == .error }) {
      junit?.recordCompilation(compilation)
      return writeJUnit(junit, status: .usageError)
    }
    let parameters = ParameterBinding.resolve(overrides, for: compilation.script)
    for d in parameters.diagnostics { host.report(d, in: nil) }
    if !parameters.diagnostics.isEmpty {
      junit?.skipRemaining(compilation.script, because: "not run: a parameter is wrong")
      return writeJUnit(junit, status: .usageError)
    }
    if mode == .check {
      let n = compilation.script.statements.count
      if options.format == .text {
        let w = diagnostics.count { $0.severity == .warning }
        let warnings = w == 0 ? "" : ", \(w) warning\(w == 1 ? "" : "s")"
        host.writeOutput("\(source.name): ok (\(n) statement\(n == 1 ? "" : "s")\(warnings))\n")
      }
      return .success
    }
    var workspace = Workspace()
    let interpreter = Interpreter(registry: registry, host: host)
    let outcome = interpreter.run(
      compilation.script, source: source, workspace: &workspace, parameters: parameters.values,
      observe: junit == nil ? nil : { junit?.record($0) })
    switch outcome {
    case .completed:
      return writeJUnit(junit, status: .success)
    case .stopped(let error):
      host.report(error.diagnostic, in: source)
      junit?.skipRemaining(compilation.script, because: "not run: an earlier statement failed")
      switch error.kind {
      case .assertion: return writeJUnit(junit, status: .assertionFailed)
      case .failure, .cancelled: return writeJUnit(junit, status: .runtimeError)
      }
    }
  }

  /// Writes the JUnit report, if one was asked for, and returns `status`; or a runtime error
  /// when the report cannot be written.
  func writeJUnit(_ junit: JUnitRecorder?, status: ExitStatus) -> ExitStatus {
    guard let junit, let path = options.junitPath else { return status }
    do throws(HostError) {
      try host.writeFileAtomically(Array(junit.report.xml.utf8), toPath: path)
    } catch {
      host.report(Diagnostic(.fileError, "cannot write the JUnit report: \(error.message)", at: .none), in: nil)
      return status == .success ? .runtimeError : status
    }
    return status
  }
}
