import { memo } from 'react';
import { formatCost } from '../../lib/numbers';
import { formatDuration } from '../../lib/time';
import { prettyJson, type LogRow, type ToolResult } from './log-rows';
import { Highlight } from './Highlight';
import { renderMarkdown } from './markdown';

function ToolCall({ row, result }: { row: Extract<LogRow, { type: 'tool' }>; result: ToolResult | undefined }) {
  return (
    <details className="log-tool">
      <summary>
        <span className="log-label">tool</span> <strong>{row.name}</strong>
        {result === undefined ? <span className="muted"> · running…</span> : result.isError && <span className="log-error-tag"> · error</span>}
      </summary>
      <div className="log-tool-body">
        <div className="log-tool-part">Input</div>
        <pre>{prettyJson(row.input)}</pre>
        {result && (
          <>
            <div className="log-tool-part">Result</div>
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
  return (
    <div className="log-drop-marker" role="note">
      <span aria-hidden="true">✂ </span>
      <strong>{row.label === 'truncating' ? 'Output cut' : 'Not kept'}:</strong> {row.text}
    </div>
  );
}

export const LogRowView = memo(function LogRowView({ row, results, query = '' }: { row: LogRow; results: Map<string, ToolResult>; query?: string }) {
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
            <span className="log-label">thinking</span>
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
            <span className="log-label">tool result</span>
            {row.isError && <span className="log-error-tag"> · error</span>}
          </summary>
          <pre className={row.isError ? 'log-tool-error' : undefined}>{row.content}</pre>
        </details>
      );
    case 'system':
      if (row.label === 'truncated' || row.label === 'truncating') return <DropMarker row={row} />;
      return (
        <div className="log-line log-system">
          <span className="log-label">{row.label}</span>
          <Highlight text={row.text} query={query} />
        </div>
      );
    case 'result':
      return (
        <div className={`log-result ${row.isError ? 'log-result-error' : 'log-result-ok'}`}>
          <div className="log-result-head">
            <strong>{row.isError ? 'Finished with an error' : 'Finished'}</strong>
            <span className="muted">
              {row.subtype}
              {row.turns !== null && ` · ${row.turns} turn${row.turns === 1 ? '' : 's'}`}
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
