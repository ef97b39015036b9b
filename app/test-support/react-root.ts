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
  return {
    get host(): HTMLDivElement {
      if (!host) throw new Error('mountPerTest: no test is running');
      return host;
    },
    render(node: ReactNode): void {
      const mounted = root;
      if (!mounted) throw new Error('mountPerTest: no test is running');
      act(() => mounted.render(node));
    },
  };
}
