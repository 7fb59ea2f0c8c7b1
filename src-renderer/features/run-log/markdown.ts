import { Marked, type Tokens } from 'marked';
import { i18n } from '../../i18n';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const SAFE_HREF = /^(https?:|mailto:)/i;

/**
 * Assistant text is model output: raw HTML in it is shown as text, never parsed; links keep only
 * web and mail targets (and open outside the app); images are not fetched, their alt text is shown.
 */
const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(text);
    },
    link({ href, title, tokens }: Tokens.Link) {
      const label = this.parser.parseInline(tokens);
      if (!SAFE_HREF.test(href.trim())) return label;
      const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
      return `<a href="${escapeHtml(href)}"${titleAttr} target="_blank" rel="noopener noreferrer">${label}</a>`;
    },
    image({ text }: Tokens.Image) {
      return `<span class="md-image">[${escapeHtml(i18n.t('image: {{alt}}', { alt: text }))}]</span>`;
    },
  },
});

const cache = new Map<string, string>();
const CACHE_LIMIT = 2_000;

/** Markdown to HTML that is safe to put in the page. */
export function renderMarkdown(text: string): string {
  // The HTML holds a word or two of UI text (an image's "[image: …]"): cached per language.
  const key = `${i18n.language}\u0000${text}`;
  let html = cache.get(key);
  if (html === undefined) {
    html = marked.parse(text) as string;
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value ?? '');
    cache.set(key, html);
  }
  return html;
}
