import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('assistant Markdown', () => {
  it('renders Markdown', () => {
    const html = renderMarkdown('# Title\n\n**bold** and `code`\n\n- a\n- b');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<li>a</li>');
  });

  it('shows raw HTML as text instead of parsing it', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)> there');
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('keeps web links, opening outside the app, and drops script links', () => {
    expect(renderMarkdown('[docs](https://example.com)')).toContain(
      '<a href="https://example.com" target="_blank" rel="noopener noreferrer">docs</a>',
    );
    const evil = renderMarkdown('[click](javascript:alert(1))');
    expect(evil).not.toContain('href');
    expect(evil).toContain('click');
    expect(renderMarkdown('![pic](https://example.com/a.png)')).not.toContain('<img');
  });
});
