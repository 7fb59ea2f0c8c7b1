import { useTranslation } from 'react-i18next';
import type { AppError } from '../../src-shared/errors';

/** A contract error, shown with its own sentence: it already says what to do. */
export function ErrorAlert({ error, onRetry }: { error: AppError | Error | null | undefined; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div role="alert" className="alert alert-error">
      <span>{error.message}</span>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t('Try again')}
        </button>
      )}
    </div>
  );
}
