/** A React root in a fresh jsdom container for each test of the calling file (component tests only). */
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach } from 'vitest';

// Tells React this is a test environment, so act() flushes renders synchronously.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface TestRoot {
  /** The container of the current test's root. */
  readonly host: HTMLDivElement;
  render(node: ReactNode): void;
  /** The control a `<label>` with exactly this text points at (as a user finds a field by its label). */
  byLabel<T extends HTMLElement = HTMLInputElement>(text: string): T;
  /** The button with this accessible name (its aria-label, else its text). */
  button(name: string): HTMLButtonElement;
}

/** Types into an input or textarea as React sees it: the prototype's value setter, then an input event. */
export function typeInto(element: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const proto = element instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  act(() => {
    Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(element, value);
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Call at the top level of a test file: mounts before each test and unmounts and removes after it. */
export function mountPerTest(): TestRoot {
  let host: HTMLDivElement | undefined;
  let root: Root | undefined;
  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
  });
  afterEach(() => {
    const mounted = root;
    if (mounted) act(() => mounted.unmount());
    host?.remove();
    host = undefined;
    root = undefined;
  });
  const current = (): HTMLDivElement => {
    if (!host) throw new Error('mountPerTest: no test is running');
    return host;
  };
  return {
    get host(): HTMLDivElement {
      return current();
    },
    byLabel<T extends HTMLElement = HTMLInputElement>(text: string): T {
      const label = [...current().querySelectorAll('label')].find((l) => l.textContent === text);
      const target = label ? document.getElementById(label.htmlFor) : null;
      if (!target) throw new Error(`no control labelled ${text}`);
      return target as T;
    },
    button(name: string): HTMLButtonElement {
      const found = [...current().querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent) === name);
      if (!found) throw new Error(`no button ${name}`);
      return found;
    },
    render(node: ReactNode): void {
      const mounted = root;
      if (!mounted) throw new Error('mountPerTest: no test is running');
      act(() => mounted.render(node));
    },
  };
}
