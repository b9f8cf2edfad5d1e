#!/usr/bin/env python3
"""Writes the Excel workbook fixtures of the xlsx reader and their oracle values.

Run from the repository root with openpyxl installed (e.g. in a venv):
    python scripts/make_xlsx_fixtures.py

Writes to Tests/SegCoreTests/Fixtures/xlsx/:
- retail_sample.xlsx: Tests/SegCoreTests/Fixtures/retail_sample.csv as a workbook (numbers as
  numbers, dates as date cells with a custom format, text as shared strings). Loaded by seg it
  must give the CSV's load summary (but for the file line) and the same rfm.
- kinds.xlsx: every kind of cell on sheet "Cells" (shared and rich-text strings, integers,
  decimals, booleans, empty cells, sparse rows and a skipped row, dates with built-in formats 14
  and 22 and a custom format, a time, entities and numeric character references), a second sheet
  "Second", and a third sheet "Inline" whose XML is written by hand: inline strings (<is><t>,
  rich-text runs), an `x:` namespace prefix, cells without references, a CDATA section.
- not_a_workbook.zip: a ZIP archive without a workbook in it.
- date1904.xlsx: dates in the 1904 date system (workbookPr date1904="1").
- grouped_report.xlsx: QuickBooks' "Sales by Customer Detail" exported to Excel: title rows of
  one cell above the header, a blank first header cell, a name row per customer, "Total for"
  rows and a grand TOTAL. Its oracle is the same report as CSV text (GroupedReportTests).
- split_sheets.xlsx: one log split into sheets by year, as the UCI site ships Online Retail
  II ("Year 2009-2010", "Year 2010-2011", same header), with a "Notes" sheet of another header
  and an empty "Sheet4". Its oracle split_sheets.expected.csv is the two year sheets' rows
  under one header, as openpyxl reads them. split_sheets_bad.xlsx is the same with text in a
  Quantity cell of the second year (D4), for the error's cell name.
- <name>.<sheet>.expected.csv: each sheet as openpyxl reads it back, written as CSV text
  (datetimes as YYYY-MM-DD HH:MM:SS, times as HH:MM:SS, booleans TRUE/FALSE, floats by repr,
  missing cells empty, rows with no value left out): the oracle the tests compare seg's reading
  of the workbook with.
"""
import csv
import datetime as dt
import io
import os
import zipfile

import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import CALENDAR_MAC_1904

OUT = os.path.join("Tests", "SegCoreTests", "Fixtures", "xlsx")
SAMPLE = os.path.join("Tests", "SegCoreTests", "Fixtures", "retail_sample.csv")


def typed(text):
    """A CSV field as the value an analyst's workbook would hold."""
    if text == "":
        return None
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        pass
    try:
        return dt.datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return text


def retail_sample():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Online Retail"
    with open(SAMPLE, newline="") as f:
        for k, row in enumerate(csv.reader(f)):
            values = row if k == 0 else [typed(v) for v in row]
            ws.append(values)
            if k > 0:
                for cell in ws[ws.max_row]:
                    if isinstance(cell.value, dt.datetime):
                        cell.number_format = "yyyy-mm-dd hh:mm:ss"
    path = os.path.join(OUT, "retail_sample.xlsx")
    wb.save(path)
    return path


def kinds():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Cells"
    ws.append(["id", "text", "integer", "decimal", "flag", "day", "when", "custom", "time", "note"])
    rich = CellRichText(["Rich ", TextBlock(InlineFont(b=True), "bold"), " text"])
    rows = [
        [1, "plain", 42, 2.55, True, dt.datetime(2010, 12, 1), dt.datetime(2010, 12, 1, 8, 26),
         dt.datetime(2011, 2, 13, 17, 5, 9), dt.time(8, 26, 30), "a, b & \"c\" <d>"],
        [2, rich, -7, 0.1, False, dt.datetime(1900, 3, 1), dt.datetime(2011, 12, 9, 12, 50),
         dt.datetime(1999, 12, 31, 23, 59, 59), dt.time(0, 0, 1), "line\nbreak"],
        [3, None, None, 1e-3, None, None, None, None, None, "Ünïcödé €"],
        # A skipped row comes next: row 5 has no cells at all.
        None,
        [5, "sparse", None, None, None, None, dt.datetime(2011, 1, 2, 3, 4, 5), None, None, "far"],
        [6, "'apostrophe'", 123456789012, -1234.5678, True, dt.datetime(2011, 6, 30), None,
         dt.datetime(2011, 7, 1, 0, 0), None, "x"],
    ]
    for r in rows:
        ws.append([] if r is None else r)
    for row in ws.iter_rows(min_row=2):
        row[5].number_format = "mm-dd-yy"  # built-in 14
        row[6].number_format = "m/d/yy h:mm"  # built-in 22
        row[7].number_format = "dd/mm/yyyy\\ hh:mm:ss;@"  # custom, with an escape
        row[8].number_format = "h:mm:ss"  # built-in 21
    ws2 = wb.create_sheet("Second")
    ws2.append(["customer", "amount"])
    ws2.append([12346, 77183.6])
    ws2.append([12347, 4310.0])
    ws3 = wb.create_sheet("Inline")
    ws3.append(["placeholder"])
    buffer = io.BytesIO()
    wb.save(buffer)
    # The third sheet by hand: inline strings, rich-text runs, an x: prefix, cells without
    # references, entities, numeric character references, a CDATA section.
    inline = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<x:dimension ref="A1:C4"/><x:sheetData>'
        '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>name</x:t></x:is></x:c>'
        '<x:c r="B1" t="inlineStr"><x:is><x:t>value</x:t></x:is></x:c>'
        '<x:c r="C1" t="inlineStr"><x:is><x:t>remark</x:t></x:is></x:c></x:row>'
        '<x:row r="2"><x:c t="inlineStr"><x:is><x:r><x:t xml:space="preserve">run </x:t></x:r>'
        '<x:r><x:rPr><x:b/></x:rPr><x:t>two</x:t></x:r></x:is></x:c>'
        '<x:c><x:v>1.5</x:v></x:c>'
        '<x:c t="inlineStr"><x:is><x:t>caf&#233; &#x263A; &amp; &lt;tag&gt; &quot;q&quot; &apos;a&apos;</x:t></x:is></x:c></x:row>'
        '<!-- a comment --><x:row r="4"><x:c r="A4" t="str"><x:v>formula text</x:v></x:c>'
        '<x:c r="C4" t="inlineStr"><x:is><x:t><![CDATA[<raw> & kept]]></x:t></x:is></x:c></x:row>'
        '</x:sheetData></x:worksheet>'
    )
    path = os.path.join(OUT, "kinds.xlsx")
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet3.xml":
                data = inline.encode("utf-8")
            dst.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
    return path


def date1904():
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Mac"
    ws.append(["CustomerID", "InvoiceDate", "Amount"])
    ws.append([1, dt.datetime(1904, 1, 2, 6), 10.0])
    ws.append([2, dt.datetime(2011, 12, 9, 12, 50), 20.5])
    ws.append([3, dt.datetime(2000, 2, 29, 23, 59, 59), 3.0])
    for row in ws.iter_rows(min_row=2):
        row[1].number_format = "yyyy-mm-dd hh:mm:ss"
    path = os.path.join(OUT, "date1904.xlsx")
    wb.save(path)
    return path


def grouped_report():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sales by Customer Detail"
    ws.append(["Craig's Design and Landscaping Services"])
    ws.append(["Sales by Customer Detail"])
    ws.append(["January 1 - December 31, 2021"])
    ws.append([])
    ws.append([None, "Date", "Transaction Type", "Num", "Product/Service", "Qty", "Sales Price",
               "Amount", "Balance"])
    rows = [
        ["Amy's Bird Sanctuary"],
        [None, dt.datetime(2021, 1, 5), "Invoice", 1001, "Design", 2, 75, 150, 150],
        [None, dt.datetime(2021, 2, 10), "Invoice", 1010, "Lighting", 1, 45, 45, 195],
        ["Total for Amy's Bird Sanctuary", None, None, None, None, None, None, 195],
        ["Bill's Windsurf Shop"],
        [None, dt.datetime(2021, 3, 15), "Invoice", 1020, "Gardening", 3, 30, 90, 90],
        [None, dt.datetime(2021, 4, 20), "Sales Receipt", 1030, "Rocks", 1, 1200, 1200, 1290],
        ["Total for Bill's Windsurf Shop", None, None, None, None, None, None, 1290],
        ["TOTAL", None, None, None, None, None, None, 1485],
    ]
    for row in rows:
        ws.append(row)
        if isinstance(row[1] if len(row) > 1 else None, dt.datetime):
            ws.cell(ws.max_row, 2).number_format = "mm/dd/yyyy"
    path = os.path.join(OUT, "grouped_report.xlsx")
    wb.save(path)
    return path


def split_sheets(bad=False):
    wb = openpyxl.Workbook()
    header = ["Invoice", "StockCode", "Description", "Quantity", "InvoiceDate", "Price",
              "Customer ID", "Country"]
    years = [("Year 2009-2010", dt.datetime(2009, 12, 1, 7, 45), 489434),
             ("Year 2010-2011", dt.datetime(2010, 12, 1, 8, 26), 536365)]
    items = [("85048", "15CM CHRISTMAS GLASS BALL 20 LIGHTS", 6.95),
             ("79323P", "PINK CHERRY LIGHTS", 6.75), ("22041", "RECORD FRAME 7\" SINGLE SIZE", 2.1)]
    expected = [header]
    for k, (title, start, invoice) in enumerate(years):
        ws = wb.active if k == 0 else wb.create_sheet(title)
        ws.title = title
        ws.append(header)
        for r in range(12):
            code, text, price = items[r % 3]
            quantity = (r % 5 + 1) * (-1 if r == 7 else 1)
            number = ("C" if r == 7 else "") + str(invoice + r // 3)
            row = [number, code, text, quantity, start + dt.timedelta(hours=5 * r), price,
                   float(13085 + r % 4 + 10 * k), "United Kingdom"]
            if bad and k == 1 and r == 2:
                row[3] = "twelve"
            ws.append(row)
            ws.cell(ws.max_row, 5).number_format = "dd/mm/yyyy hh:mm"
            expected.append([text_of(v) for v in row])
    notes = wb.create_sheet("Notes")
    notes.append(["Field", "Meaning"])
    notes.append(["Invoice", "A 6-digit number; C marks a cancellation"])
    wb.create_sheet("Sheet4")
    path = os.path.join(OUT, "split_sheets_bad.xlsx" if bad else "split_sheets.xlsx")
    wb.save(path)
    if not bad:
        with open(os.path.join(OUT, "split_sheets.expected.csv"), "w", newline="", encoding="utf-8") as f:
            csv.writer(f, lineterminator="\n").writerows(expected)
    return path


def text_of(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(v, dt.time):
        return v.strftime("%H:%M:%S")
    if isinstance(v, float):
        return repr(v)
    return str(v)


def oracle(path):
    """Each sheet as openpyxl reads it, as CSV text (see the module's discussion)."""
    wb = openpyxl.load_workbook(path, rich_text=False)
    name = os.path.basename(path)[: -len(".xlsx")]
    for ws in wb.worksheets:
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        rows = [r for r in rows if any(v is not None for v in r)]
        header = rows[0]
        width = max(k for k, v in enumerate(header) if v is not None) + 1
        out = os.path.join(OUT, f"{name}.{ws.title}.expected.csv")
        with open(out, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            for r in rows:
                w.writerow([text_of(v) for v in (list(r) + [None] * width)[:width]])
        print("wrote", out)


def main():
    os.makedirs(OUT, exist_ok=True)
    print("wrote", retail_sample())  # its oracle is the CSV it was made from
    # A ZIP archive that is not a workbook.
    with zipfile.ZipFile(os.path.join(OUT, "not_a_workbook.zip"), "w") as z:
        z.writestr("readme.txt", "not a spreadsheet\n")
    for path in [kinds(), date1904()]:
        print("wrote", path)
        oracle(path)
    print("wrote", grouped_report())
    print("wrote", split_sheets())
    print("wrote", split_sheets(bad=True))


if __name__ == "__main__":
    main()
