namespace Homelab.Conformance.Reports.Html;

/// <summary>The page's whole stylesheet: light and dark by prefers-color-scheme, and a print layout.</summary>
internal static class PageStyle
{
    public const string Css = """
:root {
  --bg: #f6f7f9; --surface: #ffffff; --text: #1b1f24; --muted: #5b6470; --border: #d9dde3; --code: #eef0f3;
  --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #c62828; --fail-bg: #ffe3e3; --inc: #9a6700; --inc-bg: #fff4c2;
  --waived: #6639ba; --waived-bg: #ede4ff; --error: #8b1a5c; --error-bg: #ffd8ec; --none: #6e7781; --none-bg: #eceff2;
  --na: #0a6c80; --na-bg: #dcf3f7; --link: #0b5cad; --accent: #24292f;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f1216; --surface: #171b21; --text: #e6e9ee; --muted: #9aa4b1; --border: #2c333c; --code: #222830;
    --pass: #4ac26b; --pass-bg: #12331d; --fail: #ff7b72; --fail-bg: #3d1516; --inc: #e3b341; --inc-bg: #3a2e0c;
    --waived: #b392f0; --waived-bg: #2a1d47; --error: #f778ba; --error-bg: #3d1029; --none: #8b949e; --none-bg: #262c33;
    --na: #56c7dc; --na-bg: #0e3038; --link: #6cb6ff; --accent: #0b0e12;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--text); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
code, .rule-id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .88em; }
code { background: var(--code); padding: .05em .35em; border-radius: 4px; overflow-wrap: anywhere; }
a { color: var(--link); }
.wrap, main { max-width: 1200px; margin: 0 auto; padding: 0 24px; }
.muted, .empty { color: var(--muted); }
.sym { display: inline-block; min-width: 1em; text-align: center; font-weight: 700; }

.page-header { background: var(--accent); color: #f3f5f7; padding: 28px 0 0; border-bottom: 6px solid var(--fail); }
.page-header.verdict-pass { border-bottom-color: var(--pass); }
.eyebrow { margin: 0; text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: #aab3bf; }
.verdict { margin: 4px 0 2px; font-size: 34px; line-height: 1.2; display: flex; align-items: center; gap: 12px; }
.verdict .sym { width: 44px; height: 44px; line-height: 44px; border-radius: 50%; font-size: 26px; color: #fff; background: #d73a3a; }
.verdict-pass .verdict .sym { background: #2da44e; }
.verdict-why { margin: 0 0 16px; color: #cfd6de; }
.spec-note { margin: -8px 0 16px; padding: 6px 10px; border-left: 3px solid #e0b341; color: #f3e3b5; }
.meta { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 8px 24px; margin: 0 0 18px; }
.meta dt { font-size: 11px; text-transform: uppercase; letter-spacing: .06em; color: #aab3bf; }
.meta dd { margin: 0; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; overflow-wrap: anywhere; }
.toc { display: flex; gap: 4px; flex-wrap: wrap; padding-bottom: 0; }
.toc a { color: #dfe5ec; text-decoration: none; padding: 6px 12px; border-radius: 6px 6px 0 0; font-size: 14px; }
.toc a:hover, .toc a:focus { background: rgba(255,255,255,.12); }

section { margin: 28px 0; }
h2 { font-size: 22px; margin: 0 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--border); }
h3 { font-size: 16px; margin: 20px 0 8px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(250px, 1fr)); gap: 16px; }
.card { background: var(--surface); border: 1px solid var(--border); border-radius: 10px; padding: 14px 18px; }
.card h3 { margin: 0 0 8px; font-size: 15px; }
.counts { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: 1fr 1fr; gap: 2px 12px; }
.counts li { display: flex; align-items: center; gap: 6px; }
.counts.single { grid-template-columns: 1fr; }
.meta .wide { grid-column: span 2; }
.counts li.zero { color: var(--muted); }
.counts strong { min-width: 1.6em; text-align: right; }
.dot { width: 18px; height: 18px; line-height: 18px; border-radius: 50%; font-size: 11px; font-weight: 700; text-align: center; }
.bar { display: flex; height: 10px; border-radius: 5px; overflow: hidden; margin-top: 12px; background: var(--none-bg); }
.bar span { display: block; height: 100%; }
.bar .o-pass { background: var(--pass); } .bar .o-fail { background: var(--fail); } .bar .o-inconclusive { background: var(--inc); }
.bar .o-waived { background: var(--waived); } .bar .o-error { background: var(--error); } .bar .o-notApplicable { background: var(--na); }

.o-pass { --c: var(--pass); --cb: var(--pass-bg); } .o-fail { --c: var(--fail); --cb: var(--fail-bg); }
.o-inconclusive { --c: var(--inc); --cb: var(--inc-bg); } .o-waived { --c: var(--waived); --cb: var(--waived-bg); }
.o-error { --c: var(--error); --cb: var(--error-bg); } .o-none { --c: var(--none); --cb: var(--none-bg); }
.o-notApplicable { --c: var(--na); --cb: var(--na-bg); }
.badge { display: inline-flex; align-items: center; gap: 4px; padding: 1px 9px 1px 6px; border-radius: 999px; font-size: 12.5px; font-weight: 600;
  color: var(--c); background: var(--cb); border: 1px solid var(--c); white-space: nowrap; line-height: 1.5; }
.dot { color: var(--c); background: var(--cb); border: 1px solid var(--c); }

table { width: 100%; border-collapse: collapse; background: var(--surface); border: 1px solid var(--border); border-radius: 10px; overflow: hidden; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--border); vertical-align: top; }
thead th { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); background: var(--code); }
tbody tr:last-child > * { border-bottom: 0; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.zero { color: var(--muted); }
td.hot { color: var(--c); background: var(--cb); font-weight: 700; }
.areas th[scope=row] { font-weight: 600; }

.filter { margin: 0 0 10px; }
.rule-head, .rule > summary { display: grid; grid-template-columns: 120px minmax(0, 1fr) 160px 160px; gap: 12px; align-items: start; }
.rule-head { padding: 0 14px 4px 38px; font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
h3.area { margin: 18px 0 6px; font-size: 13px; text-transform: uppercase; letter-spacing: .08em; color: var(--muted); }
.rule { background: var(--surface); border: 1px solid var(--border); border-left: 5px solid var(--c); border-radius: 8px; margin: 0 0 8px; }
.rule > summary { list-style: none; cursor: pointer; padding: 10px 14px 10px 14px; position: relative; padding-left: 34px; }
.rule > summary::-webkit-details-marker { display: none; }
.rule > summary::before { content: "\25B8"; position: absolute; left: 14px; top: 10px; color: var(--muted); }
.rule[open] > summary::before { content: "\25BE"; }
.rule > summary:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
.rule-id { font-weight: 700; padding-top: 1px; }
.rule-title { display: block; font-weight: 600; }
.claim { display: block; color: var(--muted); font-size: 13.5px; }
.side-label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.rule-body { padding: 4px 16px 14px 34px; border-top: 1px solid var(--border); }
.remediation { margin: 10px 0; }
.sides { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 16px; }
.docs-claims { margin: 4px 0; padding-left: 18px; } .docs-claims q { color: var(--muted); }
.side-detail h4 { margin: 6px 0 8px; font-size: 14px; display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.elapsed { color: var(--muted); font-weight: 400; font-size: 12px; }
.findings { list-style: none; margin: 0; padding: 0; }
.finding { display: flex; gap: 8px; align-items: flex-start; padding: 6px 0; border-top: 1px dashed var(--border); }
.finding:first-child { border-top: 0; }
.finding .badge { flex: none; }
.finding.o-pass .badge { opacity: .85; }
.finding-body { min-width: 0; }
.msg { margin: 0; }
.expected-found { display: grid; grid-template-columns: auto 1fr; gap: 0 8px; margin: 4px 0; font-size: 13px; }
.expected-found dt { color: var(--muted); }
.expected-found dd { margin: 0; }
.evidence { display: block; font-size: 13px; margin-top: 2px; }
.evidence > * + * { margin-left: 6px; }
.ev-type { font-size: 11px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); border: 1px solid var(--border); border-radius: 4px; padding: 0 4px; }
.ev-link { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .92em; overflow-wrap: anywhere; }
.waiver { border: 1px solid var(--waived); background: var(--waived-bg); border-radius: 6px; padding: 6px 10px; margin: 0 0 8px; }
.waiver p { margin: 0 0 2px; }
.waiver .sym { margin-right: 4px; color: var(--waived); }
.waiver.expired .sym { color: var(--fail); }
.waiver.expired, tr.expired { border-color: var(--fail); background: var(--fail-bg); }
.expired-mark { color: var(--fail); text-transform: uppercase; }
body:has(#only-open:checked) .rule.all-pass { display: none; }

.drift .value { margin: 0 0 4px; }
.chart { margin: 0 0 12px; background: var(--surface); border: 1px solid var(--border); border-radius: 10px; padding: 12px; overflow-x: auto; }
.chart svg { display: block; max-width: 100%; height: auto; }
.chart rect.o-pass { fill: var(--pass); } .chart rect.o-fail { fill: var(--fail); } .chart rect.o-inconclusive { fill: var(--inc); }
.chart rect.o-waived { fill: var(--waived); } .chart rect.o-error { fill: var(--error); } .chart rect.o-notApplicable { fill: var(--na); }
.chart .grid { stroke: var(--border); stroke-width: 1; }
.chart .tick { fill: var(--muted); font-size: 10px; }
.chart .tick.now { font-weight: 700; fill: var(--text); }
.legend { display: flex; gap: 6px; align-items: center; font-size: 13px; color: var(--muted); margin-top: 6px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; background: var(--c); margin-left: 8px; }
tr.current > * { font-weight: 600; }
footer { color: var(--muted); font-size: 12.5px; padding: 12px 24px 32px; border-top: 1px solid var(--border); margin-top: 32px; }

@media (max-width: 760px) {
  .rule-head { display: none; }
  .rule > summary { grid-template-columns: 1fr 1fr; }
  .rule-text { grid-column: 1 / -1; grid-row: 2; }
  .sides { grid-template-columns: 1fr; }
}
@media print {
  body { background: #fff; color: #000; font-size: 11pt; }
  .no-print, .toc { display: none; }
  .page-header { background: #fff; color: #000; border-bottom-width: 3px; padding-top: 0; }
  .eyebrow, .verdict-why, .spec-note, .meta dt { color: #333; }
  .verdict .sym { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .badge, .dot, .rule, td.hot, .bar, .chart rect, .swatch { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .rule, table, .card, .chart, tr { break-inside: avoid; }
  a { color: inherit; }
  .rule > summary::before { content: none; }
  body:has(#only-open:checked) .rule.all-pass { display: block; }
}
""";
}
