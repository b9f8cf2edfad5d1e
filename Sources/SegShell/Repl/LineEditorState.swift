internal import CLibEdit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What libedit's C callbacks need, reached through `EL_CLIENTDATA`.
///
/// libedit calls back through plain C function pointers that cannot capture Swift context, so
/// the editor stores an unretained pointer to this box in `EL_CLIENTDATA` and each callback
/// reads it back with ``from(_:)``. The owning ``LineEditor`` holds the strong reference and
/// outlives the `EditLine`, so the pointer is valid whenever libedit calls.
///
/// Main thread only, like the `EditLine` it serves; it is deliberately not `Sendable`.
final class LineEditorState {
  /// The prompt as a C string for libedit's prompt callback; replaced only between reads.
  private var promptBuffer: UnsafeMutablePointer<CChar>
  /// Names to complete; the REPL updates it before each statement.
  var completionModel = CompletionModel()
  /// Lists directories for path completion.
  var files: any FileSystemLister = LocalFileSystemLister()
  /// The Tab state (second Tab lists).
  var tab = TabCompletion()
  /// The earlier lines of the statement being read, context for completion.
  var earlierLines: [String] = []
  /// Set by the Ctrl-C editor function: the line was abandoned.
  var interrupted = false
  /// Set after Ctrl-C: the next character read is a line feed, which ends `el_gets`.
  var pendingNewline = false
  /// The terminal descriptor keys come from.
  let input: Int32
  /// Decodes the bytes of multi-byte characters.
  var decoder = UTF8InputDecoder()
  /// The environment, for `$COLUMNS` when listing completions.
  let environment: [String: String]

  init(input: Int32, environment: [String: String]) {
    self.input = input
    self.environment = environment
    promptBuffer = strdup("") ?? UnsafeMutablePointer<CChar>.allocate(capacity: 1)
  }

  deinit {
    free(promptBuffer)
  }

  /// Replaces the prompt text. Call only while libedit is not reading.
  func setPrompt(_ prompt: String) {
    guard let copy = strdup(prompt) else { return }
    free(promptBuffer)
    promptBuffer = copy
  }

  /// The box stored in `editLine`'s client data.
  static func from(_ editLine: OpaquePointer?) -> LineEditorState? {
    guard let editLine, let raw = seg_el_get_clientdata(editLine) else { return nil }
    return Unmanaged<LineEditorState>.fromOpaque(raw).takeUnretainedValue()
  }

  // MARK: C callbacks

  /// `EL_PROMPT_ESC`: the current prompt.
  static let promptCallback: seg_el_prompt_fn = { editLine in
    LineEditorState.from(editLine)?.promptBuffer
  }

  /// `EL_GETCFN`: reads one character, turning a Ctrl-C (signal or byte) into `^C` for the
  /// `seg-interrupt` binding and feeding the line feed that follows it.
  static let readCharacterCallback: seg_el_getc_fn = { editLine, character in
    guard let character, let state = LineEditorState.from(editLine) else { return -1 }
    return state.readCharacter(into: character, editLine: editLine)
  }

  /// `seg-complete`, bound to Tab.
  static let completeCallback: seg_el_editor_fn = { editLine, _ in
    guard let editLine, let state = LineEditorState.from(editLine) else {
      return UInt8(CC_ERROR)
    }
    return state.complete(editLine)
  }

  /// `seg-interrupt`, bound to Ctrl-C: marks the line abandoned, shows `^C` at its end and
  /// queues a line feed so that `el_gets` returns.
  static let interruptCallback: seg_el_editor_fn = { editLine, _ in
    guard let editLine, let state = LineEditorState.from(editLine) else {
      return UInt8(CC_ERROR)
    }
    state.interrupted = true
    state.pendingNewline = true
    if let info = el_line(editLine), let cursor = info.pointee.cursor,
      let last = info.pointee.lastchar
    {
      // el_cursor moves by characters and clamps at the end of the line.
      _ = el_cursor(editLine, Int32(clamping: last - cursor))
    }
    _ = el_insertstr(editLine, "^C")
    return UInt8(CC_REFRESH)
  }

  // MARK: Behaviour

  private func readCharacter(
    into character: UnsafeMutablePointer<wchar_t>, editLine: OpaquePointer?
  ) -> Int32 {
    if pendingNewline {
      pendingNewline = false
      character.pointee = 0x0A
      return 1
    }
    // libedit has drawn the line for the last key: colour it before waiting for the next one.
    if let editLine, decoder.isIdle { paintHighlighting(editLine) }
    let wake = InterruptFlag.shared.wakeDescriptor ?? -1
    while true {
      var watched = [
        pollfd(fd: input, events: Int16(POLLIN), revents: 0),
        pollfd(fd: wake, events: Int16(POLLIN), revents: 0),
      ]
      let ready = poll(&watched, wake >= 0 ? 2 : 1, -1)
      let pollError = ready < 0 ? errno : 0
      if InterruptFlag.shared.consume() {
        decoder.reset()
        character.pointee = 0x03
        return 1
      }
      if let editLine { handleSignals(EditorSignals.takePending(), editLine: editLine) }
      if ready < 0 {
        if pollError == EINTR || pollError == EAGAIN { continue }
        return -1
      }
      guard watched[0].revents != 0 else { continue }
      var byte: UInt8 = 0
      let count = read(input, &byte, 1)
      if count == 0 { return 0 }
      if count < 0 {
        if errno == EINTR || errno == EAGAIN { continue }
        return -1
      }
      if case .scalar(let scalar) = decoder.feed(byte) {
        character.pointee = wchar_t(scalar.value)
        return 1
      }
    }
  }

  /// Acts on signals recorded by ``EditorSignals`` while waiting for a key.
  /// Whether the line is coloured as it is typed: `NO_COLOR` unset or empty and `TERM` not
  /// `dumb` (the editor runs only on a terminal).
  lazy var highlights: Bool =
    (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"

  /// Paints the coloured line over the plain one libedit drew: the same characters with SGR codes
  /// around them, so the columns, and libedit's idea of the screen, do not change. Lines with
  /// characters other than printable ASCII (whose widths vary) and lines that wrap are left plain.
  private func paintHighlighting(_ editLine: OpaquePointer) {
    guard highlights, let info = el_line(editLine), let buffer = info.pointee.buffer,
      let cursor = info.pointee.cursor, let last = info.pointee.lastchar, last > buffer
    else { return }
    let bytes = UnsafeRawBufferPointer(start: buffer, count: last - buffer)
    guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return }
    let line = String(decoding: bytes, as: UTF8.self)
    // The prompt's width: its characters outside the \1-delimited invisible parts.
    var width = 0
    var invisible = false
    for u in String(cString: promptBuffer).unicodeScalars {
      if u == "\u{1}" { invisible.toggle() } else if !invisible { width += 1 }
    }
    guard width + bytes.count < TerminalInfo.columns(environment: environment) else { return }
    let coloured = SyntaxHighlighter.highlight(line, model: completionModel)
    guard coloured != line else { return }
    func column(_ n: Int) -> String { n > 0 ? "\r\u{1B}[\(n)C" : "\r" }
    seg_stdout_write(column(width) + coloured + column(width + (cursor - buffer)))
  }

  private func handleSignals(_ signals: [Int32], editLine: OpaquePointer) {
    guard !signals.isEmpty else { return }
    for signal in signals where signal == SIGTERM || signal == SIGHUP || signal == SIGQUIT {
      _ = seg_el_prepare_terminal(editLine, 0)
      EditorSignals.performDefaultAction(of: signal)
    }
    if signals.contains(SIGTSTP) {
      _ = seg_el_prepare_terminal(editLine, 0)
      EditorSignals.performDefaultAction(of: SIGTSTP)
      // Continued (`fg`): the SIGCONT that woke us is handled below.
      _ = EditorSignals.takePending()
    }
    if signals.contains(SIGTSTP) || signals.contains(SIGCONT) {
      // The shell may have changed the terminal modes while we were stopped.
      _ = seg_el_prepare_terminal(editLine, 0)
      _ = seg_el_prepare_terminal(editLine, 1)
    }
    // el_resize forgets where the cursor is and assumes column 0: put it there, then redraw.
    el_resize(editLine)
    seg_stdout_write("\r")
    _ = seg_el_refresh(editLine)
  }

  private func complete(_ editLine: OpaquePointer) -> UInt8 {
    guard let info = el_line(editLine), let buffer = info.pointee.buffer,
      let cursor = info.pointee.cursor, let last = info.pointee.lastchar
    else { return UInt8(CC_ERROR) }
    let bytes = UnsafeRawBufferPointer(start: buffer, count: last - buffer)
    let line = String(decoding: bytes, as: UTF8.self)
    let before = earlierLines.isEmpty ? "" : earlierLines.joined(separator: "\n") + "\n"
    let action = tab.press(
      text: before + line, cursor: before.utf8.count + (cursor - buffer),
      editableFrom: before.utf8.count, model: completionModel, files: files)
    switch action {
    case .insert(let deleting, let text):
      if deleting > 0 { el_deletestr(editLine, Int32(deleting)) }
      if !text.isEmpty, el_insertstr(editLine, text) != 0 { return UInt8(CC_ERROR) }
      return UInt8(CC_REFRESH)
    case .list(let items):
      let width = TerminalInfo.columns(environment: environment)
      seg_stdout_write("\n" + CompletionListing.format(items, width: width))
      return UInt8(CC_REDISPLAY)
    case .beep:
      return UInt8(CC_REFRESH_BEEP)
    }
  }
}
