import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, GaugeChart, LineChart, SankeyChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  DataZoomComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only the charts the console draws are bundled (tree-shaken ECharts), all served by the service.
echarts.use([
  BarChart,
  GaugeChart,
  LineChart,
  SankeyChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  DataZoomComponent,
  CanvasRenderer,
]);

const fontFamily = "'Noto Sans SC', sans-serif";

export type ChartOption = echarts.EChartsCoreOption;

interface Props {
  readonly option: ChartOption;
  /** the chart's accessible name; every chart has a table beside it with the same numbers */
  readonly label: string;
  readonly height?: number;
  readonly onClick?: (params: { dataType?: string; dataIndex: number }) => void;
}

export function Chart({ option, label, height = 320, onClick }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const instance = echarts.init(host.current!, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(host.current!);
    return () => {
      resize.disconnect();
      instance.dispose();
    };
  }, []);
  useEffect(() => {
    // Canvas text uses the bundled font (offline, and the same glyphs on every machine); its
    // subsets load on demand, so the chart is drawn again whenever more of them arrive.
    const draw = () => chart.current?.setOption({ textStyle: { fontFamily }, ...option }, true);
    draw();
    document.fonts.addEventListener('loadingdone', draw);
    return () => document.fonts.removeEventListener('loadingdone', draw);
  }, [option]);
  useEffect(() => {
    const instance = chart.current;
    if (!instance || !onClick) return;
    instance.on('click', onClick as never);
    return () => void instance.off('click');
  }, [onClick]);
  return <div ref={host} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
