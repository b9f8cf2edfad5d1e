/// What pressing Tab does, remembering the previous Tab so that a second one lists.
///
/// - One candidate: it replaces the word, followed by its suffix (a space, a closing quote).
/// - Several sharing a longer prefix than what was typed: the prefix is inserted.
/// - Otherwise the first Tab beeps and a second Tab on the unchanged line lists them.
/// - None: a beep.
struct TabCompletion: Sendable {
  /// The effect of a Tab on the line being edited.
  enum Action: Sendable, Equatable {
    /// Delete `deleting` Unicode scalars before the cursor (libedit counts `wchar_t`), then
    /// insert `text` there.
    case insert(deleting: Int, text: String)
    /// Print these entries below the line (see ``CompletionListing``) and redraw it.
    case list([String])
    /// Nothing to do: ring the bell.
    case beep
  }

  /// The line and cursor at the last Tab that could not decide, if the line has not changed.
  private var pending: (text: String, cursor: Int)?

  init() {}

  /// Handles one Tab.
  /// - Parameters:
  ///   - text: The statement typed so far, all lines joined with `\n`.
  ///   - cursor: The cursor as a UTF-8 offset into `text`.
  ///   - editableFrom: The UTF-8 offset where the line being edited starts: earlier lines of a
  ///     multi-line statement are context only and a replacement reaching into them beeps.
  ///   - model: The names to complete.
  ///   - files: Lists directories.
  mutating func press(
    text: String, cursor: Int, editableFrom: Int = 0, model: CompletionModel,
    files: some FileSystemLister
  ) -> Action {
    let completion = Completion.compute(text: text, cursor: cursor, model: model, files: files)
    let range = completion.replacement
    guard !completion.candidates.isEmpty, range.lowerBound >= editableFrom else {
      pending = nil
      return .beep
    }
    let bytes = Array(text.utf8)
    let current = String(decoding: bytes[range], as: UTF8.self)
    let deleting = current.unicodeScalars.count
    if completion.candidates.count == 1, let only = completion.candidates.first {
      pending = nil
      return .insert(deleting: deleting, text: only.text + only.suffix)
    }
    let common = completion.commonPrefix
    if !common.isEmpty, common != current, common.count >= current.count {
      let after = String(decoding: bytes[range.upperBound...], as: UTF8.self)
      let before = String(decoding: bytes[..<range.lowerBound], as: UTF8.self)
      pending = (before + common + after, range.lowerBound + common.utf8.count)
      return .insert(deleting: deleting, text: common)
    }
    if let pending, pending.text == text, pending.cursor == cursor {
      return .list(completion.candidates.map(\.display))
    }
    pending = (text, cursor)
    return .beep
  }
}
