import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import { findCycle } from '../../src-main/core/chains/graph';
import { apiFor, call, tempStore, type TempStore } from '../helpers/temp-store';
import { job } from './chain-rig';

let t: TempStore | null = null;
afterEach(() => {
  t?.cleanup();
  t = null;
});

function setup() {
  t = tempStore();
  return { t, api: apiFor(t.store) };
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

const edges = (pairs: [down: number, up: number][]) => pairs.map(([downstreamId, upstreamId]) => ({ downstreamId, upstreamId, condition: 'success' as const }));

describe('findCycle', () => {
  // prettier-ignore
  const cases: [name: string, graph: [number, number][], job: number, upstreams: number[], cycle: number[] | null][] = [
    ['no edges', [], 1, [2], null],
    ['a chain 1 → 2 → 3, 3 gets 1 as upstream again: fine', [[2, 1], [3, 2]], 3, [1, 2], null],
    ['1 → 2 → 3, then 1 after 3 closes the loop', [[2, 1], [3, 2]], 1, [3], [1, 2, 3, 1]],
    ['two-job loop', [[2, 1]], 1, [2], [1, 2, 1]],
    ['a diamond is not a loop', [[2, 1], [3, 1], [4, 2]], 4, [2, 3], null],
    ['the job\'s old upstreams do not count', [[1, 5], [2, 1]], 1, [], null],
  ];
  it.each(cases)('%s', (_name, graph, jobId, upstreams, cycle) => {
    expect(findCycle(edges(graph), jobId, upstreams)).toEqual(cycle);
  });
});

describe('validating upstreams', () => {
  it('refuses a loop with its path and changes nothing', async () => {
    const { t, api } = setup();
    const a = await job(api, 'build');
    const b = await job(api, 'test', [{ id: a }]);
    const c = await job(api, 'deploy', [{ id: b }]);
    const before = await call(api, 'jobs.get', { id: a });
    const err = await refusal(call(api, 'jobs.update', { id: a, patch: { after: [{ jobId: c, condition: 'success' }], name: 'renamed' } }));
    expect(err.code).toBe('VALIDATION');
    expect(err.field).toBe('after');
    expect(err.message).toBe(
      `These jobs would trigger each other in a loop: #${a} "build" → #${b} "test" → #${c} "deploy" → #${a} "build". Remove one of these "after" links.`,
    );
    expect(err.details).toEqual({ cycle: [a, b, c, a] });
    expect(await call(api, 'jobs.get', { id: a })).toEqual(before);
    expect(t.store.chains.allEdges()).toHaveLength(2);
  });

  it('refuses an upstream that does not exist, the job itself, or one listed twice', async () => {
    const { t, api } = setup();
    const a = await job(api, 'a');
    const missing = await refusal(job(api, 'b', [{ id: 42 }]));
    expect(missing.message).toBe('Job 42 does not exist, so nothing can run after it: list jobs with `cnp job list`');
    expect(missing.field).toBe('after.0');
    expect((await call(api, 'jobs.list', {})).total).toBe(1);
    const self = await refusal(call(api, 'jobs.update', { id: a, patch: { after: [{ jobId: a }] } }));
    expect(self.message).toBe(`A job cannot run after itself (job ${a})`);
    const b = await job(api, 'b');
    const twice = await refusal(call(api, 'jobs.update', { id: b, patch: { after: [{ jobId: a }, { jobId: a, condition: 'failure' }] } }));
    expect(twice.message).toBe(`Job ${a} is listed twice as an upstream; give each upstream once`);
    expect(t.store.chains.allEdges()).toEqual([]);
  });

  it('shows upstreams and dependants on both jobs, replaces the list on update and clears it with an empty list', async () => {
    const { api } = setup();
    const a = await job(api, 'tests');
    const b = await job(api, 'lint');
    const d = await job(api, 'summary', [{ id: a, on: 'always' }, { id: b, on: 'failure' }], { afterMode: 'any' });
    expect(await call(api, 'jobs.get', { id: d })).toMatchObject({
      afterMode: 'any',
      after: [
        { jobId: a, jobName: 'tests', condition: 'always' },
        { jobId: b, jobName: 'lint', condition: 'failure' },
      ],
      dependants: [],
    });
    expect((await call(api, 'jobs.get', { id: a })).dependants).toEqual([{ jobId: d, jobName: 'summary', condition: 'always' }]);
    await call(api, 'jobs.update', { id: d, patch: { after: [{ jobId: b }] } });
    expect((await call(api, 'jobs.get', { id: d })).after).toEqual([{ jobId: b, jobName: 'lint', condition: 'success' }]);
    // Other changes leave the upstreams alone.
    await call(api, 'jobs.update', { id: d, patch: { priority: 9 } });
    expect((await call(api, 'jobs.get', { id: d })).after).toHaveLength(1);
    await call(api, 'jobs.update', { id: d, patch: { after: [] } });
    expect((await call(api, 'jobs.get', { id: d })).after).toEqual([]);
    expect((await call(api, 'jobs.get', { id: b })).dependants).toEqual([]);
  });

  it('removes a deleted job\'s edges and warns, naming the jobs that ran after it', async () => {
    const { t, api } = setup();
    const a = await job(api, 'tests');
    const b = await job(api, 'fix', [{ id: a, on: 'failure' }]);
    const c = await job(api, 'summary', [{ id: a, on: 'always' }]);
    const result = await call(api, 'jobs.delete', { id: a });
    expect(result).toEqual({
      deleted: true,
      dependants: [
        { jobId: b, jobName: 'fix', condition: 'failure' },
        { jobId: c, jobName: 'summary', condition: 'always' },
      ],
      warning: `Job ${a} "tests" was an upstream of #${b} "fix", #${c} "summary"; those jobs no longer run after it.`,
    });
    expect(t.store.chains.allEdges()).toEqual([]);
    expect((await call(api, 'jobs.get', { id: b })).after).toEqual([]);
    const plain = await job(api, 'plain');
    expect((await call(api, 'jobs.delete', { id: plain })).warning).toBeNull();
  });
});
