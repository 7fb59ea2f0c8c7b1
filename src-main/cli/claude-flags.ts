import { z } from 'zod';

/** `--max-budget-usd 2.50`: a positive amount of US dollars. */
export const usdAmount = z.string().transform((text, ctx) => {
  const trimmed = text.trim().replace(/^\$/, '');
  const n = /^\d+(?:\.\d+)?$|^\.\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isFinite(n) || n <= 0) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not an amount of dollars above zero (e.g. 2.50)` });
    return z.NEVER;
  }
  return n;
});
