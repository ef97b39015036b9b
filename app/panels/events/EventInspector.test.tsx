// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { mountPerTest } from '../../test-support/react-root.ts';
import type { EventDetail } from '../../workers/engine-protocol.ts';
import { EventFields, FIELDS_PAGE } from './EventInspector.tsx';

const view = mountPerTest();

function render(detail: EventDetail): void {
  view.render(<EventFields detail={detail} />);
}

const ref = { sourceId: 's', table: 'T', row: 0 };

function button(text: RegExp): HTMLButtonElement {
  const found = [...view.host.querySelectorAll('button')].find((b) => text.test(b.textContent ?? ''));
  if (!found) throw new Error(`no button ${text}`);
  return found;
}

describe('EventFields', () => {
  it('renders an event with 10,000 fields a page at a time', () => {
    const fields = Array.from({ length: 10_000 }, (_, i) => ({ name: `F${i}`, type: 'long' as const, value: String(i) }));
    render({ ref, fields });
    expect(view.host.querySelectorAll('.event-field')).toHaveLength(FIELDS_PAGE);
    act(() => button(/^Show more fields \(9800 more\)$/).click());
    expect(view.host.querySelectorAll('.event-field')).toHaveLength(2 * FIELDS_PAGE);
    const filter = view.host.querySelector<HTMLInputElement>('input[type=search]');
    expect(filter).not.toBeNull();
  });

  it('cuts a 1 MB string until asked, and shows HTML as text', () => {
    const big = 'x'.repeat(1024 * 1024);
    const html = '<img src=x onerror=alert(1)><b>b</b>';
    render({ ref, fields: [{ name: 'Big', type: 'string', value: JSON.stringify(big) }, { name: 'Html', type: 'string', value: JSON.stringify(html) }] });
    expect(view.host.textContent?.length).toBeLessThan(2000);
    expect(view.host.querySelector('img, b')).toBeNull();
    expect(view.host.textContent).toContain(html);
    const show = view.host.querySelector<HTMLButtonElement>('button[aria-label="Show all of Big"]');
    expect(show?.getAttribute('aria-expanded')).toBe('false');
    act(() => show?.click());
    expect(view.host.textContent?.length).toBeGreaterThan(1024 * 1024);
  });

  it('builds a dynamic value\'s children only when opened, a page at a time', () => {
    const bag = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, { inner: [i] }]));
    render({ ref, fields: [{ name: 'Extra', type: 'dynamic', value: JSON.stringify(bag) }] });
    const details = view.host.querySelector('details');
    expect(details?.querySelector('summary')?.textContent).toBe('{1000 keys}');
    expect(view.host.querySelectorAll('.value-tree-children li')).toHaveLength(0);
    act(() => {
      if (details) details.open = true;
      details?.dispatchEvent(new Event('toggle'));
    });
    expect(view.host.querySelectorAll('.value-tree-children > li').length).toBe(101);
    expect(button(/^Show more of Extra \(900 more\)$/)).toBeTruthy();
  });
});
