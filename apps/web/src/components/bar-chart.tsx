import { formatShare } from './format';

export interface Bar {
  label: string;
  share: number;
  count?: number;
}

/**
 * Horizontal bars in SVG: each bar carries its label and percentage as text, so the chart reads
 * in print, in greyscale and to a screen reader (the figure has a table-like description).
 */
export function BarChart({ title, bars, colour = '#0072B2' }: { title: string; bars: readonly Bar[]; colour?: string }) {
  const rowHeight = 26;
  const labelWidth = 260;
  const width = 640;
  const barSpace = width - labelWidth - 70;
  const height = Math.max(rowHeight, bars.length * rowHeight) + 8;
  return (
    <figure className="bar-chart">
      <figcaption>{title}</figcaption>
      {bars.length === 0 ? (
        <p className="empty">Nothing to chart.</p>
      ) : (
        <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}: ${bars.map((b) => `${b.label} ${formatShare(b.share)}`).join(', ')}`}>
          {bars.map((b, i) => {
            const y = i * rowHeight + 4;
            const label = b.label.length > 38 ? `${b.label.slice(0, 36)}…` : b.label;
            return (
              <g key={`${b.label}:${i}`}>
                <text x={labelWidth - 8} y={y + 16} textAnchor="end" className="bar-label">
                  {label}
                </text>
                <rect x={labelWidth} y={y + 3} width={Math.max(1, b.share * barSpace)} height={rowHeight - 8} fill={colour} />
                <text x={labelWidth + Math.max(1, b.share * barSpace) + 6} y={y + 16} className="bar-value">
                  {formatShare(b.share)}
                </text>
              </g>
            );
          })}
        </svg>
      )}
    </figure>
  );
}
