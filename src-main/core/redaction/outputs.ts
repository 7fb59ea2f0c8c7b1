import type { CallOutput, Channel, ParsedInput } from '../../../src-shared/contract';
import type { Job, Page, Run } from '../../../src-shared/domain';
import { redactJob, redactRun, redactRunEvent } from './views';

type OutputRedactor<C extends Channel> = (value: CallOutput<C>, input: ParsedInput<C>) => CallOutput<C>;

const job = (j: Job) => redactJob(j);
const jobPage = (p: Page<Job>) => ({ ...p, items: p.items.map(redactJob) });
const run = (r: Run) => redactRun(r);

/**
 * What every transport (IPC, HTTP, CLI) returns passes through here: calls whose results can hold
 * a credential are listed with the masking they need. A call that is not listed returns data that
 * holds none (new calls that do must be added here).
 */
const REDACTORS: { [C in Channel]?: OutputRedactor<C> } = {
  'jobs.create': job,
  'jobs.get': (j, input) => (input.showSecrets ? j : redactJob(j)),
  'jobs.update': job,
  'jobs.pause': job,
  'jobs.resume': job,
  'jobs.list': jobPage,
  'jobs.runNow': run,
  'runs.get': run,
  'runs.cancel': run,
  'runs.retry': run,
  'runs.list': (p) => ({ ...p, items: p.items.map(redactRun) }),
  'runs.events': (v) => ({ ...v, events: v.events.map(redactRunEvent) }),
};

export function redactCallOutput<C extends Channel>(channel: C, value: CallOutput<C>, input: ParsedInput<C>): CallOutput<C> {
  const redactor = REDACTORS[channel] as OutputRedactor<C> | undefined;
  return redactor ? redactor(value, input) : value;
}
