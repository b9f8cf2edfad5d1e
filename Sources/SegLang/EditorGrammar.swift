import Foundation

/// Syntax highlighting for editors, generated from the registry: the TextMate grammar
/// `editors/seg.tmLanguage.json` (VS Code, Sublime Text, GitHub's highlighter) and the Vim syntax
/// file `editors/syntax/seg.vim`. DocsTests checks the files are current; `SEG_RECORD=1 swift
/// test --filter DocsTests` regenerates them with docs/commands.md.
///
/// Both colour the same things: comments, strings and their escapes, backticked names,
/// `$variables`, dates, numbers and percentages, the command word at the start of a statement,
/// `set` and `param` (with the parameter's type), `key=` option names, the functions and
/// built-in values of the registry, `and or not in`, `true false`, operators and punctuation.
/// In the TextMate grammar any other character is `invalid.illegal.seg`.
package enum EditorGrammar {
  /// The parameter types of `param NAME: TYPE`.
  static var parameterTypes: [String] { ParameterType.allCases.map(\.rawValue) }

  /// `(a|b|c)`, longest first so no alternative hides a longer one.
  static func alternation(_ words: [String]) -> String {
    "(" + words.sorted { ($0.count, $0) > ($1.count, $1) }.joined(separator: "|") + ")"
  }

  /// The commands a statement may start with, other than `set` and `param`.
  static func commandNames(_ registry: CommandRegistry) -> [String] {
    registry.commands.map(\.name).filter { $0 != "set" && $0 != "param" }
  }

  // MARK: - TextMate

  /// The TextMate grammar as JSON (keys sorted, two-space indentation, a final line break).
  package static func textMate(registry: CommandRegistry = .standard) -> String {
    let identifier = #"[A-Za-z_\p{L}][A-Za-z0-9_\p{L}\p{N}\p{Mn}]*"#
    let statementStart = #"(?:^|(?<=;))\s*"#
    func rule(_ match: String, _ name: String) -> [String: Any] { ["match": match, "name": name] }
    let repository: [String: Any] = [
      "comment": rule("#.*$", "comment.line.number-sign.seg"),
      "continuation": rule(#"\\(?=\s*(#.*)?$)"#, "punctuation.separator.continuation.seg"),
      "string": [
        "begin": "\"", "end": "\"", "name": "string.quoted.double.seg",
        "beginCaptures": ["0": ["name": "punctuation.definition.string.begin.seg"]],
        "endCaptures": ["0": ["name": "punctuation.definition.string.end.seg"]],
        "patterns": [
          rule(#"\\(u\{[0-9A-Fa-f]{1,6}\}|["\\ntr0])"#, "constant.character.escape.seg"),
          rule(#"\\."#, "invalid.illegal.escape.seg"),
        ],
      ],
      "quoted-name": rule("`[^`\\n]*`", "variable.other.quoted.seg"),
      "variable": rule(#"\$"# + identifier, "variable.other.seg"),
      "date": rule(
        #"\b\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?\b"#, "constant.numeric.date.seg"),
      "number": rule(
        #"(?<![A-Za-z0-9_])(\d+(\.\d+)?|\.\d+)([eE][+-]?\d+)?%?"#, "constant.numeric.seg"),
      "declaration": [
        "match": statementStart + #"(param)\s+("# + identifier + #")\s*(:)\s*"#
          + alternation(parameterTypes) + #"\b"#,
        "captures": [
          "1": ["name": "keyword.other.declaration.seg"],
          "2": ["name": "variable.other.parameter.seg"],
          "3": ["name": "punctuation.separator.seg"],
          "4": ["name": "storage.type.seg"],
        ],
      ],
      "set": [
        "match": statementStart + #"(set)\s+("# + identifier + ")",
        "captures": [
          "1": ["name": "keyword.other.declaration.seg"],
          "2": ["name": "variable.other.seg"],
        ],
      ],
      "command": [
        "match": statementStart + alternation(commandNames(registry)) + #"(?![A-Za-z0-9_\p{L}])"#,
        "captures": ["1": ["name": "keyword.control.command.seg"]],
      ],
      "option": [
        "match": "(" + identifier + #")\s*(=)(?!=)"#,
        "captures": [
          "1": ["name": "variable.parameter.option.seg"],
          "2": ["name": "keyword.operator.assignment.seg"],
        ],
      ],
      "function": [
        "match": #"\b"# + alternation(registry.functions.map(\.name)) + #"\s*(?=\()"#,
        "captures": ["1": ["name": "support.function.seg"]],
      ],
      "word-operator": rule(#"\b(and|or|not|in)\b"#, "keyword.operator.word.seg"),
      "boolean": rule(#"\b(true|false)\b"#, "constant.language.boolean.seg"),
      "builtin": rule(
        #"\b"# + alternation(registry.scalars.map(\.name)) + #"\b"#, "variable.language.seg"),
      "name": rule(identifier, "variable.other.column.seg"),
      "operator": rule(#"==|!=|<=|>=|<|>|\+|-|\*|/|=|\.\.|:"#, "keyword.operator.seg"),
      "punctuation": rule(#"[\[\](),;]"#, "punctuation.seg"),
      "invalid": rule(#"\S"#, "invalid.illegal.seg"),
    ]
    let order = [
      "comment", "continuation", "string", "quoted-name", "variable", "declaration", "set",
      "command", "date", "number", "option", "function", "word-operator", "boolean", "builtin",
      "name", "operator", "punctuation", "invalid",
    ]
    let grammar: [String: Any] = [
      "$schema":
        "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
      "name": "seg",
      "scopeName": "source.seg",
      "fileTypes": ["seg"],
      "comment":
        "Generated from seg's command registry (Sources/SegLang/EditorGrammar.swift); do not edit. SEG_RECORD=1 swift test --filter DocsTests regenerates it.",
      "patterns": order.map { ["include": "#" + $0] },
      "repository": repository,
    ]
    // Every key is a string and every value JSON: serialisation cannot fail.
    let data =
      (try? JSONSerialization.data(
        withJSONObject: grammar, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
      ?? Data()
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  // MARK: - Vim

  /// The Vim syntax file.
  package static func vim(registry: CommandRegistry = .standard) -> String {
    func words(_ list: [String]) -> String { list.joined(separator: "\\|") }
    return #"""
      " Vim syntax file for seg scripts (*.seg).
      " Generated from seg's command registry (Sources/SegLang/EditorGrammar.swift); do not edit.
      " Install: copy editors/syntax/seg.vim and editors/ftdetect/seg.vim into ~/.vim/.

      if exists("b:current_syntax")
        finish
      endif

      syn match segComment /#.*$/ contains=@Spell
      syn region segString start=/"/ skip=/\\./ end=/"/ contains=segEscape
      syn match segEscape /\\\%(u{\x\{1,6}}\|["\\ntr0]\)/ contained
      syn match segQuotedName /`[^`]*`/
      syn match segVariable /\$\h\w*/
      syn match segNumber /\%([A-Za-z0-9_]\)\@<!\%(\d\+\%(\.\d\+\)\=\|\.\d\+\)\%([eE][+-]\=\d\+\)\=%\=/
      syn match segDate /\<\d\{4}-\d\d-\d\d\%(T\d\d:\d\d\%(:\d\d\)\=\)\=\>/
      syn match segOption /\<\h\w*\ze\s*=[^=]/
      syn match segContinuation /\\\ze\s*\%(#.*\)\=$/

      " The command word at the start of a statement.
      syn match segCommand /\%(^\|;\)\s*\zs\%(\#(words(commandNames(registry)))\)\>/
      syn match segDeclaration /\%(^\|;\)\s*\zs\%(set\|param\)\>/ nextgroup=segDeclared skipwhite
      syn match segDeclared /\h\w*/ contained nextgroup=segTypeColon skipwhite
      syn match segTypeColon /:/ contained nextgroup=segType skipwhite
      syn keyword segType \#(parameterTypes.joined(separator: " ")) contained

      syn match segFunction /\<\%(\#(words(registry.functions.map(\.name)))\)\ze\s*(/
      syn keyword segBuiltin \#(registry.scalars.map(\.name).joined(separator: " "))
      syn keyword segWordOperator and or not in
      syn keyword segBoolean true false
      syn match segOperator /==\|!=\|<=\|>=\|[<>+*\/=-]\|\.\./

      hi def link segComment Comment
      hi def link segString String
      hi def link segEscape SpecialChar
      hi def link segQuotedName Identifier
      hi def link segVariable Identifier
      hi def link segNumber Number
      hi def link segDate Constant
      hi def link segOption Type
      hi def link segContinuation Special
      hi def link segCommand Statement
      hi def link segDeclaration Keyword
      hi def link segDeclared Identifier
      hi def link segType Type
      hi def link segFunction Function
      hi def link segBuiltin Constant
      hi def link segWordOperator Operator
      hi def link segBoolean Boolean
      hi def link segOperator Operator

      let b:current_syntax = "seg"

      """#
  }

  /// The Vim file-type detection file.
  package static let vimDetection = """
    " Vim file-type detection for seg scripts. Install: copy into ~/.vim/ftdetect/.
    autocmd BufRead,BufNewFile *.seg setfiletype seg

    """
}
