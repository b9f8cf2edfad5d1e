import Foundation
import SegTestSupport
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `seg run --junit FILE.xml`, checked three ways: each report matches the committed XML
/// (`Scripts/junit/<name>.xml`, times set to 0.000; `SEG_RECORD=1` rewrites them); every element
/// and attribute is one the Jenkins xUnit plugin's `junit-10.xsd` allows; and what Foundation's
/// XML parser reads from the committed XML equals what junitparser read (`oracle.json`, from
/// `scripts/oracle_junit.py`).
@Suite struct JUnitReportTests {
  static let folder = GoldenScriptTests.folder.appendingPathComponent("junit")

  /// Each script and the exit status `seg run` ends with.
  static let cases: [(name: String, status: Int32)] = [
    ("all_pass", 0), ("asserts", 3), ("runtime_error", 1), ("syntax_error", 2),
  ]

  /// The report `seg run --junit` writes for `name`, times set to 0.000.
  static func report(_ name: String) throws -> (xml: String, status: Int32) {
    let binary = try #require(RepositoryPaths.segBinary, "build seg first")
    let dir = try TemporaryDirectory()
    defer { dir.cleanup() }
    let out = dir.url.appendingPathComponent("report.xml")
    let r = try SegProcess.run(
      binary, arguments: ["run", "--junit", out.path, "\(name).seg"], in: folder)
    let xml = try String(contentsOf: out, encoding: .utf8)
    let zeroed = xml.replacingOccurrences(
      of: #"time="[0-9]+\.[0-9]{3}""#, with: #"time="0.000""#, options: .regularExpression)
    return (zeroed, r.status)
  }

  @Test(arguments: JUnitReportTests.cases.map(\.name))
  func theReportMatchesTheCommittedXML(name: String) throws {
    let (xml, status) = try JUnitReportTests.report(name)
    #expect(status == JUnitReportTests.cases.first { $0.name == name }?.status)
    switch Golden.check(xml, against: JUnitReportTests.folder.appendingPathComponent("\(name).xml")) {
    case .matches: break
    case .recorded: Issue.record("recorded \(name).xml; run scripts/oracle_junit.py, then again")
    case .differs(let why): Issue.record("\(name).xml differs (SEG_RECORD=1 to rewrite): \(why)")
    }
  }

  /// The elements and attributes of the Jenkins xUnit plugin's junit-10.xsd (the schema
  /// Surefire's output follows), limited to those seg writes or could write.
  static let schema: [String: (required: Set<String>, allowed: Set<String>)] = [
    "testsuites": ([], ["name", "time", "tests", "failures", "errors"]),
    "testsuite": (
      ["name", "tests", "failures", "errors"],
      [
        "name", "tests", "failures", "errors", "group", "time", "skipped", "timestamp", "hostname",
        "id", "package", "file", "log", "url",
      ]
    ),
    "testcase": (["name"], ["name", "time", "classname", "group"]),
    "failure": ([], ["type", "message"]),
    "error": ([], ["type", "message"]),
    "skipped": ([], ["type", "message"]),
    "system-out": ([], []),
  ]
  /// Which elements may contain which, per junit-10.xsd.
  static let children: [String: Set<String>] = [
    "testsuites": ["testsuite"],
    "testsuite": ["testsuite", "properties", "testcase", "system-out", "system-err"],
    "testcase": ["skipped", "error", "failure", "system-out", "system-err"],
  ]

  @Test(arguments: JUnitReportTests.cases.map(\.name))
  func theReportUsesOnlyWhatTheJUnitSchemaAllows(name: String) throws {
    let (xml, _) = try JUnitReportTests.report(name)
    let document = try XMLDocument(xmlString: xml, options: [])
    let root = try #require(document.rootElement())
    #expect(root.name == "testsuites")
    func check(_ element: XMLElement) {
      let tag = element.name ?? ""
      guard let rule = JUnitReportTests.schema[tag] else {
        Issue.record("<\(tag)> is not in junit-10.xsd")
        return
      }
      let attributes = Set((element.attributes ?? []).compactMap(\.name))
      #expect(attributes.isSubset(of: rule.allowed), "<\(tag)> \(attributes.subtracting(rule.allowed))")
      #expect(rule.required.isSubset(of: attributes), "<\(tag)> lacks \(rule.required.subtracting(attributes))")
      // Counts and times are numbers.
      for a in ["tests", "failures", "errors", "skipped"] where attributes.contains(a) {
        #expect(Int(element.attribute(forName: a)?.stringValue ?? "") != nil)
      }
      if let t = element.attribute(forName: "time")?.stringValue {
        #expect(t.wholeMatch(of: /[0-9]+\.[0-9]{3}/) != nil)
      }
      for child in element.children ?? [] {
        guard let e = child as? XMLElement else { continue }
        #expect(JUnitReportTests.children[tag]?.contains(e.name ?? "") == true, "<\(e.name ?? "")> in <\(tag)>")
        check(e)
      }
    }
    check(root)
  }

  /// One test case as both parsers see it.
  struct Case: Equatable {
    var name: String
    var classname: String?
    var result: String
    var message: String?
    var type: String?
    var systemOut: String?
  }

  @Test(arguments: JUnitReportTests.cases.map(\.name))
  func foundationReadsWhatJUnitparserRead(name: String) throws {
    let oracleData = try Data(
      contentsOf: JUnitReportTests.folder.appendingPathComponent("oracle.json"))
    let oracle = try #require(try JSONSerialization.jsonObject(with: oracleData) as? [String: Any])
    let suites = try #require(oracle[name] as? [[String: Any]], "no oracle for \(name)")
    let suite = try #require(suites.first)
    #expect(suites.count == 1)

    let xml = try String(
      contentsOf: JUnitReportTests.folder.appendingPathComponent("\(name).xml"), encoding: .utf8)
    let document = try XMLDocument(xmlString: xml, options: [])
    let element = try #require(document.rootElement()?.elements(forName: "testsuite").first)
    func attribute(_ e: XMLElement, _ a: String) -> String? { e.attribute(forName: a)?.stringValue }
    #expect(attribute(element, "name") == suite["name"] as? String)
    for key in ["tests", "failures", "errors", "skipped"] {
      #expect(Int(attribute(element, key) ?? "") == suite[key] as? Int, "\(key)")
    }

    let expected = try #require(suite["cases"] as? [[String: Any]]).map {
      Case(
        name: $0["name"] as? String ?? "", classname: $0["classname"] as? String,
        result: $0["result"] as? String ?? "", message: $0["message"] as? String,
        type: $0["type"] as? String, systemOut: $0["system_out"] as? String)
    }
    let actual = element.elements(forName: "testcase").map { c in
      let outcome = ["failure", "error", "skipped"].lazy.compactMap { kind in
        c.elements(forName: kind).first.map { (kind, $0) }
      }.first
      return Case(
        name: attribute(c, "name") ?? "", classname: attribute(c, "classname"),
        result: outcome?.0 ?? "passed", message: outcome.flatMap { attribute($0.1, "message") },
        type: outcome.flatMap { attribute($0.1, "type") },
        systemOut: c.elements(forName: "system-out").first?.stringValue)
    }
    #expect(actual == expected)
    #expect(!actual.isEmpty)
  }
}
