import Foundation
import Testing

@testable import SegCore

/// Exports from shops that do not write English (issue 13): headers in German, French, Spanish,
/// Italian, Portuguese and Dutch (and Swedish, Danish, Norwegian, Polish, Czech, Finnish and
/// Hungarian) get their roles, month names in those languages read as dates,
/// numbers grouped with spaces or apostrophes read as numbers, and status values in those
/// languages mark cancellations.
@Suite struct OtherLanguagesTests {
  // MARK: Roles

  @Test(arguments: [
    ("Kundennummer", ["kunden", "nummer"]), ("Rechnungsdatum", ["rechnung", "datum"]),
    ("Rechnungs-Nr.", ["rechnung", "nr"]), ("MwSt-Betrag", ["mwst", "betrag"]),
    ("customerid", ["customer", "id"]), ("orders", ["orders"]), ("Date de commande", ["date", "commande"]),
    ("N° de facture", ["n", "facture"]), ("Fecha del pedido", ["fecha", "pedido"]),
    ("Klantnummer", ["klant", "nummer"]), ("Geburtsdatum", ["geburt", "datum"]),
    ("Bestelldatum", ["bestell", "datum"]), ("status", ["status"]), ("landing", ["landing"]),
  ])
  func headerWordsAreFoundInCompoundsAndPhrases(name: String, words: [String]) {
    #expect(ColumnRoles.words(of: name) == words, "\(name)")
  }

  @Test func aLongWordIsNotSplitAndSplittingIsLinear() {
    // Known two-letter pieces over and over: a naive split would try 2^40 ways.
    let word = String(repeating: "at", count: 60) + "x"
    #expect(ColumnRoles.words(of: word) == [word])
    #expect(ColumnRoles.compound(Array(String(repeating: "at", count: 20) + "x")) == nil)
    // 100,000 pieces that join pairwise (`e-mail`), joined in one pass.
    let joined = ColumnRoles.words(of: Array(repeating: "e-mail", count: 100_000).joined(separator: "-"))
    #expect(joined.count == 100_000)
    #expect(Set(joined) == ["email"])
  }

  static let exports: [(String, [String], [SampledKind], [ColumnRole: String])] = [
    (
      "German shop",
      [
        "Kundennummer", "Rechnungsnummer", "Rechnungsdatum", "Lieferdatum", "Artikelnummer",
        "Artikelbezeichnung", "Menge", "Einzelpreis", "MwSt-Betrag", "Status",
      ],
      [.number, .text, .date, .date, .text, .text, .number, .number, .number, .text],
      [
        .customer: "Kundennummer", .invoice: "Rechnungsnummer", .date: "Rechnungsdatum",
        .product: "Artikelnummer", .description: "Artikelbezeichnung", .quantity: "Menge",
        .price: "Einzelpreis",
      ]
    ),
    (
      "German till",
      ["Kunde", "Beleg", "Datum", "Betrag"], [.number, .number, .date, .number],
      [.customer: "Kunde", .invoice: "Beleg", .date: "Datum", .amount: "Betrag"]
    ),
    (
      "French",
      [
        "N° client", "N° de facture", "Date de facture", "Date de livraison", "Désignation",
        "Quantité", "Prix unitaire HT", "Montant TTC",
      ],
      [.text, .text, .date, .date, .text, .number, .number, .number],
      [
        .customer: "N° client", .invoice: "N° de facture", .date: "Date de facture",
        .product: "Désignation", .quantity: "Quantité", .price: "Prix unitaire HT",
        .amount: "Montant TTC",
      ]
    ),
    (
      "Spanish",
      ["ID Cliente", "Nº Pedido", "Fecha del pedido", "Estado del pedido", "Importe total"],
      [.number, .text, .date, .text, .number],
      [.customer: "ID Cliente", .invoice: "Nº Pedido", .date: "Fecha del pedido", .amount: "Importe total"]
    ),
    (
      "Italian",
      ["Codice cliente", "Numero fattura", "Data fattura", "Quantità", "Prezzo unitario", "Paese"],
      [.text, .number, .date, .number, .number, .text],
      [
        .customer: "Codice cliente", .invoice: "Numero fattura", .date: "Data fattura",
        .quantity: "Quantità", .price: "Prezzo unitario", .country: "Paese",
      ]
    ),
    (
      "Portuguese",
      ["Código do cliente", "Número do pedido", "Data da compra", "Quantidade", "Preço unitário"],
      [.text, .text, .date, .number, .number],
      [
        .customer: "Código do cliente", .invoice: "Número do pedido", .date: "Data da compra",
        .quantity: "Quantidade", .price: "Preço unitário",
      ]
    ),
    (
      "Dutch",
      ["Klantnummer", "Factuurnummer", "Factuurdatum", "Omschrijving", "Aantal", "Prijs"],
      [.number, .number, .date, .text, .number, .number],
      [
        .customer: "Klantnummer", .invoice: "Factuurnummer", .date: "Factuurdatum",
        .product: "Omschrijving", .quantity: "Aantal", .price: "Prijs",
      ]
    ),
    (
      "Swedish",
      ["Kundnummer", "Fakturanummer", "Fakturadatum", "Artikel", "Antal", "Pris", "Belopp"],
      [.number, .number, .date, .text, .number, .number, .number],
      [
        .customer: "Kundnummer", .invoice: "Fakturanummer", .date: "Fakturadatum",
        .product: "Artikel", .quantity: "Antal", .price: "Pris", .amount: "Belopp",
      ]
    ),
    (
      "Norwegian",
      ["Kundenr", "Ordrenummer", "Ordredato", "Vare", "Antall", "Beløp"],
      [.number, .number, .date, .text, .number, .number],
      [
        .customer: "Kundenr", .invoice: "Ordrenummer", .date: "Ordredato", .product: "Vare",
        .quantity: "Antall", .amount: "Beløp",
      ]
    ),
    (
      "Polish",
      ["ID klienta", "Numer zamówienia", "Data zamówienia", "Nazwa towaru", "Ilość", "Cena", "Kwota"],
      [.number, .text, .date, .text, .number, .number, .number],
      [
        .customer: "ID klienta", .invoice: "Numer zamówienia", .date: "Data zamówienia",
        .product: "Nazwa towaru", .quantity: "Ilość", .price: "Cena", .amount: "Kwota",
      ]
    ),
    (
      "Czech",
      ["Číslo zákazníka", "Číslo objednávky", "Datum objednávky", "Množství", "Cena", "Částka"],
      [.number, .number, .date, .number, .number, .number],
      [
        .customer: "Číslo zákazníka", .invoice: "Číslo objednávky", .date: "Datum objednávky",
        .quantity: "Množství", .price: "Cena", .amount: "Částka",
      ]
    ),
    (
      "Finnish",
      ["Asiakasnumero", "Laskun numero", "Päivämäärä", "Tuote", "Määrä", "Hinta"],
      [.number, .number, .date, .text, .number, .number],
      [
        .customer: "Asiakasnumero", .invoice: "Laskun numero", .date: "Päivämäärä",
        .product: "Tuote", .quantity: "Määrä", .price: "Hinta",
      ]
    ),
    (
      "Hungarian",
      ["Vevő", "Számla", "Dátum", "Termék", "Mennyiség", "Összeg"],
      [.text, .text, .date, .text, .number, .number],
      [
        .customer: "Vevő", .invoice: "Számla", .date: "Dátum", .product: "Termék",
        .quantity: "Mennyiség", .amount: "Összeg",
      ]
    ),
  ]

  @Test(arguments: OtherLanguagesTests.exports)
  func exportsInOtherLanguagesGetTheirRoles(
    shop: String, names: [String], kinds: [SampledKind], expected: [ColumnRole: String]
  ) throws {
    let roles = try ColumnRoles.detect(in: names, kinds: kinds)
    #expect(roles.columns == expected, "\(shop)")
  }

  @Test func taxFreightAndDeliveryDatesLoseToTheRealColumns() throws {
    let roles = try ColumnRoles.detect(
      in: ["Kunde", "Lieferdatum", "Bestelldatum", "Versandkosten", "MwSt", "Gesamtbetrag"],
      kinds: [.number, .date, .date, .number, .number, .number])
    #expect(roles[.date] == "Bestelldatum")
    #expect(roles[.amount] == "Gesamtbetrag")
  }

  // MARK: Month names

  static let monthNames: [[String]] = [
    ["January", "Januar", "janvier", "enero", "gennaio", "janeiro", "januari"],
    ["February", "Februar", "février", "febrero", "febbraio", "fevereiro", "februari"],
    ["March", "März", "mars", "marzo", "marzo", "março", "maart"],
    ["April", "April", "avril", "abril", "aprile", "abril", "april"],
    ["May", "Mai", "mai", "mayo", "maggio", "maio", "mei"],
    ["June", "Juni", "juin", "junio", "giugno", "junho", "juni"],
    ["July", "Juli", "juillet", "julio", "luglio", "julho", "juli"],
    ["August", "August", "août", "agosto", "agosto", "agosto", "augustus"],
    ["September", "September", "septembre", "septiembre", "settembre", "setembro", "september"],
    ["October", "Oktober", "octobre", "octubre", "ottobre", "outubro", "oktober"],
    ["November", "November", "novembre", "noviembre", "novembre", "novembro", "november"],
    ["December", "Dezember", "décembre", "diciembre", "dicembre", "dezembro", "december"],
  ]

  func named(_ text: String) -> Int64? {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { b in
      b.baseAddress.flatMap { DateParsing.parseNamedMonth($0, b.count) }
    }
  }

  /// Property: a date written with its month's name in each language, in the ways those
  /// languages write it, full or abbreviated, any case, reads back as the same day.
  @Test func datesWrittenWithMonthNamesReadBack() {
    var generator = SeededGenerator(seed: 13)
    for _ in 0..<400 {
      let days = Int64.random(in: 7_305...29_220, using: &generator)  // 1990–2049
      let (year, month, day) = CivilCalendar.civil(fromDays: days)
      let want = days * CivilCalendar.secondsPerDay
      for name in OtherLanguagesTests.monthNames[month - 1] {
        let short = String(name.prefix(name.count == 4 ? 4 : 3))
        let written = [
          "\(day). \(name) \(year)", "\(day) \(name) \(year)", "\(day)-\(short)-\(year)",
          "\(day) \(short.lowercased()). \(year)", "\(day) de \(name.lowercased()) de \(year)",
          "\(day) \(name.uppercased()) \(year)",
        ]
        for text in written where !(short.lowercased() == "jui") {
          #expect(named(text) == want, "\(text)")
        }
      }
    }
  }

  @Test(arguments: [
    ("24. Dezember 2020 14:05", "2020-12-24 14:05:00"), ("3 févr. 2021", "2021-02-03"),
    ("12 de enero de 2021", "2021-01-12"), ("3 mrt 2021", "2021-03-03"), ("3 Mrz 2021", "2021-03-03"),
    ("15 gen 2021", "2021-01-15"), ("1 out 2021", "2021-10-01"), ("11-Feb-17", "2017-02-11"),
    ("9 Sept 2020", "2020-09-09"), ("2 juil. 2021", "2021-07-02"), ("2 JUIN 2021", "2021-06-02"),
    // Swedish and Danish, Polish and Czech (their dates' genitives, and the nominatives).
    ("5 maj 2021", "2021-05-05"), ("5 augusti 2021", "2021-08-05"), ("5. marts 2021", "2021-03-05"),
    ("5 stycznia 2021", "2021-01-05"), ("12 października 2021", "2021-10-12"),
    ("1 grudnia 2021", "2021-12-01"), ("5. července 2021", "2021-07-05"),
    ("5. června 2021", "2021-06-05"), ("28. února 2021", "2021-02-28"),
    ("30 września 2021", "2021-09-30"), ("3. listopadu 2021", "2021-11-03"),
  ])
  func monthNamesInOtherLanguagesRead(text: String, iso: String) {
    #expect(named(text) == CivilCalendar.parseISO(iso), "\(text)")
  }

  @Test(arguments: ["2 jui 2021", "2 ma 2021", "2 Mario 2021", "2 ju 2021", "2 - 2021", "2 dee 2021"])
  func wordsThatNameNoOneMonthAreRefused(text: String) {
    #expect(named(text) == nil, "\(text)")
  }

  @Test func aFrenchColumnLoadsWithItsMonthNames() throws {
    let text = """
      client;date;montant
      1;3 févr. 2021;12,50
      2;24 déc. 2020;1 234,50
      1;1 août 2021;7

      """
    let loaded = try TableLoader.load(text: text)
    #expect(
      loaded.table.ints("date")
        == ["2021-02-03", "2020-12-24", "2021-08-01"].map { CivilCalendar.parseISO($0) })
    #expect(loaded.table.doubles("montant") == [12.5, 1234.5, 7])
  }

  // MARK: Numbers

  @Test(arguments: [
    ("1 234,50", DecimalSeparator.comma, 1234.5), ("1\u{00A0}234,50", .comma, 1234.5),
    ("1\u{202F}234\u{202F}567,5", .comma, 1_234_567.5), ("1'234.50", .point, 1234.5),
    ("12\u{00A0}345,00\u{00A0}€", .comma, 12345), ("CHF 1'000", .point, 1000),
    ("-1 000", .point, -1000),
  ])
  func numbersGroupedWithSpacesOrApostrophesRead(text: String, decimal: DecimalSeparator, value: Double) {
    let parsed = writtenNumber(text, decimal)
    #expect(parsed?.value == value, "\(text)")
  }

  @Test(arguments: ["1 23,4", "12 34", "1 2345", "1,234 5", "1 234 5", "'123"])
  func spacesThatDoNotGroupThousandsAreRefused(text: String) {
    let parsed = writtenNumber(text, .comma)
    #expect(parsed == nil, "\(text)")
  }

  // MARK: Cancellations

  @Test(arguments: [
    ("storniert", true), ("Storno", true), ("Annulée", true), ("cancelado", true),
    ("devuelto", true), ("geannuleerd", true), ("annullato", true), ("Ja", true),
    ("bezahlt", false), ("entregado", false), ("livrée", false), ("geleverd", false),
  ])
  func statusValuesInOtherLanguages(value: String, cancelled: Bool) {
    #expect(CancellationRule.isCancelledStatus(value) == cancelled, "\(value)")
  }

  @Test(arguments: [
    ("Status", true), ("Bestellstatus", true), ("Estado del pedido", true), ("statut", true),
    ("Storniert", true), ("Stato ordine", true), ("Kunde", false), ("Staat", false),
  ])
  func statusColumnsInOtherLanguages(name: String, isStatus: Bool) {
    #expect(CancellationRule.isStatusName(name) == isStatus, "\(name)")
  }

  @Test func linesAStatusCancelsAreAccountedAsSuch() throws {
    let text = """
      Kunde;Beleg;Datum;Betrag;Status
      1;10;2021-01-04;12,50;bezahlt
      2;11;2021-01-05;99,00;storniert
      1;12;2021-02-01;7,25;bezahlt

      """
    let loaded = try TableLoader.load(text: text)
    let result = try RFM.compute(loaded.table, roles: loaded.roles)
    #expect(result.report.otherLines == 1)
    #expect(result.report.cancelledByStatus == "Status")
    #expect(result.report.summaryText.contains("cancelled by Status, zero prices and the like"))
    #expect(result.table.doubles("monetary") == [19.75])
  }
}
