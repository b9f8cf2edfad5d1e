import Foundation
import Testing

@testable import SegShell

/// A directory tree in memory for path completion.
struct MemoryLister: FileSystemLister {
  var directories: [String: [DirectoryEntry]]

  func entries(inDirectory directory: String) -> [DirectoryEntry] {
    directories[directory] ?? []
  }
}

/// The language as completion sees it, close to the real one.
let sampleModel = CompletionModel(
  commands: [
    .init("load", arguments: .path),
    .init("rfm", options: [.init("asof", .none)]),
    .init("filter", arguments: .expression),
    .init(
      "scale", options: [.init("cols", .columns), .init("method", .choice(["zscore", "minmax"]))]),
    .init("elbow"),
    .init(
      "cluster",
      options: [
        .init("k", .none), .init("method", .choice(["kmeans", "hierarchical", "dbscan", "gmm"])),
        .init("seed", .none), .init("cols", .columns),
      ]),
    .init("name", arguments: .segment),
    .init("export", options: [.init("segment", .segment)], arguments: .path),
  ],
  columns: ["recency", "frequency", "monetary", "customer_id", "größe"],
  segments: ["Champions", "Big Spenders", "At Risk"],
  variables: ["threshold", "k_best"],
  expressionKeywords: ["and", "or", "not"]
)

let sampleFiles = MemoryLister(directories: [
  "": [
    .init("data", isDirectory: true), .init("examples", isDirectory: true),
    .init("daily.csv"), .init(".hidden.seg"), .init("my script.seg"),
  ],
  "data/": [
    .init("my file.csv"), .init("my film.csv"), .init("other.csv"), .init("say \"hi\".csv"),
    .init("sub", isDirectory: true),
  ],
])

/// Completion at the `1️⃣` marker of `marked`.
func complete(_ marked: String, model: CompletionModel = sampleModel) -> Completion {
  let (text, cursor) = splitMarker(marked)
  return Completion.compute(text: text, cursor: cursor, model: model, files: sampleFiles)
}

/// The text without the `1️⃣` marker, and the marker's UTF-8 offset.
func splitMarker(_ marked: String) -> (String, Int) {
  let parts = marked.components(separatedBy: "1️⃣")
  precondition(parts.count == 2, "exactly one marker")
  return (parts[0] + parts[1], parts[0].utf8.count)
}

@Suite struct ReplCompletionTests {
  @Test func theFirstWordCompletesToACommandFollowedByASpace() {
    let completion = complete("cl1️⃣")
    #expect(completion.candidates == [.init(text: "cluster", suffix: " ")])
    #expect(completion.replacement == 0..<2)
  }

  @Test func anEmptyLineOffersEveryCommand() {
    #expect(
      complete("1️⃣").candidates.map(\.text) == [
        "cluster", "elbow", "export", "filter", "load", "name", "rfm", "scale",
      ])
  }

  @Test(arguments: ["load \"a.csv\"; fi1️⃣", "scale\nfi1️⃣", "rfm\n\n  fi1️⃣"])
  func aNewStatementStartsWithACommandWord(marked: String) {
    #expect(complete(marked).candidates.map(\.text) == ["filter"])
  }

  @Test func afterACommandWordItsOptionsAreOffered() {
    #expect(complete("cluster 1️⃣").candidates.map(\.text) == ["cols=", "k=", "method=", "seed="])
    let method = complete("cluster me1️⃣")
    #expect(method.candidates == [.init(text: "method=")])
    #expect(method.replacement == 8..<10)
  }

  @Test func optionsAlreadyGivenAreNotOfferedAgain() {
    #expect(complete("cluster k=4 1️⃣").candidates.map(\.text) == ["cols=", "method=", "seed="])
  }

  @Test func afterMethodEqualsTheEnumValuesAreOffered() {
    #expect(
      complete("cluster k=4 method=1️⃣").candidates.map(\.text) == [
        "dbscan", "gmm", "hierarchical", "kmeans",
      ])
    #expect(complete("cluster method=h1️⃣").candidates == [.init(text: "hierarchical", suffix: " ")])
    #expect(complete("scale method=1️⃣").candidates.map(\.text) == ["minmax", "zscore"])
  }

  @Test func expressionsOfferColumnsAndKeywords() {
    #expect(complete("filter rec1️⃣").candidates == [.init(text: "recency", suffix: " ")])
    #expect(complete("filter recency < 3 an1️⃣").candidates.map(\.text) == ["and"])
    #expect(complete("filter (mon1️⃣").candidates == [.init(text: "monetary", suffix: "")])
    #expect(complete("filter 1️⃣").candidates.count == 8)
  }

  /// Completion reads the line with the language's own lexer: a `#` inside a back-quoted name or
  /// a string starts no comment, and `2..10` is a range, not a word.
  @Test func theLineIsReadAsTheLanguageReadsIt() {
    #expect(complete("filter `net #1` > 0 and rec1️⃣").candidates.map(\.text) == ["recency"])
    #expect(complete("filter Country == \"#1\" and fre1️⃣").candidates.map(\.text) == ["frequency"])
    #expect(complete("filter recency > 0 # and fre1️⃣").candidates.isEmpty)
    #expect(complete("cluster k=2..6 1️⃣").candidates.map(\.text) == ["cols=", "method=", "seed="])
  }

  @Test func aComparisonIsNotMistakenForAnOption() {
    #expect(complete("filter recency <= fre1️⃣").candidates.map(\.text) == ["frequency"])
  }

  @Test func aColumnListOffersColumnsWithoutASpace() {
    #expect(complete("cluster cols=[rec1️⃣").candidates == [.init(text: "recency", suffix: "")])
    #expect(complete("cluster cols=[recency, 1️⃣").candidates.count == 5)
    #expect(complete("scale cols=[recency,\n  fre1️⃣").candidates.map(\.text) == ["frequency"])
  }

  @Test func aClosedListReturnsToOptions() {
    #expect(complete("cluster cols=[recency] me1️⃣").candidates.map(\.text) == ["method="])
  }

  @Test func dollarCompletesVariables() {
    #expect(
      complete("filter recency < $th1️⃣").candidates == [.init(text: "$threshold", suffix: " ")])
    #expect(complete("$1️⃣").candidates.map(\.text) == ["$k_best", "$threshold"])
    #expect(complete("cluster k=$k1️⃣").replacement == 10..<12)
  }

  @Test func pathsInsideQuotesIncludeNamesWithSpaces() {
    let completion = complete("load \"data/my f1️⃣")
    #expect(completion.candidates.map(\.display) == ["my file.csv", "my film.csv"])
    #expect(completion.commonPrefix == "data/my fil")
    #expect(completion.replacement == 6..<15)
  }

  @Test func aUniqueFileClosesTheString() {
    #expect(
      complete("load \"data/o1️⃣").candidates == [
        .init(text: "data/other.csv", display: "other.csv", suffix: "\"")
      ])
    #expect(complete("load \"data/o1️⃣\"").candidates.first?.suffix == "")
  }

  @Test func aDirectoryEndsInASlashAndLeavesTheStringOpen() {
    #expect(
      complete("load \"da1️⃣").candidates == [
        .init(text: "daily.csv", suffix: "\""), .init(text: "data/", suffix: ""),
      ])
  }

  @Test func quotesInFileNamesAreEscapedAndEscapesAreReadBack() {
    #expect(complete("load \"data/say1️⃣").candidates.map(\.text) == [#"data/say \"hi\".csv"#])
    #expect(complete(#"load "data/say \"h1️⃣"#).candidates.map(\.display) == [#"say "hi".csv"#])
  }

  @Test func hiddenFilesNeedALeadingDot() {
    #expect(!complete("load \"1️⃣").candidates.map(\.text).contains(".hidden.seg"))
    #expect(complete("load \".1️⃣").candidates.map(\.text) == [".hidden.seg"])
  }

  @Test func aPathSlotWithoutAQuoteStartsTheString() {
    #expect(
      complete("load ex1️⃣").candidates == [
        .init(text: "\"examples/", display: "examples/", suffix: "")
      ])
  }

  @Test func segmentsAreOfferedWhereASegmentIsExpected() {
    #expect(
      complete("export \"x.csv\" segment=\"Ch1️⃣").candidates == [
        .init(text: "Champions", suffix: "\"")
      ])
    #expect(
      complete("name 1️⃣").candidates.map(\.text) == [
        "\"At Risk\"", "\"Big Spenders\"", "Champions",
      ])
  }

  /// Issue 16, item 20: the README's `filter segment == "Ch<Tab>`.
  @Test(arguments: [
    "filter segment == \"Ch1️⃣", "filter segment != \"Ch1️⃣",
    "filter recency > 30 and segment == \"Ch1️⃣", "filter segment in [\"At Risk\", \"Ch1️⃣",
    "filter segment not in [\"Ch1️⃣", "filter moved(\"Ch1️⃣", "filter size(\"Ch1️⃣",
  ])
  func segmentNamesCompleteInAnExpressionWhereASegmentIsCompared(marked: String) {
    #expect(complete(marked).candidates == [.init(text: "Champions", suffix: "\"")])
  }

  @Test func aSegmentNameWithASpaceCompletesInsideItsString() {
    let c = complete("filter segment == \"Big1️⃣")
    #expect(c.candidates == [.init(text: "Big Spenders", suffix: "\"")])
    #expect(c.replacement == 19..<22)
  }

  @Test func otherStringsInAnExpressionStillCompletePaths() {
    #expect(complete("filter Country == \"da1️⃣").candidates.map(\.display) == ["daily.csv", "data/"])
    #expect(complete("filter recency == \"Ch1️⃣").candidates.isEmpty)
  }

  @Test func dotCommandsAndTheirArgumentsComplete() {
    #expect(complete(".mo1️⃣").candidates == [.init(text: ".mode", suffix: " ")])
    #expect(complete(".1️⃣").candidates.count == DotCommand.names.count)
    #expect(complete(".mode 1️⃣").candidates.map(\.text) == ["box", "csv", "json", "markdown", "table"])
    #expect(complete(".pager 1️⃣").candidates.map(\.text) == ["auto", "off", "on"])
    #expect(complete(".timer o1️⃣").candidates.map(\.text) == ["off", "on"])
    #expect(complete(".maxrows 1️⃣").candidates.map(\.text) == ["all"])
  }

  @Test func dotReadCompletesUnquotedPathsWithSpaces() {
    let completion = complete(".read my1️⃣")
    #expect(completion.candidates == [.init(text: "my script.seg")])
    #expect(complete(".read my s1️⃣").replacement == 6..<10)
    #expect(complete(".save \"data/ot1️⃣").candidates.map(\.text) == ["data/other.csv"])
  }

  @Test(arguments: [
    "filter recency < 3 # rec1️⃣", "load \"a.csv\"1️⃣", "frobnicate rec1️⃣", "cluster k=4 seed=1️⃣",
  ])
  func someplacesOfferNothing(marked: String) {
    #expect(complete(marked).candidates.isEmpty)
  }

  @Test func caseIsIgnoredWhenNothingMatchesExactly() {
    #expect(complete("filter REC1️⃣").candidates.map(\.text) == ["recency"])
    #expect(complete("CLU1️⃣").candidates.map(\.text) == ["cluster"])
  }

  @Test func everyCursorPositionGivesAReplacementEndingAtTheCursor() {
    let samples = [
      "load \"data/my file.csv\"; rfm asof=2011-12-10\nfilter (recency < $threshold) and größe",
      "cluster cols=[recency, \"frequency\"] method=gmm # comment\n.read \"x y\\\".seg",
      "\"unterminated \\", "[[(( ]]", "$", "\\\n", "é\u{301}",
    ]
    for sample in samples {
      for cursor in 0...sample.utf8.count {
        let completion = Completion.compute(
          text: sample, cursor: cursor, model: sampleModel, files: sampleFiles)
        #expect(completion.replacement.upperBound <= cursor)
        #expect(completion.replacement.lowerBound <= completion.replacement.upperBound)
      }
    }
  }
}

@Suite struct ReplTabCompletionTests {
  private func press(
    _ tab: inout TabCompletion, _ marked: String, editableFrom: Int = 0
  ) -> TabCompletion.Action {
    let (text, cursor) = splitMarker(marked)
    return tab.press(
      text: text, cursor: cursor, editableFrom: editableFrom, model: sampleModel,
      files: sampleFiles)
  }

  @Test func aUniqueCandidateIsInsertedWithItsSuffix() {
    var tab = TabCompletion()
    #expect(press(&tab, "cluster method=km1️⃣") == .insert(deleting: 2, text: "kmeans "))
  }

  @Test func theSecondTabListsTheCandidates() {
    var tab = TabCompletion()
    #expect(press(&tab, "cluster method=1️⃣") == .beep)
    #expect(press(&tab, "cluster method=1️⃣") == .list(["dbscan", "gmm", "hierarchical", "kmeans"]))
  }

  @Test func aChangedLineStartsOverWithABeep() {
    var tab = TabCompletion()
    #expect(press(&tab, "cluster method=1️⃣") == .beep)
    #expect(press(&tab, "scale method=1️⃣") == .beep)
    #expect(press(&tab, "scale method=1️⃣") == .list(["minmax", "zscore"]))
  }

  @Test func aCommonPrefixIsInsertedThenTheNextTabLists() {
    var tab = TabCompletion()
    #expect(press(&tab, "load \"data/my f1️⃣") == .insert(deleting: 9, text: "data/my fil"))
    #expect(press(&tab, "load \"data/my fil1️⃣") == .list(["my file.csv", "my film.csv"]))
  }

  @Test func deletionCountsUnicodeScalarsNotBytes() {
    var tab = TabCompletion()
    #expect(press(&tab, "filter grö1️⃣") == .insert(deleting: 3, text: "größe "))
  }

  @Test func noCandidateBeeps() {
    var tab = TabCompletion()
    #expect(press(&tab, "filter xyz1️⃣") == .beep)
    #expect(press(&tab, "filter xyz1️⃣") == .beep)
  }

  @Test func aReplacementReachingAnEarlierLineBeeps() {
    var tab = TabCompletion()
    // As if `load "` ended the previous line: libedit can only edit the current one.
    #expect(press(&tab, "load \"da1️⃣", editableFrom: 7) == .beep)
    #expect(
      press(&tab, "load \"dai1️⃣", editableFrom: 6) == .insert(deleting: 3, text: "daily.csv\""))
  }
}

@Suite struct ReplCompletionListingTests {
  @Test func itemsFillColumnsTopToBottom() {
    let listing = CompletionListing.format(["a", "bb", "c", "d", "e"], width: 12)
    #expect(listing == "a   c   e\nbb  d\n")
  }

  @Test func aNarrowTerminalGetsOneItemPerLine() {
    #expect(CompletionListing.format(["recency", "frequency"], width: 5) == "recency\nfrequency\n")
  }

  @Test func longListsAreCut() {
    let listing = CompletionListing.format(["x", "y", "z"], width: 1, limit: 2)
    #expect(listing == "x\ny\n… and 1 more\n")
  }

  @Test func nothingListsAsNothing() {
    #expect(CompletionListing.format([], width: 80) == "")
  }
}
