import type { JobEdge } from '../db/chains-repo';

/**
 * Would giving `jobId` these upstreams close a loop? Returns the loop in the order runs would
 * trigger each other, starting and ending at `jobId` (e.g. [1, 3, 2, 1]: 1 triggers 3, 3 triggers 2,
 * 2 triggers 1), or null when the graph stays acyclic.
 */
export function findCycle(edges: JobEdge[], jobId: number, upstreams: number[]): number[] | null {
  const upstreamsOf = new Map<number, number[]>();
  for (const e of edges) {
    if (e.downstreamId === jobId) continue;
    const list = upstreamsOf.get(e.downstreamId) ?? [];
    list.push(e.upstreamId);
    upstreamsOf.set(e.downstreamId, list);
  }
  upstreamsOf.set(jobId, [...upstreams]);

  // Walk upstream from the job; reaching it again is a loop. The path is kept for the message.
  const seen = new Set<number>();
  const path: number[] = [jobId];
  const walk = (node: number): boolean => {
    for (const up of upstreamsOf.get(node) ?? []) {
      if (up === jobId) {
        path.push(up);
        return true;
      }
      if (seen.has(up)) continue;
      seen.add(up);
      path.push(up);
      if (walk(up)) return true;
      path.pop();
    }
    return false;
  };
  // The graph is at most a few thousand edges; recursion depth is bounded by the longest chain.
  return walk(jobId) ? path.reverse() : null;
}
