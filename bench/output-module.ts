import { hugeLineRss, INGEST_RUNS, logIngestRuns, OUTPUT_TARGETS } from './output';
import type { BenchModule } from './lib';

/** Log ingest and the 1 GB line's peak RSS (bench/output.ts, also `npm run bench:output`) as bench figures. */
export const outputModule: BenchModule = {
  name: 'output',
  async run() {
    const ingest = await logIngestRuns(200_000);
    const huge = await hugeLineRss();
    return {
      figures: [
        {
          figure: `log ingest, stream-json lines/s (median of ${INGEST_RUNS} runs)`,
          value: ingest.linesPerSecond,
          unit: 'lines/s',
          target: `≥ ${OUTPUT_TARGETS.logIngestLinesPerSecond.toLocaleString('en')}`,
          met: ingest.linesPerSecond >= OUTPUT_TARGETS.logIngestLinesPerSecond,
        },
        {
          figure: `event-loop lag p99 during ingest (median of ${INGEST_RUNS} runs)`,
          value: ingest.eventLoopLagP99Ms,
          unit: 'ms',
          target: `< ${OUTPUT_TARGETS.eventLoopLagP99Ms} ms`,
          met: ingest.eventLoopLagP99Ms < OUTPUT_TARGETS.eventLoopLagP99Ms,
        },
        {
          figure: 'engine peak RSS while a job prints a 1 GB line',
          value: huge.enginePeakRssMb,
          unit: 'MB',
          target: `< ${OUTPUT_TARGETS.hugeLinePeakRssMb} MB`,
          met: huge.status !== 'unfinished' && huge.enginePeakRssMb < OUTPUT_TARGETS.hugeLinePeakRssMb,
        },
      ],
      details: { logIngest: ingest, hugeLine: huge },
    };
  },
};
