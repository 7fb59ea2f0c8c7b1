import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCost } from '../../lib/numbers';
import { formatDuration } from '../../lib/time';
import { prettyJson, systemText, type LogRow, type ToolResult } from './log-rows';
import { Highlight } from './Highlight';
import { renderMarkdown } from './markdown';

/** Labels of the engine's and Claude's notes that have words; other labels are identifiers, shown as they are. */
const WORDED_LABELS: ReadonlySet<string> = new Set(['deferred', 'rate limit', 'init', 'retry']);

/** Claude's result subtypes that read as words; the rest ("error_max_turns") are identifiers. */
const WORDED_SUBTYPES: ReadonlySet<string> = new Set(['success', 'error']);

function ToolCall({ row, result }: { row: Extract<LogRow, { type: 'tool' }>; result: ToolResult | undefined }) {
  const { t } = useTranslation();
  return (
    <details className="log-tool">
      <summary>
        <span className="log-label">{t('tool')}</span> <strong>{row.name}</strong>
        {result === undefined ? <span className="muted"> · {t('running…')}</span> : result.isError && <span className="log-error-tag"> · {t('error')}</span>}
      </summary>
      <div className="log-tool-body">
        <div className="log-tool-part">{t('Input')}</div>
        <pre>{prettyJson(row.input)}</pre>
        {result && (
          <>
            <div className="log-tool-part">{t('Result')}</div>
            <pre className={result.isError ? 'log-tool-error' : undefined}>{result.content}</pre>
          </>
        )}
      </div>
    </details>
  );
}

/** One row of the live log. */
/** The marker where the engine dropped the middle of a long output: impossible to miss. */
function DropMarker({ row }: { row: Extract<LogRow, { type: 'system' }> }) {
  const { t, i18n } = useTranslation();
  // A full-width colon ("未保留：") carries its own space.
  const gap = i18n.language.startsWith('zh') ? '' : ' ';
  return (
    <div className="log-drop-marker" role="note">
      <span aria-hidden="true">✂ </span>
      <strong>{row.label === 'truncating' ? t('Output cut:') : t('Not kept:')}</strong>
      {gap}
      {systemText(row)}
    </div>
  );
}

export const LogRowView = memo(function LogRowView({ row, results, query = '' }: { row: LogRow; results: Map<string, ToolResult>; query?: string }) {
  const { t } = useTranslation();
  switch (row.type) {
    case 'stdout':
      return (
        <pre className="log-line log-stdout">
          <Highlight text={row.text} query={query} />
        </pre>
      );
    case 'stderr':
      return (
        <pre className="log-line log-stderr">
          <span className="log-label log-label-stderr">stderr</span>
          <Highlight text={row.text} query={query} />
        </pre>
      );
    case 'assistant':
      // Safe: renderMarkdown escapes raw HTML and drops unsafe links (see markdown.ts).
      return <div className="log-assistant markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(row.text) }} />;
    case 'thinking':
      return (
        <details className="log-thinking">
          <summary>
            <span className="log-label">{t('thinking')}</span>
          </summary>
          <pre>{row.text}</pre>
        </details>
      );
    case 'tool':
      return <ToolCall row={row} result={row.toolUseId ? results.get(row.toolUseId) : undefined} />;
    case 'tool-result':
      return (
        <details className="log-tool">
          <summary>
            <span className="log-label">{t('tool result')}</span>
            {row.isError && <span className="log-error-tag"> · {t('error')}</span>}
          </summary>
          <pre className={row.isError ? 'log-tool-error' : undefined}>{row.content}</pre>
        </details>
      );
    case 'system':
      if (row.label === 'truncated' || row.label === 'truncating') return <DropMarker row={row} />;
      return (
        <div className="log-line log-system">
          <span className="log-label">{WORDED_LABELS.has(row.label) ? t(row.label) : row.label}</span>
          <Highlight text={systemText(row)} query={query} />
        </div>
      );
    case 'result':
      return (
        <div className={`log-result ${row.isError ? 'log-result-error' : 'log-result-ok'}`}>
          <div className="log-result-head">
            <strong>{row.isError ? t('Finished with an error') : t('Finished')}</strong>
            <span className="muted">
              {WORDED_SUBTYPES.has(row.subtype) ? t(row.subtype) : row.subtype}
              {row.turns !== null && ` · ${t(row.turns === 1 ? '{{count}} turn' : '{{count}} turns', { count: row.turns })}`}
              {row.durationMs !== null && ` · ${formatDuration(row.durationMs)}`}
              {row.costUsd !== null && ` · ${formatCost(row.costUsd)}`}
            </span>
          </div>
          {/* On success the result repeats the last assistant message, already shown above. */}
          {row.isError && row.text && <div className="markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(row.text) }} />}
        </div>
      );
    case 'json':
      return (
        <details className="log-json">
          <summary>
            <span className="log-label">{row.label}</span>
            <span className="muted"> {row.json.slice(0, 120).replace(/\s+/g, ' ')}</span>
          </summary>
          <pre>{row.json}</pre>
        </details>
      );
  }
});
