import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pkg from '../../package.json' with { type: 'json' };
import { isDefaultDbPath } from '../core/db/paths';
import { openStore } from '../core/db/store';
import { Engine } from '../core/engine';
import { hostForUrl } from './http-guard';
import { createMetrics } from './metrics';
import { startServer, type Probes } from './server';
import { locateRawLog } from '../core/services/raw-log-service';
import { STALLED_KEY } from '../core/alerts/scheduler-watch';
import { LEASE_STALE_MS } from '../core/engine';

/**
 * The built renderer, found from wherever this code runs: out/cli/cnp.js (→ out/renderer), a chunk
 * under out/cli/chunks/, or the sources under vitest (→ <repo>/out/renderer). Null when not built.
 */
export function findRendererDir(fromUrl: string = import.meta.url): string | null {
  let dir = path.dirname(fileURLToPath(fromUrl));
  for (let i = 0; i < 4; i++) {
    for (const candidate of [path.join(dir, 'renderer'), path.join(dir, 'out', 'renderer')]) {
      if (fs.existsSync(path.join(candidate, 'index.html'))) return candidate;
    }
    dir = path.dirname(dir);
  }
  return null;
}

export interface ServeOptions {
  dbPath: string;
  host: string;
  port: number;
  token?: string;
  /** Tests stop the server without sending the process a signal. */
  signal?: AbortSignal;
  /** `/metrics` and `/healthz` without the token, for clients on this machine. */
  metricsPublic?: boolean;
  /** Where the URL line goes; stdout unless a test listens. */
  print?: (line: string) => void;
}

/** `/metrics` from prom-client; `/healthz` healthy while some engine schedules and none has stalled. */
function probesFor(store: ReturnType<typeof openStore>, engine: Engine): Probes {
  const metrics = createMetrics({ store, bus: engine.bus, now: Date.now, scheduling: () => engine.isActive(), lastTickAt: () => engine.lastTickAt });
  return {
    metrics: async () => ({ contentType: metrics.registry.contentType, body: await metrics.render() }),
    health: () => {
      const now = Date.now();
      const lease = store.lease.live(now, LEASE_STALE_MS);
      const stalled = store.alerts.openFor(STALLED_KEY);
      const openAlerts = Object.values(store.alerts.countOpenByKind()).reduce((a, b) => a + b, 0);
      const healthy = lease !== null && stalled === null;
      return {
        healthy,
        body: {
          status: healthy ? 'ok' : 'degraded',
          version: pkg.version,
          engine: {
            scheduling: engine.isActive(),
            holder: lease?.holder ?? null,
            lastTickAgeSeconds: engine.lastTickAt === null ? null : (now - engine.lastTickAt) / 1000,
          },
          stalled: stalled ? stalled.cause : null,
          alertsOpen: openAlerts,
          cooldown: { active: store.cooldowns.active(now) !== null },
        },
      };
    },
  };
}

/**
 * `cnp serve`: the engine plus the UI over HTTP. Prints the URL (with the token) as the first line of
 * stdout — scripts and the e2e fixture read it — and runs until SIGINT/SIGTERM, then shuts down in
 * order: no new requests, runs stopped, database closed.
 */
export async function runServe(opts: ServeOptions): Promise<void> {
  const token = opts.token ?? randomBytes(32).toString('hex');
  const store = openStore(opts.dbPath, { createFolder: isDefaultDbPath(opts.dbPath) });
  const engine = new Engine({ store, version: pkg.version });
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    await engine.start();
    server = await startServer({
      api: engine.api('ui'),
      bus: engine.bus,
      host: opts.host,
      port: opts.port,
      token,
      rendererDir: findRendererDir(),
      probes: probesFor(store, engine),
      rawLogs: (runId) => locateRawLog(store, runId),
      metricsPublic: opts.metricsPublic ?? false,
    });
  } catch (err) {
    await engine.stop();
    store.close();
    throw err;
  }
  const url = new URL(server.url);
  const line = `http://${hostForUrl(url.hostname)}:${url.port}/?token=${token}`;
  (opts.print ?? ((l: string) => process.stdout.write(`${l}\n`)))(line);
  if (!engine.isActive()) {
    // Not an error, and two engines on one database would double-fire: this one serves the UI on the
    // shared database and takes over when the holder stops or dies.
    const holder = engine.leaseHolder();
    process.stderr.write(
      `Another engine (the desktop app or another \`cnp serve\`) already schedules this database (pid ${holder?.pid ?? '?'} on ${holder?.hostname ?? 'unknown host'}); this one stays passive and takes over if that one stops.\n`,
    );
  }

  await new Promise<void>((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      opts.signal?.removeEventListener('abort', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    if (opts.signal?.aborted) done();
    else opts.signal?.addEventListener('abort', done, { once: true });
  });

  await server.close();
  await engine.stop();
  store.close();
}
