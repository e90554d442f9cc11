// The monthly report's charts, drawn by ECharts' server-side SVG renderer and rasterised to PNG by resvg, so every
// mail client shows them inline (cid images). Labels are product models, fault categories and salesperson ids;
// the captions around them are in the e-mail's HTML. A CJK font for Chinese labels: REPORT_CHART_FONT_FILES.
import type * as Echarts from 'echarts';
import type * as ResvgJs from '@resvg/resvg-js';
import type { MonthlyReport } from './monthly';

export interface ChartImage {
  cid: string;
  filename: string;
  png: Buffer;
}

// Loaded on first use: ECharts and resvg hold ~25 MiB, and the worker draws charts once a month.
const echarts = (): typeof Echarts => require('echarts');
const resvg = (): typeof ResvgJs => require('@resvg/resvg-js');

const WIDTH = 800;
const HEIGHT = 400;

function svgOf(option: Echarts.EChartsCoreOption): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({ animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily: 'Noto Sans CJK SC, DejaVu Sans, sans-serif' }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

function png(svg: string, fontFiles: string[]): Buffer {
  return new (resvg().Resvg)(svg, { font: { fontFiles, loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, fitTo: { mode: 'width', value: WIDTH } }).render().asPng();
}

/** Bars per product model, stacked by fault category. */
export function faultBarsSvg(r: MonthlyReport): string {
  const models = [...new Set(r.serviceRecords.map((x) => x.productModel))];
  const faults = [...new Set(r.serviceRecords.map((x) => x.faultCategory))];
  return svgOf({
    legend: { top: 0 },
    grid: { top: 40, left: 50, right: 20, bottom: 40 },
    xAxis: { type: 'category', data: models },
    yAxis: { type: 'value', minInterval: 1 },
    series: faults.map((f) => ({
      name: f,
      type: 'bar',
      stack: 'faults',
      label: { show: true },
      data: models.map((mo) => r.serviceRecords.find((x) => x.productModel === mo && x.faultCategory === f)?.count ?? null),
    })),
  });
}

/** Monthly return rate per salesperson over six months, with the flag and overdraft lines. */
export function returnRateLinesSvg(r: MonthlyReport): string {
  const lines = r.returnRateTrend.lines.map((l, i) => ({
    name: l.salesperson,
    type: 'line',
    data: l.ratesPct,
    connectNulls: true,
    ...(i === 0
      ? {
          markLine: {
            symbol: 'none',
            label: { formatter: '{c}%' },
            data: [
              { yAxis: r.thresholdsPct.flag, lineStyle: { color: '#e6a23c', type: 'dashed' } },
              { yAxis: r.thresholdsPct.overdraft, lineStyle: { color: '#f56c6c', type: 'dashed' } },
            ],
          },
        }
      : {}),
  }));
  return svgOf({
    legend: { top: 0 },
    grid: { top: 40, left: 50, right: 40, bottom: 40 },
    xAxis: { type: 'category', data: r.returnRateTrend.months },
    yAxis: { type: 'value', axisLabel: { formatter: '{value}%' }, max: (v: { max: number }) => Math.max(12, Math.ceil(v.max + 1)) },
    series: lines.length > 0 ? lines : [{ type: 'line', data: [], markLine: { symbol: 'none', data: [{ yAxis: r.thresholdsPct.flag }, { yAxis: r.thresholdsPct.overdraft }] } }],
  });
}

export function monthlyCharts(r: MonthlyReport, fontFiles: string[]): ChartImage[] {
  return [
    { cid: `faults-${r.month}@report`, filename: `faults-${r.month}.png`, png: png(faultBarsSvg(r), fontFiles) },
    { cid: `return-rate-${r.month}@report`, filename: `return-rate-${r.month}.png`, png: png(returnRateLinesSvg(r), fontFiles) },
  ];
}
