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

  let host: any ScriptHost
  let registry: CommandRegistry = .standard

  init(host: any ScriptHost) {
    self.host = host
  }

  /// Reports a usage error and returns ``ExitStatus/usageError``.
  func usage(_ message: String, help: String? = nil) -> ExitStatus {
    var d = Diagnostic(.usage, message, at: .none)
    if let help { d = d.withHelp(help) }
    host.report(d, in: nil)
    return .usageError
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
    DiagnosticFlood.report(compilation.diagnostics, in: source, to: host)
    if compilation.hasErrors { return .usageError }
    let parameters = ParameterBinding.resolve(overrides, for: compilation.script)
    for d in parameters.diagnostics { host.report(d, in: nil) }
    if !parameters.diagnostics.isEmpty { return .usageError }
    if mode == .check {
      let n = compilation.script.statements.count
      host.writeOutput("\(source.name): ok (\(n) statement\(n == 1 ? "" : "s"))\n")
      return .success
    }
    var workspace = Workspace()
    let interpreter = Interpreter(registry: registry, host: host)
    switch interpreter.run(
      compilation.script, source: source, workspace: &workspace, parameters: parameters.values)
    {
    case .completed:
      return .success
    case .stopped(let error):
      host.report(error.diagnostic, in: source)
      switch error.kind {
      case .assertion: return .assertionFailed
      case .failure, .cancelled: return .runtimeError
      }
    }
  }
}
