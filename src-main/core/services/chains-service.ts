import type { JobLink } from '../../../src-shared/domain';
import { AppError, validationError } from '../../../src-shared/errors';
import type { JobLinkIn } from '../../../src-shared/schemas';
import type { JobChain } from '../db/jobs-repo';
import { findCycle } from '../chains/graph';
import type { CoreContext } from './context';

export function jobChain(ctx: CoreContext, jobId: number): JobChain {
  const { chains } = ctx.store;
  return { after: chains.afterLinks(jobId), afterMode: chains.afterMode(jobId), dependants: chains.dependantLinks(jobId) };
}

const label = (ctx: CoreContext, id: number) => `#${id} "${ctx.store.jobs.get(id)?.name ?? '?'}"`;

/**
 * Checks a job's new upstream list before anything is written: every upstream exists, none is
 * listed twice or is the job itself, and the graph stays free of loops (the error names the loop).
 * `jobId` is null for a job being created: nothing can run after it yet, so it cannot close a loop.
 */
export function checkUpstreams(ctx: CoreContext, jobId: number | null, links: JobLinkIn[]): void {
  const seen = new Set<number>();
  for (const [i, l] of links.entries()) {
    if (seen.has(l.jobId)) throw validationError(`after.${i}`, `Job ${l.jobId} is listed twice as an upstream; give each upstream once`);
    seen.add(l.jobId);
    if (l.jobId === jobId) throw validationError(`after.${i}`, `A job cannot run after itself (job ${l.jobId})`);
    if (!ctx.store.jobs.get(l.jobId)) {
      throw validationError(`after.${i}`, `Job ${l.jobId} does not exist, so nothing can run after it: list jobs with \`cnp job list\``);
    }
  }
  if (jobId === null) return;
  const cycle = findCycle(ctx.store.chains.allEdges(), jobId, links.map((l) => l.jobId));
  if (cycle) {
    throw new AppError(
      'VALIDATION',
      `These jobs would trigger each other in a loop: ${cycle.map((id) => label(ctx, id)).join(' → ')}. Remove one of these "after" links.`,
      { field: 'after', details: { cycle } },
    );
  }
}

/** Sentence for a deleted job's dependants, or null when nothing ran after it. */
export function orphanWarning(deleted: { id: number; name: string }, dependants: JobLink[]): string | null {
  if (!dependants.length) return null;
  const names = dependants.map((d) => `#${d.jobId} "${d.jobName}"`).join(', ');
  return `Job ${deleted.id} "${deleted.name}" was an upstream of ${names}; ${dependants.length === 1 ? 'that job no longer runs' : 'those jobs no longer run'} after it.`;
}
