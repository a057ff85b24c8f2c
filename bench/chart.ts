/**
 * The benchmark's chart as a hand-written SVG: ask latency (p50 dashed, p99 solid) and build
 * time against corpus size, both axes logarithmic, our engine beside the baselines.
 */

export interface ChartPoint {
  readonly passages: number;
  readonly value: number;
}

export interface ChartSeries {
  readonly label: string;
  readonly colour: string;
  readonly dashed?: boolean;
  readonly points: readonly ChartPoint[];
}

export interface ChartPanel {
  readonly title: string;
  readonly unit: string;
  readonly series: readonly ChartSeries[];
}

const W = 460;
const H = 330;
const M = { left: 62, right: 16, top: 34, bottom: 46 };

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function fmt(v: number, unit: string): string {
  if (unit === 'ms' && v >= 1000) return `${+(v / 1000).toPrecision(3)} s`;
  if (v >= 1000) return `${+(v / 1000).toPrecision(3)}k`;
  return `${+v.toPrecision(2)}${unit ? ` ${unit}` : ''}`;
}

/** Powers of ten covering [lo, hi]. */
function decades(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) out.push(10 ** e);
  return out;
}

function panel(p: ChartPanel, x0: number): string {
  const pts = p.series.flatMap((s) => s.points).filter((q) => q.value > 0 && Number.isFinite(q.value));
  if (pts.length === 0) return '';
  const xs = decades(Math.min(...pts.map((q) => q.passages)), Math.max(...pts.map((q) => q.passages)));
  const ys = decades(Math.min(...pts.map((q) => q.value)), Math.max(...pts.map((q) => q.value)));
  const [xlo, xhi] = [Math.log10(xs[0] as number), Math.log10(xs[xs.length - 1] as number)];
  const [ylo, yhi] = [Math.log10(ys[0] as number), Math.log10(ys[ys.length - 1] as number)];
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const X = (v: number): number => x0 + M.left + ((Math.log10(v) - xlo) / (xhi - xlo || 1)) * pw;
  const Y = (v: number): number => M.top + ph - ((Math.log10(v) - ylo) / (yhi - ylo || 1)) * ph;
  const out: string[] = [];
  out.push(`<text x="${x0 + M.left}" y="20" font-size="14" font-weight="bold">${esc(p.title)}</text>`);
  for (const x of xs) {
    out.push(`<line x1="${X(x)}" x2="${X(x)}" y1="${M.top}" y2="${M.top + ph}" stroke="#ddd"/>`);
    out.push(`<text x="${X(x)}" y="${M.top + ph + 16}" font-size="11" text-anchor="middle">${fmt(x, '')}</text>`);
  }
  for (const y of ys) {
    out.push(`<line x1="${x0 + M.left}" x2="${x0 + M.left + pw}" y1="${Y(y)}" y2="${Y(y)}" stroke="#ddd"/>`);
    out.push(`<text x="${x0 + M.left - 6}" y="${Y(y) + 4}" font-size="11" text-anchor="end">${fmt(y, p.unit)}</text>`);
  }
  out.push(`<rect x="${x0 + M.left}" y="${M.top}" width="${pw}" height="${ph}" fill="none" stroke="#888"/>`);
  out.push(`<text x="${x0 + M.left + pw / 2}" y="${H - 10}" font-size="12" text-anchor="middle">passages (log scale)</text>`);
  for (const s of p.series) {
    const sp = s.points.filter((q) => q.value > 0 && Number.isFinite(q.value));
    if (sp.length === 0) continue;
    const d = sp.map((q, i) => `${i === 0 ? 'M' : 'L'}${X(q.passages).toFixed(1)},${Y(q.value).toFixed(1)}`).join(' ');
    out.push(`<path d="${d}" fill="none" stroke="${s.colour}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5,4"' : ''}/>`);
    for (const q of sp) out.push(`<circle cx="${X(q.passages).toFixed(1)}" cy="${Y(q.value).toFixed(1)}" r="3" fill="${s.colour}"><title>${esc(`${s.label}: ${fmt(q.value, p.unit)} at ${q.passages} passages`)}</title></circle>`);
  }
  // Legend, top left inside the plot.
  p.series.forEach((s, i) => {
    const ly = M.top + 14 + i * 15;
    const lx = x0 + M.left + 8;
    out.push(`<line x1="${lx}" x2="${lx + 22}" y1="${ly - 4}" y2="${ly - 4}" stroke="${s.colour}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5,4"' : ''}/>`);
    out.push(`<text x="${lx + 28}" y="${ly}" font-size="11">${esc(s.label)}</text>`);
  });
  return out.join('\n');
}

export function chartSvg(title: string, panels: readonly ChartPanel[], note: string): string {
  const width = W * panels.length;
  const height = H + 40;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<g transform="translate(0,22)">`,
    ...panels.map((p, i) => panel(p, i * W)),
    `</g>`,
    `<text x="10" y="16" font-size="13" font-weight="bold">${esc(title)}</text>`,
    `<text x="10" y="${height - 6}" font-size="10" fill="#555">${esc(note)}</text>`,
    `</svg>`,
    '',
  ].join('\n');
}
