/** A small SVG line chart: a few series over time (no chart library needed for this). */
export interface Series {
  name: string;
  color: string;
  points: number[];
}

export function LineChart(props: { series: Series[]; height?: number; width?: number; label?: string }) {
  const w = props.width ?? 320;
  const h = props.height ?? 90;
  const n = Math.max(2, ...props.series.map((s) => s.points.length));
  const max = Math.max(1, ...props.series.flatMap((s) => s.points));
  const x = (i: number, len: number) => ((i + (n - len)) / (n - 1)) * (w - 4) + 2;
  const y = (v: number) => h - 14 - (v / max) * (h - 22);
  return (
    <svg class="chart" viewBox={`0 0 ${w} ${h}`} width={w} height={h} role="img" aria-label={props.label}>
      <line x1="2" x2={w - 2} y1={h - 14} y2={h - 14} class="axis" />
      <text x="2" y="10" class="tick">{max}</text>
      {props.series.map((s) => (
        <polyline fill="none" stroke={s.color} stroke-width="1.6" points={s.points.map((v, i) => `${x(i, s.points.length).toFixed(1)},${y(v).toFixed(1)}`).join(" ")} />
      ))}
      {props.series.map((s, i) => (
        <text x={2 + i * 70} y={h - 2} class="legend" fill={s.color}>
          {s.name} {s.points.at(-1) ?? 0}
        </text>
      ))}
    </svg>
  );
}
