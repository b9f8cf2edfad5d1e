/// What the first rows say a column holds, for weighing role names with types.
public enum SampledKind: Sendable, Hashable {
  /// No sample (a header-only file, or kinds not given).
  case unknown
  /// Rows were sampled and every value is empty (WooCommerce's `Customer Note`): a poor
  /// candidate for any role.
  case empty
  /// Numbers (digits, separators, a sign, a currency symbol or code).
  case number
  /// Whole numbers of 8 digits that read as `YYYYMMDD` dates.
  case compactDate
  /// Whole numbers in the range of Unix epoch seconds (or milli-, micro-, nanoseconds) for
  /// 1990–2100: dates when the column's name says date or time (`created_at`), numbers
  /// otherwise.
  case epoch
  /// Dates or date-times.
  case date
  /// Times of day without a date, written as whole numbers `hhmm` (`1631`, `0945`) under a
  /// name that says time and not date (dunnhumby's `TRANS_TIME` beside its `DAY`): never the
  /// date, nor money.
  case timeOfDay
  /// Order numbers written with a `#` (`#1001`, `#SH1001`, as Shopify names its orders).
  case orderNumber
  /// Anything else.
  case text

  /// How many rows a column's values are sampled from (the first ones of a file).
  package static let sampleRows = 200

  /// The kind of most sampled values (nine in ten), from their text.
  static func of(_ values: [String]) -> SampledKind {
    let present = values.map { $0.trimmingSpaces }.filter {
      !$0.isEmpty && !NullToken.matches($0)
    }
    guard !present.isEmpty else { return values.isEmpty ? .unknown : .empty }
    func most(_ test: (String) -> Bool) -> Bool {
      present.reduce(0) { $0 + (test($1) ? 1 : 0) } * 10 >= present.count * 9
    }
    if most(isCompactDate) { return .compactDate }
    if most(isEpoch) { return .epoch }
    // Dates first: `2013-02-16` is made of number characters too.
    if most(isDateLike) { return .date }
    if most(isNumberLike) { return .number }
    if most(isOrderNumber) { return .orderNumber }
    return .text
  }

  /// The kind of most sampled values of column `name`: as ``of(_:)``, and numbers that are
  /// all times of day (`hhmm`) under a name that says time and not date are ``timeOfDay``.
  package static func of(_ values: [String], name: String) -> SampledKind {
    let kind = of(values)
    guard kind == .number, namesTimeOfDay(name) else { return kind }
    let present = values.map { $0.trimmingSpaces }.filter { !$0.isEmpty }
    return present.allSatisfy(isHHMM) ? .timeOfDay : kind
  }

  /// Whether a header names a time of day and not a date (`TRANS_TIME`, `Uhrzeit`; not
  /// `datetime`, `timestamp` or `Day Time`).
  static func namesTimeOfDay(_ name: String) -> Bool {
    let lower = name.lowercased()
    return ["time", "zeit", "hora", "heure", "tijd"].contains { lower.contains($0) }
      && !["date", "day", "datum", "stamp", "epoch", "fecha", "jour", "tag", "dia"].contains {
        lower.contains($0)
      }
  }

  /// `1631`, `0945`, `830`: three or four digits, the last two minutes below 60 and the rest an
  /// hour below 24.
  static func isHHMM(_ s: String) -> Bool {
    guard (3...4).contains(s.utf8.count), s.utf8.allSatisfy({ $0 &- 48 < 10 }), let v = Int(s)
    else { return false }
    return v / 100 < 24 && v % 100 < 60
  }

  /// `#1001`, `#SH1001`: a `#`, then letters and digits with at least one digit.
  static func isOrderNumber(_ s: String) -> Bool {
    guard s.first == "#", s.count >= 2, s.count <= 24 else { return false }
    var digits = 0
    for u in s.unicodeScalars.dropFirst() {
      if ("0"..."9").contains(u) {
        digits += 1
      } else if !(u.properties.isAlphabetic || u == "-" || u == "_") {
        return false
      }
    }
    return digits > 0
  }

  /// `20101201`: eight digits, a plausible year, month and day.
  static func isCompactDate(_ s: String) -> Bool {
    let bytes = Array(s.utf8)
    guard bytes.count == 8 else { return false }
    return bytes.withUnsafeBufferPointer { b in
      guard let p = b.baseAddress else { return false }
      guard let t = DateParsing.parseCompact(p, 8) else { return false }
      let year = t / CivilCalendar.secondsPerDay / 365 + 1970
      return year >= 1900 && year <= 2100
    }
  }

  /// 9–10 digits (seconds), 12–13 (milliseconds), 15–16 (microseconds) or 18–19 (nanoseconds)
  /// in the loader's epoch range.
  static func isEpoch(_ s: String) -> Bool {
    let bytes = Array(s.utf8)
    return bytes.withUnsafeBufferPointer { b in
      guard let p = b.baseAddress else { return false }
      return DateParsing.parseEpoch(p, b.count) != nil
    }
  }

  /// Digits with at most separators, a sign, parentheses, spaces and a currency symbol or a
  /// three-letter code (`1.234,56`, `(12.00)`, `EUR 12`, `$3`).
  static func isNumberLike(_ s: String) -> Bool {
    var digits = 0
    var letters = 0
    for u in s.unicodeScalars {
      if ("0"..."9").contains(u) {
        digits += 1
      } else if u.properties.isAlphabetic {
        letters += 1
      } else if !".,+-()' $€£¥%".unicodeScalars.contains(u) {
        return false
      }
    }
    // `1e5` reads as a number; letters beyond a currency code make text.
    return digits > 0 && letters <= 3
  }

  /// A date the loader reads (month names in the languages of ``DateParsing/monthName``
  /// included), or text with digits and an English month abbreviation (`11-Feb-17 (est.)`).
  static func isDateLike(_ s: String) -> Bool {
    let bytes = Array(s.utf8)
    let parsed = bytes.withUnsafeBufferPointer { b -> Bool in
      guard let p = b.baseAddress else { return false }
      return DateParsing.parseISO(p, b.count) != nil
        || DateParsing.parseISOOffset(p, b.count) != nil
        || DateParsing.parseSlash(p, b.count, zones: true) != nil
        || DateParsing.parseNamedMonthWithYear(p, b.count, zones: true) != nil
    }
    if parsed { return true }
    let lower = s.lowercased()
    let months = [
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    return lower.contains(where: \.isNumber) && months.contains { lower.contains($0) }
  }
}

extension ColumnRole {
  /// The words of a header name, in lower case: split at spaces, underscores, hyphens, dots and
  /// other punctuation and at camel-case humps (`Member_number` → member, number;
  /// `InvoiceNo` → invoice, no; `itemDescription` → item, description; `CustomerID` →
  /// customer, id).
  public static func tokens(of name: String) -> [String] {
    var words: [String] = []
    var current: [Character] = []
    func flush() {
      if !current.isEmpty { words.append(String(current).lowercased()) }
      current = []
    }
    let chars = Array(name)
    for (k, ch) in chars.enumerated() {
      guard ch.isLetter || ch.isNumber else {
        flush()
        continue
      }
      if let last = current.last {
        let nextIsLower = k + 1 < chars.count && chars[k + 1].isLowercase
        if ch.isUppercase && (last.isLowercase || (last.isUppercase && nextIsLower)) {
          flush()
        } else if ch.isNumber != last.isNumber {
          flush()
        }
      }
      current.append(ch)
    }
    flush()
    return words
  }

  /// Words that name the role, with their weight: English first, then German, French, Spanish,
  /// Italian, Portuguese and Dutch (a header of an export from those shops: `Kundennummer`,
  /// `N° facture`, `Fecha`, `Importo`, `Quantidade`, `Omschrijving`). Compounds of these words
  /// are split first (see ``ColumnRoles/words(of:)``).
  var vocabulary: [String: Double] {
    switch self {
    case .customer:
      [
        "customer": 3, "customers": 3, "cust": 3, "member": 3, "client": 3, "buyer": 3,
        "shopper": 3, "consumer": 3, "user": 2, "account": 2, "patron": 2,
        // Panel data counts households (dunnhumby's `household_key`), web logs visitors.
        "household": 3, "households": 3, "visitor": 2, "haushalt": 2,
        "kunde": 3, "kunden": 3, "kd": 2, "käufer": 2, "mitglied": 2, "konto": 1,
        "clients": 3, "acheteur": 2, "adhérent": 2, "adherent": 2,
        "cliente": 3, "clientes": 3, "comprador": 2, "socio": 2,
        "klant": 3, "klanten": 3, "lid": 1, "koper": 2,
        // Swedish, Danish and Norwegian; Polish, Czech, Finnish, Hungarian (with the genitives
        // their headers use: `ID klienta`, `Číslo zákazníka`).
        "kund": 3, "kundnr": 3, "klient": 3, "klienta": 3, "zákazník": 3, "zákazníka": 3,
        "zakaznik": 3, "zakaznika": 3, "asiakas": 3, "vevő": 3, "vevo": 3, "ügyfél": 3,
        "ugyfel": 3,
        // An e-mail address identifies a customer in exports without ids (a web shop's
        // `Email`), weakly: `Customer ID` beats `Customer Email`.
        "email": 0.4, "mail": 0.4,
      ]
    case .invoice:
      [
        "invoice": 3, "order": 3, "receipt": 3, "basket": 3, "transaction": 3, "trans": 2,
        "txn": 3, "ticket": 2, "bill": 2, "tran": 2,
        // Magento numbers its orders `increment_id` (its `entity_id` is a row id).
        "increment": 2,
        "rechnung": 3, "beleg": 3, "bon": 2, "kassenbon": 3, "quittung": 3, "auftrag": 3,
        "bestellung": 3, "bestell": 3, "transaktion": 3, "vorgang": 2,
        "facture": 3, "commande": 3, "reçu": 2, "panier": 3,
        "factura": 3, "pedido": 3, "recibo": 3, "transacción": 3, "transaccion": 3, "boleta": 3,
        "fattura": 3, "ordine": 3, "scontrino": 3, "ricevuta": 3, "nota": 1, "transação": 3,
        "transacao": 3, "venda": 2, "factuur": 3, "bestelling": 3, "kassabon": 3,
        "faktura": 3, "faktury": 3, "ordre": 3, "kvitto": 3, "kvittering": 3, "zamówienie": 3,
        "zamówienia": 3, "zamowienie": 3, "zamowienia": 3, "paragon": 3, "objednávka": 3,
        "objednávky": 3, "objednavka": 3, "objednavky": 3, "lasku": 3, "laskun": 3, "tilaus": 3,
        "kuitti": 3, "számla": 3, "szamla": 3, "rendelés": 3, "rendeles": 3,
      ]
    case .date:
      [
        "date": 3, "timestamp": 3, "datetime": 3, "time": 2, "day": 2, "dt": 2, "ts": 2,
        "created": 1, "purchase": 1, "at": 1,
        "datum": 3, "zeit": 2, "zeitpunkt": 2, "tag": 1, "zeitstempel": 3,
        "heure": 2, "jour": 2, "fecha": 3, "hora": 2, "dia": 2, "día": 2,
        "data": 2, "giorno": 2, "ora": 1, "tijd": 2, "dag": 1, "tijdstip": 2,
        "dato": 3, "dátum": 3, "päivämäärä": 3, "paivamaara": 3, "tidpunkt": 2,
      ]
    case .quantity:
      [
        "qty": 3, "quantity": 3, "units": 3, "quantities": 3, "pieces": 2,
        "menge": 3, "anzahl": 3, "stück": 2, "stueck": 2, "stk": 2,
        "quantité": 3, "quantite": 3, "qté": 3, "qte": 3, "cantidad": 3, "cant": 2, "unidades": 3,
        "quantità": 3, "quantita": 3, "qtà": 3, "quantidade": 3, "qtd": 3, "qtde": 3,
        "aantal": 3, "hoeveelheid": 3, "stuks": 2,
        "antal": 3, "antall": 3, "ilość": 3, "ilosc": 3, "množství": 3, "mnozstvi": 3,
        "määrä": 3, "maara": 3, "mennyiség": 3, "mennyiseg": 3, "kpl": 2, "szt": 2,
      ]
    case .price:
      [
        "price": 3, "unitprice": 3, "cost": 1, "rate": 1,
        "preis": 3, "einzelpreis": 3, "stückpreis": 3, "prix": 3, "precio": 3, "prezzo": 3,
        "preço": 3, "preco": 3, "prijs": 3, "stukprijs": 3,
        "pris": 3, "styckpris": 3, "enhedspris": 3, "cena": 3, "hinta": 3, "egységár": 3,
        "egysegar": 3,
      ]
    case .amount:
      [
        "sales": 3, "revenue": 3, "amount": 3, "spend": 3, "amt": 3, "total": 2, "value": 2,
        "payment": 2, "sale": 2, "turnover": 2, "profit": 1,
        // A line's total before tax (Lightspeed's `Subtotal`), and gross money alone (PayPal's
        // `Gross`, what the buyer paid); `Net Sales` still beats `Gross Sales` (`net` below).
        "subtotal": 1, "gross": 0.5,
        "betrag": 3, "umsatz": 3, "summe": 2, "gesamt": 2, "wert": 2, "gesamtbetrag": 3,
        "montant": 3, "importe": 3, "monto": 3, "ventas": 3, "venta": 2, "valor": 2,
        "importo": 3, "totale": 2, "vendite": 3, "faturamento": 3, "receita": 2,
        "bedrag": 3, "omzet": 3, "totaal": 2, "waarde": 2,
        "belopp": 3, "beløb": 3, "beløp": 3, "summa": 2, "omsättning": 3, "omsætning": 3,
        "kwota": 3, "wartość": 2, "wartosc": 2, "sprzedaż": 3, "sprzedaz": 3, "částka": 3,
        "castka": 3, "tržba": 3, "trzba": 3, "myynti": 3, "összeg": 3, "osszeg": 3,
      ]
    case .product:
      [
        "sku": 3, "stockcode": 3, "stock": 2, "item": 2, "article": 2, "product": 2, "ean": 2,
        "upc": 2,
        "artikel": 2, "produkt": 2, "produit": 2, "producto": 2, "articulo": 2, "artículo": 2,
        "prodotto": 2, "articolo": 2, "produto": 2, "artigo": 2, "referenz": 1, "référence": 1,
        "referencia": 1,
        "vara": 2, "vare": 2, "towar": 2, "towaru": 2, "produktu": 2, "zboží": 2, "zbozi": 2,
        "tuote": 2, "termék": 2, "termek": 2,
      ]
    case .description:
      [
        "description": 3, "desc": 3, "name": 2, "title": 1,
        "beschreibung": 3, "bezeichnung": 3, "désignation": 3, "designation": 3, "libellé": 3,
        "libelle": 3, "descripción": 3, "descripcion": 3, "descrizione": 3, "descrição": 3,
        "descricao": 3, "omschrijving": 3, "nom": 1, "nome": 1, "naam": 1,
        "beskrivning": 3, "beskrivelse": 3, "opis": 3, "popis": 3, "kuvaus": 3, "leírás": 3,
        "leiras": 3, "nazwa": 2, "název": 2, "namn": 1, "navn": 1, "nimi": 1, "név": 1,
      ]
    case .country:
      [
        "country": 3, "nation": 2, "land": 3, "pays": 3, "país": 3, "pais": 3, "paese": 3,
        "kraj": 3, "země": 3, "zeme": 3, "maa": 2, "ország": 3, "orszag": 3,
      ]
    case .category:
      [
        "category": 3, "department": 3, "dept": 2, "group": 1, "family": 1,
        "kategorie": 3, "warengruppe": 3, "abteilung": 2, "gruppe": 1, "catégorie": 3,
        "categorie": 3, "rayon": 2, "categoría": 3, "categoria": 3, "familia": 1, "famille": 1,
        "kategori": 3, "kategoria": 3, "kategorii": 3, "kategória": 3,
      ]
    }
  }

  /// Words that speak against the role (`Ship Date` is not the purchase date; `Customer Name`
  /// is not the id; freight is not the spend), in the same languages.
  /// Words that make a header text, not a number: Square's `Price Point Name` is the name of a
  /// price tier (`Large`), not a price.
  static let textWords: [String: Double] = [
    "name": 3, "description": 3, "label": 3, "title": 3, "type": 3, "category": 3,
    "namen": 3, "bezeichnung": 3, "beschreibung": 3, "nom": 3, "libellé": 3, "libelle": 3,
    "nombre": 3, "descripción": 3, "nome": 3, "descrizione": 3, "descrição": 3, "naam": 3,
    "omschrijving": 3,
  ]

  var contrary: [String: Double] { ColumnRole.contraryWords[self] ?? [:] }

  /// ``contrary`` per role, built once: the role's own words, and ``textWords`` for the number
  /// roles.
  private static let contraryWords: [ColumnRole: [String: Double]] = Dictionary(
    uniqueKeysWithValues: allCases.map { role in
      let numeric = role == .quantity || role == .price || role == .amount
      return (role, ownContrary(role).merging(numeric ? textWords : [:], uniquingKeysWith: max))
    })

  private static func ownContrary(_ role: ColumnRole) -> [String: Double] {
    switch role {
    case .customer, .invoice:
      [
        // A kind of thing is no id of one (QuickBooks' `Transaction Type`: Invoice, Sales
        // Receipt; `Customer Type`).
        "name": 3, "date": 3, "time": 2, "timestamp": 3, "datetime": 3, "count": 2, "type": 3,
        "status": 3, "state": 3, "note": 3, "notes": 3, "comment": 3, "comments": 3, "message": 3,
        "notiz": 3, "bemerkung": 3, "kommentar": 3, "commentaire": 3, "nota": 3, "comentario": 3,
        "commento": 3, "opmerking": 3,
        "namen": 3, "nom": 3, "nombre": 3, "nome": 3, "naam": 3, "datum": 3, "fecha": 3,
        "data": 3, "zeit": 2, "anzahl": 2, "art": 2, "typ": 3, "statut": 3, "estado": 3,
        "stato": 3, "situação": 3, "ort": 2, "stadt": 2, "adresse": 2, "ville": 2,
        "namn": 3, "navn": 3, "nazwa": 3, "název": 3, "nimi": 3, "név": 3, "dato": 3,
        "dátum": 3,
        // A line of an order is no order (`ORDERLINENUMBER` beside `ORDERNUMBER`, as Kaggle's
        // sales_data_sample writes them; `Order Line ID`).
        "line": 3, "lines": 3, "zeile": 3, "ligne": 3, "línea": 3, "linea": 3, "riga": 3,
      ]
    case .product:
      // An event's name is no product (Google Analytics 4's `event_name`).
      ["name": 2, "category": 2, "count": 2, "gruppe": 2, "kategorie": 2, "event": 3]
    case .description:
      // A person's name is no item's (Magento's `Ship-to Name`, Shopify's `Billing Name`).
      [
        "customer": 3, "client": 3, "buyer": 3, "member": 3, "user": 3, "contact": 3,
        "recipient": 3, "bill": 3, "billing": 3, "ship": 3, "shipping": 3, "first": 3,
        "last": 3, "seller": 3, "vendor": 2, "supplier": 2, "company": 2, "city": 3,
        "kunde": 3, "kunden": 3, "vorname": 3, "nachname": 3, "prénom": 3, "prenom": 3,
        "apellido": 3, "cognome": 3, "sobrenome": 3, "voornaam": 3, "achternaam": 3,
        "event": 3,
      ]
    case .date:
      [
        "ship": 2, "shipping": 2, "shipped": 2, "delivery": 2, "delivered": 2, "approved": 2,
        "estimated": 2, "due": 2, "birth": 3, "signup": 2, "registration": 2, "limit": 2,
        "carrier": 2,
        "versand": 2, "liefer": 2, "lieferung": 2, "geburt": 3, "fällig": 2,
        "faellig": 2, "livraison": 2, "expédition": 2, "expedition": 2, "naissance": 3,
        "échéance": 2, "envío": 2, "envio": 2, "entrega": 2, "nacimiento": 3, "vencimiento": 2,
        "spedizione": 2, "consegna": 2, "nascita": 3, "scadenza": 2, "nascimento": 3,
        "levering": 2, "verzending": 2, "geboorte": 3, "vervaldatum": 2,
        // Parts of a date are no date (Instacart's `order_hour_of_day`, `order_dow`), nor is
        // a gap between dates (`days_since_prior_order`).
        "hour": 3, "hours": 3, "dow": 3, "weekday": 3, "since": 3, "stunde": 3,
      ]
    case .amount:
      [
        "freight": 3, "shipping": 3, "tax": 3, "discount": 3, "fee": 2, "cost": 1, "unit": 2,
        "insurance": 3, "handling": 3, "tip": 3, "gratuity": 3,
        "refund": 3, "refunded": 3, "refunds": 3, "converted": 1, "balance": 3, "saldo": 3,
        "solde": 3, "erstattet": 3, "erstattung": 3,
        "remboursé": 3, "rembourse": 3, "remboursement": 3, "reembolsado": 3, "reembolso": 3,
        "rimborso": 3, "rimborsato": 3, "terugbetaald": 3,
        "steuer": 3, "mwst": 3, "ust": 3, "versand": 3, "porto": 3, "rabatt": 3, "fracht": 3,
        "einzel": 2, "tva": 3, "taxe": 3, "remise": 3, "frais": 2, "port": 2, "unitaire": 2,
        "iva": 3, "impuesto": 3, "descuento": 3, "unitario": 2, "sconto": 3, "frete": 3,
        "desconto": 3, "btw": 3, "korting": 3, "verzendkosten": 3,
        // An id is no money (eBay's `Sales Record Number`), nor is who or where sold
        // (`sales-channel`, `Sales Rep`, `Sales Region`).
        "number": 3, "record": 3, "id": 3, "nr": 3, "nummer": 3, "numéro": 3, "número": 3,
        "numero": 3, "channel": 3, "rep": 3, "person": 3, "region": 3, "team": 3, "office": 3,
        "manager": 3, "agent": 3, "territory": 3, "source": 2, "status": 3,
      ]
    case .price:
      [
        "number": 3, "record": 3, "id": 3, "nr": 3, "nummer": 3, "numéro": 3, "número": 3,
        "numero": 3,
        // A total is the line's or order's amount, not a unit price (eBay's `Total Price`).
        "freight": 3, "shipping": 3, "tax": 3, "discount": 3, "total": 3,
        "versand": 3, "steuer": 3, "mwst": 3, "rabatt": 3, "gesamt": 2, "tva": 3, "remise": 3,
        "iva": 3, "descuento": 3, "sconto": 3, "btw": 3, "korting": 3, "totale": 2, "totaal": 2,
      ]
    case .quantity: ["returned": 2, "retour": 2, "retourniert": 2]
    default: [:]
    }
  }

  /// Words that sharpen the role when they accompany one of its own (`Order Date`, `CustomerID`,
  /// `Kundennummer`, `Date de commande`, `Precio unitario`).
  var companions: [String: Double] {
    switch self {
    case .customer, .invoice, .product:
      [
        "id": 0.5, "no": 0.5, "number": 0.5, "code": 0.5, "key": 0.5, "unique": 0.5, "nr": 0.5,
        "num": 0.5, "nummer": 0.5, "numéro": 0.5, "numero": 0.5, "número": 0.5, "nº": 0.5,
        "billing": 0.5,
        "n": 0.5, "kennung": 0.5, "código": 0.5, "codigo": 0.5,
        "codice": 0.5, "ref": 0.5,
      ]
    case .date:
      [
        "order": 1, "invoice": 1, "transaction": 1, "trans": 1, "purchase": 1, "sale": 1,
        "rechnung": 1, "beleg": 1, "bestell": 1, "bestellung": 1, "auftrag": 1,
        "kauf": 1, "buchung": 1, "facture": 1, "commande": 1,
        "achat": 1, "vente": 1, "factura": 1, "pedido": 1, "compra": 1, "fattura": 1,
        "ordine": 1, "acquisto": 1, "factuur": 1, "bestelling": 1, "aankoop": 1, "verkoop": 1,
        "faktura": 1, "faktury": 1, "ordre": 1, "zamówienia": 1, "zamowienia": 1,
        "objednávky": 1, "objednavky": 1, "tilaus": 1, "lasku": 1, "rendelés": 1,
      ]
    case .price:
      [
        "unit": 1, "each": 0.5, "einzel": 1, "stück": 1, "unitaire": 1, "unitario": 1,
        "unitário": 1, "stuk": 1,
      ]
    case .amount:
      [
        // Net sales (after discounts, as Square and Shopify reports write it) beat gross.
        "line": 0.5, "net": 1, "order": 0.5, "netto": 0.5, "brutto": 0.5,
        "ttc": 0.5, "ht": 0.5, "neto": 0.5, "bruto": 0.5, "lordo": 0.5, "rechnung": 0.5,
        "facture": 0.5, "commande": 0.5, "pedido": 0.5, "factura": 0.5,
      ]
    case .description:
      ["product": 1, "item": 1, "artikel": 1, "article": 1, "produit": 1, "producto": 1]
    case .quantity:
      // `QUANTITYORDERED`, `Units Sold`, `Qty Shipped`.
      ["ordered": 0.5, "sold": 0.5, "purchased": 0.5, "shipped": 0.5, "bought": 0.5]
    default: [:]
    }
  }

  /// Whether column `name`, of this sampled kind, can play the role (a date role needs dates, or
  /// epoch times under a name that says date or time; money needs numbers); `unknown` can play
  /// any.
  func accepts(_ kind: SampledKind, name: String) -> Bool {
    switch (self, kind) {
    case (_, .unknown): true
    case (_, .empty): false
    case (.date, .date), (.date, .compactDate): true
    case (.date, .epoch): DateParsing.nameSaysDateOrTime(name)
    case (.date, _): false
    case (_, .timeOfDay): ![.quantity, .price, .amount].contains(self)
    case (.quantity, .number), (.price, .number), (.amount, .number): true
    case (.quantity, .epoch), (.price, .epoch), (.amount, .epoch): true
    case (.quantity, _), (.price, _), (.amount, _): false
    case (.customer, .date), (.invoice, .date), (.product, .date): false
    case (.invoice, .orderNumber): true
    case (_, .orderNumber): false
    case (.description, .number), (.description, .date), (.country, .number),
      (.country, .date), (.category, .date):
      false
    default: true
    }
  }
}

/// One role found by name: the column, the words that chose it and a close runner-up.
public struct RoleChoice: Sendable, Equatable, Hashable {
  /// The words of the header that matched the role (`member`), empty when the role was given.
  public var words: [String]
  /// Another column that scored at least a third of the winner's score for the role.
  public var runnerUp: String?
  /// Whether the column was named with an option (`customer=COL`).
  public var isExplicit: Bool

  /// `member`, `sales; runner-up Profit`, `given`.
  public var text: String {
    var s = isExplicit ? "given" : words.joined(separator: ", ")
    if let runnerUp { s += "; runner-up " + runnerUp }
    return s
  }
}

extension ColumnRoles {
  /// The score of `name` for `role`: its words' weights, less the contrary words and half a
  /// point per word no role knows; with the words that matched.
  static func score(_ role: ColumnRole, tokens: [String]) -> (score: Double, words: [String]) {
    let vocabulary = role.vocabulary
    var score = 0.0
    var words: [String] = []
    var matched = false
    for t in tokens {
      if let w = vocabulary[t] {
        if w > 0 { matched = true }
        score += w
        words.append(t)
      }
    }
    guard matched else { return (0, []) }
    let contrary = role.contrary
    let companions = role.companions
    for t in tokens where vocabulary[t] == nil {
      if let w = contrary[t] {
        score -= w
      } else if let w = companions[t] {
        score += w
      } else if ColumnRoles.strongWords.contains(t) {
        score -= 1  // another role's own word: `order_item_id` is less an order than `order_id`
      } else if !ColumnRoles.knownWords.contains(t) {
        score -= 0.5
      }
    }
    return (score, words)
  }

  /// Words that join the words of a header and name nothing (`Date de commande`, `N° de
  /// client`, `Numero del pedido`): they neither count for a role nor against it.
  static let joiningWords: Set<String> = [
    "de", "du", "des", "d", "la", "le", "les", "l", "del", "da", "do", "dos", "das", "di",
    "della", "dello", "van", "het", "der", "die", "von", "vom", "zum", "zur", "of", "the", "per",
    "por", "par", "pour", "en", "et", "y", "e", "und", "and",
  ]

  /// The words of a header as roles are scored on them: ``ColumnRole/tokens(of:)``, without
  /// ``joiningWords``, two pieces joined where they make a known word and one is unknown (`MwSt`,
  /// `E-mail`), each word no role knows read as a compound of known words where it
  /// is one (`Kundennummer` → kunden, nummer; `Rechnungsdatum` → rechnung, datum, the German
  /// linking `s` dropped, also before another word: `Rechnungs-Nr.`; `customerid` → customer,
  /// id).
  static func words(of name: String) -> [String] {
    var words: [String] = []
    let pieces = ColumnRole.tokens(of: name)
    // Two pieces that make a known word, one of them unknown, were one (`MwSt` → mwst,
    // `E-mail` → email, `Time Stamp` → timestamp).
    var tokens: [String] = []
    tokens.reserveCapacity(pieces.count)
    var k = 0
    while k < pieces.count {
      if k + 1 < pieces.count,
        !knownWords.contains(pieces[k]) || !knownWords.contains(pieces[k + 1]),
        knownWords.contains(pieces[k] + pieces[k + 1])
      {
        tokens.append(pieces[k] + pieces[k + 1])
        k += 2
      } else {
        tokens.append(pieces[k])
        k += 1
      }
    }
    tokens.removeAll { joiningWords.contains($0) }
    for (k, token) in tokens.enumerated() {
      if knownWords.contains(token) {
        words.append(token)
      } else if let parts = compound(Array(token)) {
        words.append(contentsOf: parts)
      } else if k + 1 < tokens.count, let stem = linkedStem(token) {
        words.append(stem)  // `Rechnungs-Nr.`
      } else {
        words.append(token)
      }
    }
    return words
  }

  /// A known word of five letters or more followed by the German linking `s` (`rechnungs` →
  /// rechnung), or `nil`. Shorter words are left alone: `days` in `days_between` is no `day`.
  static func linkedStem(_ word: String) -> String? {
    guard word.count > 5, word.hasSuffix("s") else { return nil }
    let stem = String(word.dropLast())
    return knownWords.contains(stem) ? stem : nil
  }

  /// `word` as two or more known words of two letters or more, the longest first word first; a
  /// part other than the last may end in the German linking `s` (`Rechnungs|nummer`); `nil`
  /// when it is not one. Words of over 40 letters are not split.
  static func compound(_ word: [Character]) -> [String]? {
    let n = word.count
    guard n >= 4, n <= 40 else { return nil }
    // split[i]: the parts of word[i...], found from the end; .some(nil) when it has none.
    var split = [[String]??](repeating: nil, count: n + 1)
    split[n] = .some([])
    for i in stride(from: n - 2, through: 0, by: -1) {
      var found: [String]? = nil
      for cut in stride(from: i == 0 ? n - 2 : n, through: i + 2, by: -1) {
        guard case .some(.some(let rest)) = split[cut] else { continue }
        var head = String(word[i..<cut])
        if !knownWords.contains(head) {
          guard cut < n, let stem = linkedStem(head) else { continue }
          head = stem
        }
        found = [head] + rest
        break
      }
      split[i] = .some(found)
    }
    guard case .some(.some(let parts)) = split[0], parts.count >= 2 else { return nil }
    return parts
  }

  /// Words that name some role with weight 2 or more.
  static let strongWords: Set<String> = {
    var all = Set<String>()
    for role in ColumnRole.allCases {
      all.formUnion(role.vocabulary.filter { $0.value >= 2 }.keys)
    }
    return all
  }()

  /// Every word some role knows (a word no role knows makes a name less likely for any).
  static let knownWords: Set<String> = {
    var all = Set<String>()
    for role in ColumnRole.allCases {
      all.formUnion(role.vocabulary.keys)
      all.formUnion(role.contrary.keys)
      all.formUnion(role.companions.keys)
    }
    return all
  }()

  /// The score that values written as order numbers (`#1001`) give the invoice role: as much as
  /// a strong header word.
  static let orderNumberValues = 3.0

  /// The score an invoice candidate whose sampled values repeat (several lines per order) gains
  /// over one whose values are all different.
  static let repeatedValues = 1.0

  /// Whether a header has a word of `role`'s vocabulary, however low it scored (`From Email
  /// Address`): a candidate to name when detection left the role out.
  package static func mentions(_ role: ColumnRole, in name: String) -> Bool {
    words(of: name).contains { role.vocabulary[$0] != nil }
  }

  /// Whether a header that mentions `role` says it holds a kind, a state or a count of it
  /// rather than one (`Customer type`, `Order Status`, `Customer Count`): a word against the
  /// role other than a name (`Customer Name` may be all a log has to tell customers apart).
  package static func namesAKind(of role: ColumnRole, in name: String) -> Bool {
    words(of: name).contains { word in
      role.vocabulary[word] == nil && role.contrary[word] != nil && !nameWords.contains(word)
    }
  }

  /// Words for a name, in the languages of the vocabularies.
  static let nameWords: Set<String> = [
    "name", "namen", "nom", "nombre", "nome", "naam", "namn", "navn", "nazwa", "název", "nimi",
    "név",
  ]

  /// Whether some non-empty value occurs twice among `values` (the first rows of a column).
  static func valuesRepeat(_ values: [String]) -> Bool {
    var seen = Set<String>()
    for v in values where !v.isEmpty {
      if !seen.insert(v).inserted { return true }
    }
    return false
  }

  /// Finds roles by scored names: each header's words are scored for each role, a column whose
  /// sampled values cannot play a role scores nothing for it, and the assignment with the
  /// highest total (one column per role, one role per column) wins. Explicit columns are taken
  /// first. Without a quantity column a `price` column is the line amount (one item per line).
  ///
  /// - Parameters:
  ///   - names: the header.
  ///   - explicit: columns named with options.
  ///   - kinds: what the first rows hold, per column (empty: unknown).
  ///   - repeating: per column, whether a value repeats in the first rows (empty: unknown); an
  ///     invoice candidate whose values repeat gains ``repeatedValues``.
  ///   - numbersMayBeDates: whether numbers can be the date (a `dateformat=` that reads them:
  ///     Excel serial days or day numbers).
  /// - Throws: ``RoleLookupFailure`` when an explicit column does not exist.
  public static func detect(
    in names: [String],
    explicit: [ColumnRole: String] = [:],
    kinds: [SampledKind],
    repeating: [Bool] = [],
    numbersMayBeDates: Bool = false
  ) throws(RoleLookupFailure) -> ColumnRoles {
    var roles = try explicitRoles(in: names, explicit: explicit)
    let taken = Set(roles.columns.values)
    let free = ColumnRole.allCases.filter { roles[$0] == nil }
    let candidates = names.indices.filter { !taken.contains(names[$0]) }
    var scores = [[Double]](
      repeating: [Double](repeating: 0, count: candidates.count), count: free.count)
    var matched = scores.map { $0.map { _ in [String]() } }
    let words = names.map(ColumnRoles.words(of:))
    for (r, role) in free.enumerated() {
      for (k, j) in candidates.enumerated() {
        let kind = j < kinds.count ? kinds[j] : .unknown
        var (s, w) = score(role, tokens: words[j])
        if role == .invoice && kind == .orderNumber {
          // Values such as `#1001` are order numbers whatever the header (Shopify's `Name`).
          s = max(s, 0) + ColumnRoles.orderNumberValues
          w.append("values #1001")
        }
        if role == .invoice && s >= 3 && j < repeating.count && repeating[j] {
          // Lines of one order share its number; a line's own id (Etsy's `Transaction ID`
          // beside `Order ID`) does not repeat. Only a header that names an order or invoice
          // outright gains (`tran_amount`'s amounts repeat too).
          s += ColumnRoles.repeatedValues
        }
        if s > 0 {
          // A column whose first values do not fit the role (text in a `Quantity` column,
          // serial numbers under `dateformat=excel`) keeps a fifth of its score: a fitting
          // column with a good name wins, but a misfit that is the only candidate still gets
          // the role, so that the loader reads it and names the bad value's line and column
          // instead of silently leaving the role out.
          let fits =
            role.accepts(kind, name: names[j])
            || (role == .date && numbersMayBeDates && kind == .number)
          // A time of day without a date is known not to be the date: no score at all.
          scores[r][k] = fits ? s : role == .date && kind == .timeOfDay ? 0 : s / 5
          matched[r][k] = w
        }
      }
    }
    // The best total: the Hungarian algorithm on negated scores (ties by role and column order).
    let costs = scores.flatMap { $0.map { -$0 } }
    let assignment = OptimalAssignment.minimizingCost(
      costs, rows: free.count, columns: candidates.count)
    for (r, role) in free.enumerated() {
      guard let k = assignment[r], scores[r][k] > 0 else { continue }
      let name = names[candidates[k]]
      if role == .invoice, candidates[k] < repeating.count, repeating[candidates[k]],
        scores[r][k] >= 3 + ColumnRoles.repeatedValues,
        scores[r].indices.contains(where: { k2 in
          k2 != k && scores[r][k2] > 0 && !(candidates[k2] < repeating.count && repeating[candidates[k2]])
        })
      {
        matched[r][k].append("lines share its values")
      }
      roles[role] = name
      var runnerUp: String? = nil
      var best = 0.0
      for (k2, s) in scores[r].enumerated() where k2 != k && s * 3 >= scores[r][k] && s > best {
        best = s
        runnerUp = names[candidates[k2]]
      }
      roles.choices[role] = RoleChoice(words: matched[r][k], runnerUp: runnerUp, isExplicit: false)
    }
    if roles[.date] == nil, explicit[.date] == nil,
      [.amount, .price, .invoice, .quantity].contains(where: { roles[$0] != nil })
    {
      // A log whose date column's name says nothing of dates (`when`, or a language we do not
      // score): the one free column whose sampled values are all dates and whose header has no
      // word for or against a date (Olist's `shipping_limit_date` beside a price is no purchase
      // date, and it scored too low for a reason).
      let assigned = Set(roles.columns.values)
      let (vocabulary, contrary) = (ColumnRole.date.vocabulary, ColumnRole.date.contrary)
      let dated = names.indices.filter {
        $0 < kinds.count && kinds[$0] == .date && !assigned.contains(names[$0])
          && words[$0].allSatisfy { vocabulary[$0] == nil && contrary[$0] == nil }
      }
      if dated.count == 1 {
        roles[.date] = names[dated[0]]
        roles.choices[.date] = RoleChoice(words: ["values are dates"], isExplicit: false)
      }
    }
    if explicit[.amount] == nil, let amount = roles[.amount], roles[.quantity] != nil,
      roles[.price] != nil, let j = names.firstIndex(of: amount), j < kinds.count,
      !ColumnRole.amount.accepts(kinds[j], name: amount)
    {
      // A misfit amount beside a quantity and a price is not needed: the line value is their
      // product, and reading the misfit would stop the load at its first value.
      roles[.amount] = nil
      roles.choices[.amount] = nil
    }
    if explicit[.amount] != nil, explicit[.price] == nil, roles[.price] != nil {
      // An amount named with an option is the line's value: a price found by its name is not
      // multiplied by the quantity instead (Kaggle's sales_data_sample: `amount=SALES` beside a
      // `PRICEEACH` capped at 100).
      roles[.price] = nil
      roles.choices[.price] = nil
    }
    if roles[.quantity] == nil, roles[.amount] == nil, explicit[.price] == nil,
      let price = roles[.price]
    {
      roles[.price] = nil
      roles[.amount] = price
      var choice = roles.choices[.price] ?? RoleChoice(words: [], isExplicit: false)
      choice.words.append("no quantity: one item per line")
      roles.choices[.price] = nil
      roles.choices[.amount] = choice
    }
    if roles[.product] == nil, explicit[.description] == nil, let description = roles[.description]
    {
      // Without product codes the item names are the products (`itemDescription` of a basket
      // log): distinct products and affinity count them. Unless no sampled name repeats: a
      // payment export's `Description` (`Order 1001`, one per payment) names no product, and
      // affinity groups of one order each would be noise.
      if let j = names.firstIndex(of: description), j < repeating.count, !repeating[j] {
        roles.choices[.description]?.words.append("values do not repeat: not products")
        return roles
      }
      roles[.description] = nil
      roles[.product] = description
      var choice = roles.choices[.description] ?? RoleChoice(words: [], isExplicit: false)
      choice.words.append("no product code: names are the products")
      roles.choices[.description] = nil
      roles.choices[.product] = choice
    }
    return roles
  }
}
