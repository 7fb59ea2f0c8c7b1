import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="state state-loading" aria-busy="true">
      <span className="spinner" aria-hidden="true" />
      {t(label)}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="state state-empty">
      <p className="state-title">{t(title)}</p>
      {children && <div className="state-body">{children}</div>}
    </div>
  );
}
