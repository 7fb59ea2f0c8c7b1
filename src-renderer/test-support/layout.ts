import { afterAll, beforeAll } from 'vitest';

const SCROLLERS = /(^|\s)(table-scroll|live-log-scroll)(\s|$)/;
const PROPS = ['clientWidth', 'clientHeight', 'offsetWidth', 'offsetHeight'] as const;

/**
 * jsdom has no layout, so a virtualised list would think its viewport is 0 px tall and render
 * nothing. Scroll containers get a real-looking size and every other element a row's height.
 */
export function useFakeLayout(viewport = { width: 1200, height: 800 }, rowHeight = 24): void {
  const originals = PROPS.map((p) => [p, Object.getOwnPropertyDescriptor(HTMLElement.prototype, p)] as const);
  beforeAll(() => {
    for (const prop of PROPS) {
      Object.defineProperty(HTMLElement.prototype, prop, {
        configurable: true,
        get(this: HTMLElement) {
          const size = SCROLLERS.test(this.className) ? viewport : { width: viewport.width, height: rowHeight };
          return prop.endsWith('Width') ? size.width : size.height;
        },
      });
    }
  });
  afterAll(() => {
    for (const [prop, descriptor] of originals) {
      if (descriptor) Object.defineProperty(HTMLElement.prototype, prop, descriptor);
    }
  });
}
