// A small horizontal bar chart drawn as SVG (no chart library, nothing from a CDN): one group of bars per row,
// one bar per series, optional reference lines (e.g. the 2.5 % and 10 % return-rate lines). The figures are
// also in the table beside it, so the chart is one image with a text alternative.
export interface ChartRow {
  label: string;
  values: Array<number | null>;
}

const COLOURS = ['#0b5fce', '#e07b00', '#1e7a34', '#8e44ad', '#b3261e', '#5b6673'];

export function BarChart({ title, series, rows, lines = [], unit = '' }: { title: string; series: string[]; rows: ChartRow[]; lines?: Array<{ value: number; label: string }>; unit?: string }) {
  const bar = 14;
  const gap = 10;
  const labelW = 150;
  const width = 640;
  const plotW = width - labelW - 60;
  const groupH = series.length * bar + gap;
  const height = Math.max(1, rows.length) * groupH + 40;
  const max = Math.max(1, ...rows.flatMap((r) => r.values.map((v) => v ?? 0)), ...lines.map((l) => l.value));
  const x = (v: number) => labelW + (v / max) * plotW;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} preserveAspectRatio="xMinYMin meet">
        <title>{title}</title>
        {rows.map((r, i) => (
          <g transform={`translate(0 ${i * groupH + 24})`}>
            <text x={labelW - 6} y={(series.length * bar) / 2 + 4} text-anchor="end" font-size="12">
              {r.label.length > 20 ? `${r.label.slice(0, 19)}…` : r.label}
            </text>
            {r.values.map((v, j) => (
              <g>
                <rect x={labelW} y={j * bar} width={Math.max(0, x(v ?? 0) - labelW)} height={bar - 2} fill={COLOURS[j % COLOURS.length]} />
                <text x={x(v ?? 0) + 4} y={j * bar + bar - 4} font-size="11">
                  {v === null ? '—' : `${Math.round(v * 100) / 100}${unit}`}
                </text>
              </g>
            ))}
          </g>
        ))}
        {lines.map((l) => (
          <g>
            <line x1={x(l.value)} x2={x(l.value)} y1={16} y2={height} stroke="#b3261e" stroke-dasharray="4 3" />
            <text x={x(l.value) + 3} y={12} font-size="11" fill="#b3261e">
              {l.label}
            </text>
          </g>
        ))}
      </svg>
      {series.length > 1 && (
        <figcaption class="legend">
          {series.map((s, j) => (
            <span>
              <span class="swatch" style={{ background: COLOURS[j % COLOURS.length] }} aria-hidden="true" /> {s}
            </span>
          ))}
        </figcaption>
      )}
    </figure>
  );
}
