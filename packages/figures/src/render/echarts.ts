// The one place that names the ECharts pieces this package uses: the option type
// the builders produce and the registration lists of the two renderers. Only
// these are pulled in through `echarts/core`, so bundles keep the rest out.
import type { ComposeOption } from 'echarts/core';
import { BarChart, CustomChart, LineChart, ScatterChart } from 'echarts/charts';
import type { BarSeriesOption, CustomSeriesOption, LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  VisualMapContinuousComponent,
} from 'echarts/components';
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  MarkPointComponentOption,
  TitleComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';

/** An ECharts option made only of the series and components registered here. */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | CustomSeriesOption
  | LineSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | MarkPointComponentOption
  | TitleComponentOption
  | VisualMapComponentOption
>;

export type { BarSeriesOption, CustomSeriesOption, LineSeriesOption, ScatterSeriesOption };

/** Charts and components every figure may use (the renderer is added by each entry). */
export const CHART_PARTS = [
  BarChart,
  CustomChart,
  LineChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  VisualMapContinuousComponent,
];
