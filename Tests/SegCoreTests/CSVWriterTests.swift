import Foundation
import PropertyBased
import SegCore
import Testing

/// CSV and JSON writing: exact text for a small table, and write → read is the identity.
@Suite struct CSVWriterTests {
  static let small = Table(columns: [
    Column(name: "customer", data: .integer([12346, Column.missingInteger])),
    Column(name: "monetary", data: .decimal([2.55, .nan])),
    Column(name: "tiny", data: .decimal([1e-05, -0.0])),
    Column(name: "when", data: .datetime([1_291_191_960, Column.missingInteger])),
    Column(name: "day", data: .datetime([86_400, 0])),
    Column(
      name: "name, quoted",
      data: .category(codes: [0, 1], dictionary: ["say \"hi\"", " padded"])
    ),
  ])

  @Test func writesExactCSV() {
    #expect(
      CSVWriterTests.small.csvText()
        == "customer,monetary,tiny,when,day,\"name, quoted\"\n"
        + "12346,2.55,1e-05,2010-12-01 08:26:00,1970-01-02,\"say \"\"hi\"\"\"\n"
        + ",,-0.0,,1970-01-01,\" padded\"\n"
    )
  }

  @Test func writesExactJSON() {
    #expect(
      CSVWriterTests.small.jsonText() == """
        [
        {"customer":12346,"monetary":2.55,"tiny":1e-05,"when":"2010-12-01 08:26:00","day":"1970-01-02","name, quoted":"say \\"hi\\""},
        {"customer":null,"monetary":null,"tiny":-0.0,"when":null,"day":"1970-01-01","name, quoted":" padded"}
        ]

        """
    )
    #expect(Table(columns: [Column(name: "x", data: .integer([]))]).jsonText() == "[]\n")
  }

  @Test func readsBackWhatItWrites() throws {
    let read = try TableLoader.load(bytes: CSVWriterTests.small.csvBytes(), name: "t").table
    #expect(read == CSVWriterTests.small)
  }

  /// A random table whose every column reads back as its own type: text values start with a
  /// letter that cannot begin a number or a date, and each column has a value.
  static func randomTable(seed: UInt64) -> Table {
    var g = SeededGenerator(seed: seed)
    let rows = 1 + g.nextInt(below: 40)
    let columnCount = 2 + g.nextInt(below: 5)
    let pieces = ["a", "B", "ç", "£", " ", ",", "\"", "\n", "x y", "\r\n", ";", "0", "9", "-", "."]
    var columns: [Column] = []
    for j in 0..<columnCount {
      let name = "col \(j)" + ["", ", a", " \"q\"", "_z"][g.nextInt(below: 4)]
      func missing(_ i: Int) -> Bool { i > 0 && g.nextInt(below: 5) == 0 }
      switch g.nextInt(below: 4) {
      case 0:
        let values = (0..<rows).map { i -> Int64 in
          missing(i)
            ? Column.missingInteger : Int64(bitPattern: g.next()) >> Int64(g.nextInt(below: 63))
        }
        columns.append(
          Column(name: name, data: .integer(values.map { $0 == Int64.min + 1 ? 0 : $0 }))
        )
      case 1:
        let values = (0..<rows).map { i -> Double in
          if missing(i) { return .nan }
          switch g.nextInt(below: 4) {
          case 0: return Double(g.nextInt(below: 100_000)) / 100
          case 1: return (g.nextUnitDouble() - 0.5) * pow(10, Double(g.nextInt(below: 40) - 20))
          case 2: return Double(g.nextInt(below: 1000))
          default:
            let d = Double(bitPattern: g.next())
            return d.isFinite ? d : 1.5
          }
        }
        columns.append(Column(name: name, data: .decimal(values)))
      case 2:
        let midnight = g.nextInt(below: 2) == 0
        let values = (0..<rows).map { i -> Int64 in
          if missing(i) { return Column.missingInteger }
          let day = Int64(g.nextInt(below: 80_000)) - 25_000
          return day * 86_400 + (midnight ? 0 : Int64(g.nextInt(below: 86_400)))
        }
        columns.append(Column(name: name, data: .datetime(values)))
      default:
        var dictionary: [String] = []
        var codes: [UInt32] = []
        for i in 0..<rows {
          if missing(i) {
            codes.append(Column.missingCode)
            continue
          }
          var s = (g.nextInt(below: 4) == 0 ? " " : "") + ["k", "Q", "ü", "w"][g.nextInt(below: 4)]
          for _ in 0..<g.nextInt(below: 6) { s += pieces[g.nextInt(below: pieces.count)] }
          if let k = dictionary.firstIndex(of: s) {
            codes.append(UInt32(k))
          } else {
            codes.append(UInt32(dictionary.count))
            dictionary.append(s)
          }
        }
        columns.append(Column(name: name, data: .category(codes: codes, dictionary: dictionary)))
      }
    }
    return Table(columns: columns)
  }

  @Test func writeThenReadIsTheIdentity() async {
    await propertyCheck(count: 300, input: Gen.uint64(in: 0...UInt64.max)) { seed in
      let table = CSVWriterTests.randomTable(seed: seed)
      do {
        let read = try TableLoader.load(bytes: table.csvBytes(), name: "roundtrip").table
        #expect(read.columnNames == table.columnNames)
        for (a, b) in zip(read.columns, table.columns) {
          #expect(a.type == b.type, "\(b.name)")
          switch (a.data, b.data) {
          case (.decimal(let x), .decimal(let y)):
            #expect(
              zip(x, y).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) },
              "\(b.name)"
            )
          case (.category, .category):
            #expect(
              (0..<a.count).map { a.text(at: $0) } == (0..<b.count).map { b.text(at: $0) },
              "\(b.name)"
            )
          default:
            #expect(a.data == b.data, "\(b.name)")
          }
        }
      } catch {
        Issue.record("seed \(seed): \(error)")
      }
    }
  }

  @Test func atomicWriteReplacesTheFile() throws {
    let dir = try Fixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("out.csv").path
    try AtomicFileWriter.write("old\n", to: path)
    try AtomicFileWriter.write(CSVWriterTests.small.csvBytes(), to: path)
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: path)) == Data(CSVWriterTests.small.csvBytes())
    )
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])
    // A folder that cannot exist: its parent is a file.
    #expect(throws: AtomicFileWriter.WriteError.self) {
      try AtomicFileWriter.write("x", to: path + "/dir/out.csv")
    }
  }
}
