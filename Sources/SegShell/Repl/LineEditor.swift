internal import CLibEdit
internal import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The REPL's line editor: the one owner of libedit's `EditLine` and `History`.
///
/// Emacs keys by default; `~/.editrc` (or `$EDITRC`) is read as libedit reads it, so `bind -v`
/// there gives vi keys. Whichever mode is active, seg adds its own bindings right after the mode
/// is chosen (so later lines of `~/.editrc` can still override them):
///
/// | Key | Action |
/// |---|---|
/// | Tab | context completion (`seg-complete`); a second Tab lists the candidates |
/// | Ctrl-C | abandon the statement being typed (`seg-interrupt`) |
/// | Ctrl-R | reverse incremental search (`em-inc-search-prev`) |
/// | Up / Down | history search on what is typed before the cursor (`ed-search-prev-history`, `ed-search-next-history`) |
/// | Ctrl-D | on an empty line: end of input |
///
/// Construction returns `nil` unless standard input and output are both terminals: scripts,
/// pipes, CI and tests never get here. It is `~Copyable`, not `Sendable`, and must stay on the
/// thread that made it (libedit is not thread-safe); `deinit` frees libedit's state and
/// restores the terminal.
///
/// It calls `setlocale(LC_CTYPE, "")` (falling back to `C.UTF-8` when that locale is not
/// UTF-8) so that libedit reads and displays UTF-8; only character classification changes,
/// never number formatting.
struct LineEditor: ~Copyable {
  /// What ``readStatement(isComplete:)`` read.
  enum ReadResult: Sendable, Equatable {
    /// A statement: one line, or several joined with `\n` (no trailing newline). A
    /// dot-command is always one line.
    case statement(String)
    /// Ctrl-C: everything typed for this statement was abandoned; prompt again.
    case interrupted
    /// Ctrl-D on an empty line, or input closed: leave the REPL.
    case endOfInput
  }

  private let editLine: OpaquePointer
  private let history: OpaquePointer
  private let state: LineEditorState
  /// The prompt for the first line of a statement.
  let prompt: String
  /// The prompt for each further line of an unfinished statement.
  let continuationPrompt: String

  /// Sets up line editing on the terminal, or returns `nil` when standard input or output is
  /// not a terminal (or libedit cannot start).
  /// Both prompts may contain terminal escape sequences (colour) bracketed by `\u{1}` on each
  /// side; libedit then leaves them out of its width computations (`EL_PROMPT_ESC`).
  /// - Parameters:
  ///   - prompt: The prompt of a statement's first line.
  ///   - continuationPrompt: The prompt of its further lines.
  ///   - history: Entries to preload, oldest first (``PersistentHistory``'s).
  ///   - capacity: The most entries libedit keeps in memory.
  ///   - environment: For `HOME`, `EDITRC` and `COLUMNS`.
  init?(
    prompt: String = "seg> ", continuationPrompt: String = "...> ", history entries: [String] = [],
    capacity: Int = ReplHistory.defaultCapacity,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    guard TerminalInfo.isInteractive else { return nil }
    Self.prepareLocale()
    guard let editLine = seg_el_init_stdio("seg") else { return nil }
    guard let history = history_init() else {
      el_end(editLine)
      return nil
    }
    self.editLine = editLine
    self.history = history
    self.prompt = prompt
    self.continuationPrompt = continuationPrompt
    state = LineEditorState(input: STDIN_FILENO, environment: environment)
    state.files = LocalFileSystemLister(home: environment["HOME"])
    InterruptFlag.shared.arm()

    _ = seg_history_set_size(history, Int32(clamping: capacity))
    for entry in entries { _ = seg_history_enter(history, entry) }
    _ = seg_el_set_clientdata(editLine, Unmanaged.passUnretained(state).toOpaque())
    _ = seg_el_set_prompt(editLine, LineEditorState.promptCallback, 1)
    _ = seg_el_set_getc(editLine, LineEditorState.readCharacterCallback)
    // Signals are handled by seg's reader (EditorSignals), not by libedit's handlers.
    _ = seg_el_set_signal(editLine, 0)
    _ = seg_el_set_history(editLine, history)
    _ = seg_el_add_function(
      editLine, "seg-complete", "Complete the word at the cursor", LineEditorState.completeCallback)
    _ = seg_el_add_function(
      editLine, "seg-interrupt", "Abandon the statement being typed",
      LineEditorState.interruptCallback)
    _ = seg_el_set_editor(editLine, "emacs")
    bindSegKeys()
    sourceEditrc(environment: environment)
  }

  deinit {
    el_end(editLine)
    history_end(history)
  }

  /// The names Tab completes; set it before each ``readStatement(isComplete:)``.
  var completionModel: CompletionModel {
    get { state.completionModel }
    nonmutating set { state.completionModel = newValue }
  }

  /// Lists directories for path completion (the real file system by default).
  var files: any FileSystemLister {
    get { state.files }
    nonmutating set { state.files = newValue }
  }

  /// Adds an entry to the in-memory history the arrow keys and Ctrl-R search (pass what
  /// ``PersistentHistory/record(_:)`` kept).
  func addHistory(_ entry: String) {
    _ = seg_history_enter(history, entry)
  }

  /// Reads one statement, prompting with ``prompt`` and then ``continuationPrompt`` until
  /// `isComplete` accepts the lines so far (joined with `\n`) or the first line is a
  /// dot-command. Blank first lines are skipped. Clears a pending ``InterruptFlag`` first, so a
  /// Ctrl-C pressed while the previous statement ran does not cancel this one.
  /// - Parameter isComplete: Whether the text is a whole statement: false for unclosed brackets
  ///   or strings and a trailing `\`. Backed by the real lexer.
  func readStatement(isComplete: (String) -> Bool) -> ReadResult {
    InterruptFlag.shared.reset()
    var lines = StatementLines()
    while true {
      state.setPrompt(lines.isEmpty ? prompt : continuationPrompt)
      state.earlierLines = lines.lines
      state.interrupted = false
      state.pendingNewline = false
      var count: Int32 = 0
      let savedHandlers = EditorSignals.install()
      let raw = el_gets(editLine, &count)
      EditorSignals.restore(savedHandlers)
      if state.interrupted {
        state.pendingNewline = false
        return .interrupted
      }
      guard let raw, count > 0 else {
        seg_stdout_write("\n")
        return .endOfInput
      }
      var line = String(cString: raw)
      if line.hasSuffix("\n") { line.removeLast() }
      if let entry = lines.add(line, isComplete: isComplete) { return .statement(entry) }
    }
  }

  // MARK: Setup

  /// Makes the C library's character functions UTF-8 aware (libedit decodes with them).
  private static func prepareLocale() {
    _ = setlocale(LC_CTYPE, "")
    if let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) == "UTF-8" { return }
    _ = setlocale(LC_CTYPE, "C.UTF-8")
  }

  /// seg's bindings for the current key map(s).
  ///
  /// In vi mode the arrow sequences go only into the command map (as libedit's own arrow
  /// bindings do): in the insert map they would turn Escape into the start of a sequence.
  private func bindSegKeys() {
    for (key, command) in [
      ("^I", "seg-complete"), ("^C", "seg-interrupt"), ("^R", "em-inc-search-prev"),
    ] {
      _ = seg_el_bind(editLine, key, command)
    }
    _ = seg_el_bind_flagged(editLine, "-k", "up", "ed-search-prev-history")
    _ = seg_el_bind_flagged(editLine, "-k", "down", "ed-search-next-history")
    let arrows = [
      ("\\e[A", "ed-search-prev-history"), ("\\eOA", "ed-search-prev-history"),
      ("\\e[B", "ed-search-next-history"), ("\\eOB", "ed-search-next-history"),
    ]
    if currentEditor == "vi" {
      _ = seg_el_bind_flagged(editLine, "-a", "^C", "seg-interrupt")
      for (key, command) in arrows { _ = seg_el_bind_flagged(editLine, "-a", key, command) }
    } else {
      for (key, command) in arrows { _ = seg_el_bind(editLine, key, command) }
    }
  }

  private var currentEditor: String? {
    seg_el_get_editor(editLine).map { String(cString: $0) }
  }

  /// Reads `$EDITRC` or `~/.editrc` line by line as `el_source` does (blank lines and `#`
  /// comments skipped, `prog:` prefixes honoured by `el_parse`), re-adding seg's bindings each
  /// time a line switches between emacs and vi so that they survive `bind -v`.
  private func sourceEditrc(environment: [String: String]) {
    let path: String
    if let explicit = environment["EDITRC"], !explicit.isEmpty {
      path = explicit
    } else if let home = environment["HOME"], !home.isEmpty {
      path = home + "/.editrc"
    } else {
      return
    }
    guard let text = try? String(contentsOfFile: path, encoding: .utf8),
      let tokenizer = tok_init(nil)
    else { return }
    defer { tok_end(tokenizer) }
    var editor = currentEditor
    for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
      let line = rawLine.drop { $0 == " " || $0 == "\t" }
      if line.isEmpty || line.first == "#" { continue }
      tok_reset(tokenizer)
      var argc: Int32 = 0
      var argv: UnsafeMutablePointer<UnsafePointer<CChar>?>?
      guard tok_str(tokenizer, String(line), &argc, &argv) == 0, argc > 0 else { continue }
      _ = el_parse(editLine, argc, argv)
      let now = currentEditor
      if now != editor {
        editor = now
        bindSegKeys()
      }
    }
  }
}
