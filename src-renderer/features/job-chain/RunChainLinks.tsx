import { useTranslation } from 'react-i18next';
import type { Run } from '../../../src-shared/domain';
import { href } from '../../routing';

const runLinks = (ids: number[]) =>
  ids.map((id, i) => (
    <span key={id}>
      {i > 0 && ', '}
      <a href={href.run(id)}>#{id}</a>
    </span>
  ));

/** On a run's page: the upstream run(s) that released it and the chain runs it released. */
export function RunChainLinks({ run }: { run: Run }) {
  const { t } = useTranslation();
  if (!run.upstreamRunIds.length && !run.downstreamRunIds.length) return null;
  return (
    <>
      {run.upstreamRunIds.length > 0 && (
        <div className="dl-item" data-testid="run-upstreams">
          <dt>{t('After run')}</dt>
          <dd>{runLinks(run.upstreamRunIds)}</dd>
        </div>
      )}
      {run.downstreamRunIds.length > 0 && (
        <div className="dl-item" data-testid="run-downstreams">
          <dt>{t('Released runs')}</dt>
          <dd>{runLinks(run.downstreamRunIds)}</dd>
        </div>
      )}
    </>
  );
}
