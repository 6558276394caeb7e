#pragma once
// The report's stylesheet: screen, phones (≤ 600 px: cards two abreast, tables scroll
// sideways) and A4 print (rows never split, table heads repeated, page numbers in the
// @page margin boxes, which Chromium prints from version 131 on).
namespace jiandu::report {

inline constexpr const char* kReportCss = R"css(
:root { --ink:#1f2328; --muted:#59636e; --line:#d0d7de; --red:#b42318; --amber:#b54708; --green:#067647; --blue:#175cd3; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 1100px; padding: 28px 36px; font-size: 14px; line-height: 1.55; }
h1 { font-size: 26px; margin: 0 0 4px; letter-spacing: 2px; text-align: center; }
.sub { text-align: center; color: var(--muted); margin-bottom: 18px; }
h2 { font-size: 18px; border-left: 5px solid var(--red); padding-left: 10px; margin: 28px 0 12px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
a { color: var(--blue); text-decoration: none; }
nav.toc { border: 1px solid var(--line); border-radius: 6px; padding: 8px 16px; margin: 0 0 18px; }
nav.toc b { display: block; margin-bottom: 2px; }
nav.toc ol { margin: 0; padding-left: 20px; columns: 2; }
.banner { border: 2px solid var(--red); background: #fef3f2; color: var(--red); font-weight: 600; padding: 10px 14px;
          border-radius: 6px; margin: 0 0 16px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(120px, 1fr)); gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; }
.card b { display: block; font-size: 26px; }
.card.red b { color: var(--red); } .card.amber b { color: var(--amber); } .card.green b { color: var(--green); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; white-space: nowrap; }
tfoot td { font-weight: 600; background: #f6f8fa; }
tr { break-inside: avoid; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.z { text-align: right; color: #afb8c1; }
td.nw { white-space: nowrap; font-variant-numeric: tabular-nums; }
.bar { background: #fde2c8; height: 14px; display: inline-block; vertical-align: middle; margin-right: 6px; max-width: 60%; }
.tag { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; border: 1px solid var(--line); white-space: nowrap; }
.tag.red { color: var(--red); border-color: var(--red); }
.tag.amber { color: var(--amber); border-color: var(--amber); }
.tag.green { color: var(--green); border-color: var(--green); }
.tag.altered { color: #fff; background: var(--red); border-color: var(--red); }
td.hot { color: var(--red); font-weight: 600; }
.alert { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; margin: 10px 0; break-inside: avoid; }
.alert.altered { border-color: var(--red); }
.alert .meta { color: var(--muted); font-size: 12.5px; }
ol.trail { margin: 6px 0 0; padding-left: 20px; }
ol.trail li { margin: 3px 0; break-inside: avoid; }
ol.trail li.altered { color: var(--red); }
ol.trail .when { color: var(--muted); font-variant-numeric: tabular-nums; margin-right: 6px; }
.muted { color: var(--muted); }
.legend { font-size: 12.5px; color: var(--muted); }
.prov { color: var(--amber); font-size: 12.5px; }
h2.unjudged { border-left-color: var(--amber); color: var(--amber); }
p.warn { border: 1px solid var(--amber); background: #fffaeb; padding: 8px 12px; border-radius: 6px; }
@media (max-width: 600px) {
  body { padding: 12px; font-size: 13px; }
  h1 { font-size: 20px; letter-spacing: 0; }
  nav.toc ol { columns: 1; }
  .cards { grid-template-columns: repeat(2, 1fr); gap: 8px; }
  .card { padding: 8px 10px; } .card b { font-size: 20px; }
  .scroll { -webkit-overflow-scrolling: touch; }
  .scroll table { min-width: 600px; }
  .alert { padding: 8px 10px; }
}
@media print {
  body { padding: 0; max-width: none; font-size: 10.5pt; }
  a { color: inherit; }
  h2, h3 { break-after: avoid; }
  table { font-size: 9pt; }
  th, td { padding: 3px 5px; }
  thead { display: table-header-group; }
  tfoot { display: table-row-group; }
  .scroll { overflow: visible; }
  .scroll table { min-width: 0; }
  .cards { grid-template-columns: repeat(7, 1fr); }
  .banner, .tag.altered, th, tfoot td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)css";

}  // namespace jiandu::report
