public import SegLang

/// The `seg` command line: decides what to run from the arguments and returns the exit status.
///
/// ```
/// seg run FILE [NAME=VALUE ...]        run a script, setting its parameters
/// seg run - [NAME=VALUE ...]           run a script read from standard input
/// seg -c 'STATEMENTS' [NAME=VALUE ...] run statements given on the command line
/// seg check FILE [NAME=VALUE ...]      parse and validate a script without running it
/// seg --help | --version
/// seg [--no-init]                      the interactive shell (on a terminal), else run stdin
/// ```
public enum SegCommandLine {
  /// Runs `seg` with `arguments` (without the program name) in the real process.
  public static func main(arguments: [String]) -> ExitStatus {
    let input = StandardInput()
    let host = RealHost()
    return main(
      arguments: arguments, host: host, isInputTerminal: input.isTerminal,
      readStandardInput: input.readAll,
      startShell: { InteractiveShell.run(host: host, runsInitFile: $0) })
  }

  /// Runs `seg` with `arguments` against `host`; tests pass an in-memory host.
  ///
  /// - Parameters:
  ///   - arguments: The arguments, without the program name.
  ///   - host: Output, diagnostics and files.
  ///   - isInputTerminal: whether standard input is a terminal (then `seg` alone starts the
  ///     interactive shell).
  ///   - readStandardInput: reads all of standard input, or returns `nil` when it cannot.
  ///   - startShell: runs the interactive shell (given whether to run the start-up file) and
  ///     returns its exit status; the default (for tests) runs nothing and returns
  ///     ``ExitStatus/usageError``.
  /// - Returns: How the process ends.
  public static func main(
    arguments: [String], host: any ScriptHost, isInputTerminal: Bool,
    readStandardInput: () -> String?,
    startShell: (_ runsInitFile: Bool) -> ExitStatus = { _ in .usageError }
  ) -> ExitStatus {
    let defaultFormat = DiagnosticFormat.defaultFormat(environment: host.environment)
    var runner = ScriptRunner(host: host, options: ScriptRunner.Options(format: defaultFormat))
    if arguments.isEmpty || arguments == ["--no-init"] {
      if isInputTerminal { return startShell(arguments.isEmpty) }
      guard let text = readStandardInput() else {
        return runner.usage("cannot read standard input")
      }
      return runner.run(SourceFile(name: "<stdin>", text: text), overrides: [], mode: .run)
    }
    let first = arguments[0]
    let rest = Array(arguments.dropFirst())
    switch first {
    case "--help", "-h", "help":
      host.writeOutput(usageText)
      return .success
    case "--version", "-V", "version":
      host.writeOutput(BuildInfo.versionLine + "\n")
      return .success
    case "run", "check":
      let mode: ScriptRunner.Mode = first == "run" ? .run : .check
      guard let (options, rest) = runner.flags(rest, defaultFormat: defaultFormat, mode: mode)
      else { return .usageError }
      runner = ScriptRunner(host: host, options: options)
      guard let path = rest.first else {
        return runner.usage(
          "'seg \(first)' needs a script file", help: "seg \(first) FILE [NAME=VALUE ...]")
      }
      guard let overrides = runner.overrides(Array(rest.dropFirst())) else { return .usageError }
      if path == "-" {
        guard let text = readStandardInput() else {
          return runner.usage("cannot read standard input")
        }
        return runner.run(SourceFile(name: "<stdin>", text: text), overrides: overrides, mode: mode)
      }
      guard let source = runner.load(path) else { return .usageError }
      return runner.run(source, overrides: overrides, mode: mode)
    case "completions":
      guard rest.count == 1, let shell = ShellCompletions.Shell(rawValue: rest[0]) else {
        return runner.usage(
          "'seg completions' needs one of: bash, zsh, fish",
          help: "for example: source <(seg completions bash)")
      }
      host.writeOutput(ShellCompletions.script(for: shell))
      return .success
    case "man":
      guard rest.isEmpty else { return runner.usage("'seg man' takes no arguments") }
      host.writeOutput(ManualPage.page())
      return .success
    case "fmt":
      return FormatCommand(host: host, runner: runner).run(
        rest, readStandardInput: readStandardInput)
    case "-c":
      guard let text = rest.first else {
        return runner.usage("'-c' needs statements", help: "seg -c 'echo 1; echo 2'")
      }
      guard let overrides = runner.overrides(Array(rest.dropFirst())) else { return .usageError }
      return runner.run(
        SourceFile(name: "<command-line>", text: text), overrides: overrides, mode: .run)
    default:
      if first.hasSuffix(".seg"), !first.hasPrefix("-") {
        // `#!/usr/bin/env seg` passes the script path first.
        guard let overrides = runner.overrides(rest) else { return .usageError }
        guard let source = runner.load(first) else { return .usageError }
        return runner.run(source, overrides: overrides, mode: .run)
      }
      let known = CommandLineSpec.firstWords
      let suggestion = EditDistance.suggestion(for: first, among: known)
      return runner.usage(
        first.hasPrefix("-") ? "unknown option '\(first)'" : "unknown command '\(first)'",
        help: suggestion.map { "did you mean '\($0)'?" } ?? "see 'seg --help'")
    }
  }

  /// What `seg --help` prints.
  public static let usageText = """
    seg \(SegVersion.string): customer segmentation scripts

    usage:
      seg run FILE [NAME=VALUE ...]         run a script, setting its parameters
      seg run - [NAME=VALUE ...]            run a script read from standard input
      seg -c 'STATEMENTS' [NAME=VALUE ...]  run statements separated by ';' or line breaks
      seg check FILE [NAME=VALUE ...]       parse and validate a script without running it

    flags of 'run' and 'check' (before or after FILE):
      --format=text|github|json  how diagnostics are printed: text for people (the default),
                                 GitHub Actions annotations (the default when
                                 GITHUB_ACTIONS=true), or one JSON object per line
      --strict                   ('check') its warnings are errors
      --junit FILE.xml           ('run') also write the run as JUnit XML: one testcase per
                                 assert
      seg fmt [--check] FILE...             rewrite scripts in the canonical layout (--check:
                                            change nothing, show a diff, exit 1 if any would
                                            change; 'seg fmt -' formats standard input)
      seg completions bash|zsh|fish         print the shell completion script
      seg man                               print the manual page: seg man | man -l -
      seg FILE.seg [NAME=VALUE ...]         the same as 'seg run' (for #! lines)
      seg [--no-init]                       the interactive shell on a terminal (--no-init:
                                            skip ~/.segrc); otherwise run the script on
                                            standard input
      seg --help | --version

    exit status:
      0  success
      1  a runtime or data error stopped the script ('seg fmt --check': a file would change)
      2  a usage or syntax error; nothing ran
      3  an assert failed

    'seg -c help' lists the commands of the language; docs/language.md describes it.

    """
}
