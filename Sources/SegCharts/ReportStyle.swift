/// The report's style sheet: system fonts only, responsive, and print-friendly.
enum ReportStyle {
  static let css = """
    :root { color-scheme: light; }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 980px; padding: 24px 28px 48px; color: #222222;
      background: #FFFFFF; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto,
      Helvetica, Arial, sans-serif; }
    header { border-bottom: 3px solid #0072B2; margin-bottom: 8px; padding-bottom: 8px; }
    h1 { font-size: 1.75rem; margin: 0 0 4px; line-height: 1.2; }
    h2 { font-size: 1.3rem; margin: 36px 0 10px; padding-top: 6px; border-top: 1px solid #DDDDDD; }
    h3 { font-size: 1.05rem; margin: 22px 0 8px; }
    .subtitle { color: #555555; margin: 0; }
    nav ol { margin: 12px 0 0; padding-left: 1.3em; columns: 2; column-gap: 32px; }
    nav a { color: #0B5A8E; }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 0; }
    dl.facts dt { color: #555555; }
    dl.facts dd { margin: 0; overflow-wrap: anywhere; }
    code, pre, .mono { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace;
      font-size: 0.88em; }
    pre { background: #F5F6F7; border: 1px solid #E1E4E8; border-radius: 4px; padding: 10px 12px;
      overflow-x: auto; white-space: pre; }
    .table-wrap { overflow-x: auto; margin: 8px 0 16px; -webkit-overflow-scrolling: touch; }
    table { border-collapse: collapse; min-width: 60%; font-size: 0.92rem; }
    caption { text-align: left; font-weight: 600; padding: 4px 0 6px; }
    th, td { padding: 5px 10px; border-bottom: 1px solid #E3E3E3; text-align: left; vertical-align: top; }
    thead th { border-bottom: 2px solid #999999; background: #FAFAFA; vertical-align: bottom; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    td.num { white-space: nowrap; }
    tfoot td { font-weight: 600; border-top: 2px solid #999999; border-bottom: none; }
    tr.chosen td { background: #FFF4E5; font-weight: 600; }
    .swatch { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 2px;
      margin-right: 6px; vertical-align: -0.05em; }
    td.segment { white-space: nowrap; font-weight: 600; }
    td.action { min-width: 14em; }
    figure { margin: 18px 0 26px; }
    figure svg { display: block; width: 100%; height: auto; max-width: 100%; }
    figcaption { color: #555555; font-size: 0.9rem; margin-top: 4px; }
    .callout { background: #F2F8FC; border-left: 4px solid #0072B2; padding: 8px 12px; margin: 10px 0; }
    footer { margin-top: 40px; padding-top: 8px; border-top: 1px solid #DDDDDD; color: #666666;
      font-size: 0.85rem; }
    @media (max-width: 640px) {
      body { padding: 12px 12px 32px; font-size: 14px; }
      h1 { font-size: 1.4rem; }
      nav ol { columns: 1; }
      dl.facts { grid-template-columns: 1fr; }
      dl.facts dt { margin-top: 6px; }
      th, td { padding: 4px 6px; }
    }
    @media print {
      @page { margin: 14mm; }
      body { max-width: none; padding: 0; font-size: 10pt; }
      nav { display: none; }
      h2 { break-after: avoid; page-break-after: avoid; }
      figure, table, pre, .callout { break-inside: avoid; page-break-inside: avoid; }
      .table-wrap { overflow: visible; }
      table { font-size: 8.5pt; min-width: 0; }
      th, td { padding: 3px 6px; }
      td.segment { white-space: normal; }
      pre { white-space: pre-wrap; }
      a { color: inherit; text-decoration: none; }
      thead th, tr.chosen td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      .swatch { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    }
    """
}
