import type { TFunction } from 'i18next';
import type { Alert } from '../../../src-shared/ops';

/**
 * An alert's title in the reader's language. The engine stores one English sentence per alert (for
 * webhooks, email and the CLI); the UI words the known kinds itself from the alert's facts, in
 * English as the engine does (with the job's current name), and shows the stored sentence only for
 * a kind newer than this app. The cause stays as stored: it quotes errors and times the engine saw.
 */
export function alertTitle(t: TFunction, alert: Pick<Alert, 'kind' | 'jobName' | 'runIds' | 'title'>): string {
  switch (alert.kind) {
    case 'consecutive_failures': {
      if (alert.jobName === null) return alert.title;
      // Opened with the runs that made the threshold: their number is how many failed in a row.
      const count = alert.runIds.length;
      return count <= 1 ? t('"{{name}}" failed', { name: alert.jobName }) : t('"{{name}}" failed {{count}} times in a row', { name: alert.jobName, count });
    }
    case 'scheduler_stalled':
      return t('The scheduler has stalled');
    case 'claude_auth':
      return t('Claude is not logged in');
    case 'usage_limit':
      return t('A Claude spend or credit limit needs you');
    case 'cooldown':
      return t('Claude usage limit: runs are waiting');
    default:
      return alert.title;
  }
}
