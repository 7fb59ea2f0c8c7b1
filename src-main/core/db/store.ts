import type { Database } from 'better-sqlite3';
import { AlertsRepo } from './alerts-repo';
import { AuditRepo } from './audit-repo';
import { ChannelsRepo } from './channels-repo';
import { ChainsRepo } from './chains-repo';
import { CooldownsRepo } from './cooldowns-repo';
import { EventsRepo } from './events-repo';
import { JobsRepo } from './jobs-repo';
import { LeaseRepo } from './lease-repo';
import { schemaVersion } from './migrations';
import { openDatabase, type OpenOptions } from './open';
import { PromptsRepo } from './prompts-repo';
import { RunsRepo } from './runs-repo';
import { SettingsRepo, StateRepo } from './settings-repo';

/** One open database and a repository per table. */
export interface Store {
  readonly path: string;
  readonly db: Database;
  readonly prompts: PromptsRepo;
  readonly jobs: JobsRepo;
  readonly runs: RunsRepo;
  readonly events: EventsRepo;
  readonly cooldowns: CooldownsRepo;
  readonly settings: SettingsRepo;
  readonly audit: AuditRepo;
  readonly state: StateRepo;
  readonly lease: LeaseRepo;
  readonly alerts: AlertsRepo;
  readonly channels: ChannelsRepo;
  readonly chains: ChainsRepo;
  schemaVersion(): number;
  /** SQLite's data_version: changes when another connection commits. */
  dataVersion(): number;
  close(): void;
}

export function openStore(path: string, options: Pick<OpenOptions, 'createFolder'> = {}): Store {
  const db = openDatabase(path, options);
  // Prepared once: the engine polls this twice a second, so it must cost microseconds.
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  const events = new EventsRepo(db);
  return {
    path,
    db,
    prompts: new PromptsRepo(db),
    jobs: new JobsRepo(db),
    runs: new RunsRepo(db),
    events,
    cooldowns: new CooldownsRepo(db),
    settings: new SettingsRepo(db),
    audit: new AuditRepo(db),
    state: new StateRepo(db),
    lease: new LeaseRepo(db),
    alerts: new AlertsRepo(db),
    channels: new ChannelsRepo(db),
    chains: new ChainsRepo(db),
    schemaVersion: () => schemaVersion(db),
    dataVersion: () => dataVersion.get() as number,
    close: () => {
      events.close();
      if (db.open) db.close();
    },
  };
}
