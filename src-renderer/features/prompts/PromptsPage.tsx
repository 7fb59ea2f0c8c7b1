import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Prompt } from '../../../src-shared/domain';
import { usePromptsList } from '../../api/prompts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Loading } from '../../components/States';
import { PromptEditor } from './PromptEditor';

/** null: nothing open; 'new': a blank editor; a number: that prompt. */
type Selection = null | 'new' | number;

function matches(p: Prompt, needle: string): boolean {
  return p.title.toLowerCase().includes(needle) || p.tags.some((t) => t.toLowerCase().includes(needle)) || p.body.toLowerCase().includes(needle);
}

export function PromptsPage() {
  const { t } = useTranslation();
  const prompts = usePromptsList();
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<Selection>(null);
  const needle = search.trim().toLowerCase();
  const shown = useMemo(() => (prompts.data ?? []).filter((p) => needle === '' || matches(p, needle)), [prompts.data, needle]);
  const current = typeof selected === 'number' ? (prompts.data?.find((p) => p.id === selected) ?? null) : null;

  return (
    <div className="page">
      <PageHeader
        title="Prompts"
        subtitle={t('Reusable prompts for Claude jobs.')}
        actions={
          <button type="button" className="btn btn-primary" onClick={() => setSelected('new')}>
            {t('New prompt')}
          </button>
        }
      />
      <div className="split">
        <div className="split-list">
          <input type="search" aria-label={t('Search prompts')} placeholder={t('Search prompts…')} value={search} onChange={(e) => setSearch(e.target.value)} />
          {prompts.isPending && <Loading label="Loading prompts…" />}
          {prompts.isError && <ErrorAlert error={prompts.error} onRetry={() => void prompts.refetch()} />}
          {prompts.data?.length === 0 && <EmptyState title="No prompts yet">{t('Save prompts here to reuse them across jobs.')}</EmptyState>}
          {prompts.data && prompts.data.length > 0 && shown.length === 0 && <EmptyState title="No prompts match" />}
          <ul className="card-list" aria-label={t('Prompt library')}>
            {shown.map((p) => (
              <li key={p.id}>
                <button type="button" className={`card${selected === p.id ? ' card-selected' : ''}`} aria-current={selected === p.id || undefined} onClick={() => setSelected(p.id)}>
                  <span className="card-title">{p.title}</span>
                  <span className="card-meta">
                    {p.tags.map((tag) => (
                      <span key={tag} className="tag">
                        {tag}
                      </span>
                    ))}
                    <span className="muted small">
                      {p.usedByJobs === 1 ? t('used by {{count}} job', { count: 1 }) : t('used by {{count}} jobs', { count: p.usedByJobs })}
                    </span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
        <div className="split-detail">
          {selected === null ? (
            <EmptyState title="Pick a prompt to edit, or create a new one" />
          ) : selected === 'new' || current ? (
            <PromptEditor
              key={selected}
              prompt={current}
              onSaved={(p) => setSelected(p.id)}
              onDeleted={() => setSelected(null)}
              onCancel={() => setSelected(null)}
            />
          ) : prompts.data ? (
            <EmptyState title="This prompt no longer exists" />
          ) : (
            <Loading />
          )}
        </div>
      </div>
    </div>
  );
}
