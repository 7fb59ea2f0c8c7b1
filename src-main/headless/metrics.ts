import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Run } from '../../src-shared/domain';
import { FINAL_RUN_STATUSES } from '../../src-shared/domain';
import type { Store } from '../core/db/store';
import type { EventBus } from '../core/events/bus';

export interface MetricsSource {
  store: Store;
  bus: EventBus;
  now(): number;
  /** Whether this process's engine schedules now. */
  scheduling(): boolean;
  lastTickAt(): number | null;
}

/** How many finished run ids are remembered so a repeated update is not counted twice. */
const SEEN_LIMIT = 10_000;

/**
 * `GET /metrics` in Prometheus text, with prom-client (the client Prometheus users know; it owns
 * the exposition format and escaping). Counters follow this engine's runs through its event bus;
 * gauges are read from the database at scrape time, so they hold whatever process ran the work.
 */
export function createMetrics(src: MetricsSource): { registry: Registry; render(): Promise<string>; close(): void } {
  const registry = new Registry();
  const started = new Counter({ name: 'cnp_runs_started_total', help: 'Runs started by this engine, by trigger', labelNames: ['trigger'] as const, registers: [registry] });
  const finished = new Counter({ name: 'cnp_runs_finished_total', help: 'Runs finished by this engine, by final status', labelNames: ['status'] as const, registers: [registry] });
  const duration = new Histogram({
    name: 'cnp_run_duration_seconds',
    help: 'Duration of runs finished by this engine',
    buckets: [1, 5, 15, 60, 300, 900, 1800, 3600, 7200],
    registers: [registry],
  });
  const startedIds = new Set<number>();
  const finishedIds = new Set<number>();
  const remember = (set: Set<number>, id: number) => {
    set.add(id);
    if (set.size > SEEN_LIMIT) set.delete(set.values().next().value!);
  };
  const onRun = (run: Run) => {
    if (run.status === 'running' && !startedIds.has(run.id)) {
      remember(startedIds, run.id);
      started.inc({ trigger: run.trigger });
    }
    if (FINAL_RUN_STATUSES.includes(run.status) && run.status !== 'skipped' && !finishedIds.has(run.id) && startedIds.has(run.id)) {
      remember(finishedIds, run.id);
      finished.inc({ status: run.status });
      if (run.durationMs !== null) duration.observe(run.durationMs / 1000);
    }
  };
  const off = src.bus.on('run.updated', onRun);

  const gauge = (name: string, help: string, collect: (g: Gauge) => void, labelNames: string[] = []) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        collect(this);
      },
    });
  const countStatus = (status: string) => (src.store.db.prepare('SELECT COUNT(*) AS n FROM runs WHERE status = ?').get(status) as { n: number }).n;
  gauge('cnp_queue_depth', 'Runs queued and waiting to start', (g) => g.set(countStatus('queued')));
  gauge('cnp_runs_running', 'Runs running now', (g) => g.set(countStatus('running')));
  gauge('cnp_deferred_runs', 'Claude runs deferred until the usage limit resets', (g) => g.set(countStatus('deferred_cooldown')));
  gauge('cnp_cooldown_active', '1 while a Claude usage-limit cooldown is in force', (g) => g.set(src.store.cooldowns.active(src.now()) ? 1 : 0));
  gauge('cnp_cooldown_seconds_to_reset', 'Seconds until the cooldown resets (0 when none)', (g) => {
    const c = src.store.cooldowns.active(src.now());
    g.set(c ? Math.max(0, (c.resetsAt - src.now()) / 1000) : 0);
  });
  gauge('cnp_engine_up', '1 when this process schedules the database', (g) => g.set(src.scheduling() ? 1 : 0));
  gauge('cnp_engine_last_tick_age_seconds', 'Seconds since the engine last ran a scheduling pass (-1 if never)', (g) => {
    const at = src.lastTickAt();
    g.set(at === null ? -1 : Math.max(0, (src.now() - at) / 1000));
  });
  gauge(
    'cnp_alerts_open',
    'Open alerts by kind',
    (g) => {
      g.reset();
      const open = src.store.alerts.countOpenByKind();
      for (const kind of ['consecutive_failures', 'scheduler_stalled', 'claude_auth', 'usage_limit', 'cooldown']) g.set({ kind }, open[kind] ?? 0);
    },
    ['kind'],
  );
  return { registry, render: () => registry.metrics(), close: off };
}
