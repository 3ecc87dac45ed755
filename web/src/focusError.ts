import { type RefObject, useEffect, useRef, useState } from 'react';

/**
 * After a refused submit, focus goes where a keyboard or screen-reader user must look (WCAG 3.3.1, issue 19 item 14):
 * the error summary (an alert of the section) when there is one, else the first invalid field. Both are in `container`.
 */
export function focusError(container: HTMLElement | null): void {
  if (!container) return;
  const summary = container.querySelector<HTMLElement>('[data-error-summary]');
  const target = summary ?? container.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!target) return;
  // An alert is not focusable by itself; -1 makes it focusable by script only, not a tab stop.
  if (target === summary && !summary.hasAttribute('tabindex')) summary.setAttribute('tabindex', '-1');
  target.focus();
}

/**
 * One hook for every form: put `ref` on the section that holds the form and its error summary, and call `refused()`
 * where a submit fails; focus moves after React has rendered the errors (an effect, not a timer).
 */
export function useErrorFocus<T extends HTMLElement = HTMLElement>(): {
  ref: RefObject<T | null>;
  refused(): void;
} {
  const ref = useRef<T>(null);
  const [attempts, setAttempts] = useState(0);
  useEffect(() => {
    if (attempts > 0) focusError(ref.current);
  }, [attempts]);
  return { ref, refused: () => setAttempts((n) => n + 1) };
}
