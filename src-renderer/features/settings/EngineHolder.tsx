import { useEngineStatus } from '../../api/system';
import { formatInZone } from '../../lib/time';

/** One line saying which process schedules the jobs of this database (the engine lease holder). */
export function EngineHolder() {
  const { data } = useEngineStatus();
  if (!data) return null;
  if (!data.running) {
    return <p className="check-bad">No engine is scheduling: jobs run only while the app or `cnp serve` is running.</p>;
  }
  const who = data.inThisProcess ? 'this app' : 'another process';
  return (
    <p className="check-ok">
      Scheduling: {who} (pid {data.pid ?? '?'} on {data.hostname ?? 'unknown host'}
      {data.since ? `, since ${formatInZone(data.since)}` : ''})
    </p>
  );
}
