import { useEffect, useRef, useState } from 'react';
import { navigate } from '../../routing';

/**
 * While `dirty`, leaving the page asks first: in-app links (hash routes) are held until the user
 * confirms, and closing or reloading the window gets the browser's own question.
 */
export function useUnsavedGuard(dirty: boolean) {
  const [pending, setPending] = useState<string | null>(null);
  const allowed = useRef(false);

  useEffect(() => {
    if (!dirty) return;
    const onClick = (e: MouseEvent) => {
      if (allowed.current || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
      const link = (e.target as Element | null)?.closest?.('a[href^="#/"]');
      if (!link || link.closest('.job-form') || link.classList.contains('skip-link')) return;
      e.preventDefault();
      setPending(link.getAttribute('href'));
    };
    const onUnload = (e: BeforeUnloadEvent) => {
      if (allowed.current) return;
      e.preventDefault();
    };
    document.addEventListener('click', onClick, true);
    window.addEventListener('beforeunload', onUnload);
    return () => {
      document.removeEventListener('click', onClick, true);
      window.removeEventListener('beforeunload', onUnload);
    };
  }, [dirty]);

  return {
    pending,
    stay: () => setPending(null),
    ask: (to: string) => setPending(to),
    leave: () => {
      const to = pending;
      allowed.current = true;
      setPending(null);
      if (to) navigate(to);
    },
    /** Saving leaves on purpose: no question. */
    allowNext: () => {
      allowed.current = true;
    },
  };
}
