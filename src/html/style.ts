/**
 * The one style sheet of every mailaudit page, inline (a page must open from a mail attachment with no
 * network). Colours are the Okabe–Ito palette, told apart by readers with any common colour-vision
 * deficiency; classes also differ in order and label, never in colour alone. Dark mode follows the
 * reader's system setting; printing drops the colours of the page background only.
 */
export const PAGE_STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1b1b;--muted:#5c5c5c;--line:#d8d8d8;--panel:#f6f6f4;
--aligned:#0072b2;--forwarded:#cc79a7;--authorized-unaligned:#e69f00;--unauthorized:#d55e00;--undecided:#8c8c8c;
--pass:#0072b2;--fail:#d55e00;--ok:#007a5a;--warn:#a65e00;--bad:#c23b00;--rate:#0072b2}
@media (prefers-color-scheme:dark){:root{--bg:#15171a;--fg:#e8e8e6;--muted:#a4a4a0;--line:#3a3d42;--panel:#1e2125;
--aligned:#56b4e9;--pass:#56b4e9;--rate:#56b4e9;--undecided:#77777a;--ok:#3fbf95;--warn:#f0b000;--bad:#ff7a3d}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:76rem;padding:1.25rem;background:var(--bg);color:var(--fg);
font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
h1{font-size:1.55rem;margin:0 0 .25rem}h2{font-size:1.3rem;margin:0}h3{font-size:1.02rem;margin:1.1rem 0 .4rem}
p{margin:.35rem 0}.muted{color:var(--muted)}code,.mono{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.88em;overflow-wrap:anywhere}
header.page{border-bottom:2px solid var(--line);padding-bottom:.75rem;margin-bottom:1rem}
section.domain{border:1px solid var(--line);border-radius:8px;padding:1rem 1.1rem;margin:1.1rem 0;break-inside:avoid-page;
content-visibility:auto;contain-intrinsic-size:auto 1500px}
.domain-head{display:flex;flex-wrap:wrap;gap:.6rem;align-items:baseline;justify-content:space-between}
.figures{display:flex;flex-wrap:wrap;gap:.5rem;margin:.6rem 0}
.figure{background:var(--panel);border-radius:6px;padding:.4rem .7rem;min-width:8.5rem}
.figure b{display:block;font-size:1.2rem}.figure span{color:var(--muted);font-size:.85rem}
.badge{display:inline-block;border-radius:999px;padding:.1rem .65rem;font-weight:600;font-size:.85rem;border:1.5px solid currentColor}
.badge.ok{color:var(--ok)}.badge.warn{color:var(--warn)}.badge.bad{color:var(--bad)}
ul.verdict{margin:.3rem 0 .6rem;padding-left:1.2rem}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:1rem}
figure.chart{margin:0}figure.chart figcaption{font-weight:600;margin-bottom:.2rem}
svg.chart{width:100%;height:auto;display:block;font-size:19px}
svg.chart text{fill:var(--muted)}svg.chart .grid{stroke:var(--line);stroke-width:1}
svg.chart .rate{fill:none;stroke:var(--rate);stroke-width:2.5}svg.chart circle{fill:var(--rate)}
svg.chart .nodata{stroke:var(--muted);stroke-width:1.5}
svg.chart .cols rect{fill:transparent}svg.chart .cols rect:hover{fill:var(--line);fill-opacity:.45}
svg.chart .bar{fill:none}.s-aligned{stroke:var(--aligned)}.s-forwarded{stroke:var(--forwarded)}
.s-authorized-unaligned{stroke:var(--authorized-unaligned)}.s-unauthorized{stroke:var(--unauthorized)}
.s-undecided{stroke:var(--undecided)}.s-pass{stroke:var(--pass)}.s-fail{stroke:var(--fail)}
.c-aligned{fill:var(--aligned);background:var(--aligned)}.c-forwarded{fill:var(--forwarded);background:var(--forwarded)}
.c-authorized-unaligned{fill:var(--authorized-unaligned);background:var(--authorized-unaligned)}
.c-unauthorized{fill:var(--unauthorized);background:var(--unauthorized)}.c-undecided{fill:var(--undecided);background:var(--undecided)}
.c-pass{fill:var(--pass);background:var(--pass)}.c-fail{fill:var(--fail);background:var(--fail)}
.legend{display:flex;flex-wrap:wrap;gap:.2rem .9rem;font-size:.85rem;margin:.25rem 0 0;padding:0;list-style:none}
.legend i{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-right:.3rem;vertical-align:-1px}
.tables{display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:0 1.2rem}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.2rem 0 .6rem}
th,td{text-align:left;padding:.3rem .45rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;color:var(--muted);font-size:.8rem;text-transform:uppercase;letter-spacing:.02em}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td>.mono:first-child{white-space:nowrap}
.class-tag{white-space:nowrap}.class-tag i{display:inline-block;width:.65rem;height:.65rem;border-radius:50%;margin-right:.3rem}
.sev-error{color:var(--bad)}.sev-warning{color:var(--warn)}.sev-notice,.sev-info{color:var(--muted)}
ol.findings{padding-left:1.2rem}ol.findings li{margin:.45rem 0}.fix{color:var(--muted);margin:.1rem 0 0}
details.tree{margin:.15rem 0 .15rem .9rem;border-left:1px solid var(--line);padding-left:.6rem}
details.tree>summary{cursor:pointer}.tree-root{margin-left:0}
.lookups{color:var(--muted);font-size:.85rem;margin-left:.4rem}.over{color:var(--bad);font-weight:600}
footer.page{margin-top:1.5rem;color:var(--muted);font-size:.85rem;border-top:1px solid var(--line);padding-top:.6rem}
@media print{body{max-width:none;padding:0;font-size:11pt}section.domain{border-color:#999}
.cols rect:hover{fill:transparent}a{color:inherit}}
`;
