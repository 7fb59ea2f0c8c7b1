import type { Run } from '../../../src-shared/domain';

/** What one delivery says, before a channel shapes it (JSON, Slack, Discord, an email). */
export interface Notification {
  event: 'alert.opened' | 'alert.resolved' | 'run.succeeded' | 'run.failed' | 'test';
  subject: string;
  text: string;
  alert?: {
    id: number;
    kind: string;
    jobId: number | null;
    title: string;
    cause: string;
    runIds: number[];
    openedAt: string;
    resolvedAt: string | null;
    resolution: string | null;
  };
  run?: Run;
}

export function testNotification(channelName: string): Notification {
  return {
    event: 'test',
    subject: 'Claude Night Pilot: test notification',
    text: `This is a test from Claude Night Pilot through the channel "${channelName}". If you read this, alerts will reach you here.`,
  };
}
