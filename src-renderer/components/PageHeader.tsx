import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function PageHeader({ title, subtitle, actions }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <header className="page-header">
      <div>
        <h1>{typeof title === 'string' ? t(title) : title}</h1>
        {subtitle && <p className="page-subtitle">{subtitle}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </header>
  );
}
