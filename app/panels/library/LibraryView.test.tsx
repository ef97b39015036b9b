// @vitest-environment jsdom
import { act } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { newRule, type Rule } from '../../../src/rule/model.ts';
import { mountPerTest } from '../../test-support/react-root.ts';
import { useAppStore } from '../../state/store.ts';
import { ConflictDialog } from './ConflictDialog.tsx';
import { LibraryView } from './LibraryView.tsx';

const root = mountPerTest();
const initial = useAppStore.getState();

function rule(id: string, title: string, techniques: string[], tactics: string[]): Rule {
  return { ...newRule(id, '2026-01-01', 'DeviceProcessEvents | take 1'), title, attack: { tactics, techniques } };
}

function button(name: string): HTMLButtonElement {
  const found = [...root.host.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent) === name);
  if (!found) throw new Error(`no button named ${name}`);
  return found;
}

function items(): string[] {
  return [...root.host.querySelectorAll('ul[aria-label="Rules"] > li strong')].map((e) => e.textContent ?? '');
}

function type(input: HTMLInputElement, value: string): void {
  // React listens for the native setter's input event, not a plain property assignment.
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  act(() => {
    setter?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

beforeEach(() => {
  useAppStore.setState({ ...initial, lastDeleted: null }, true);
  act(() => {
    useAppStore.getState().importRule(rule('b', 'Rclone exfiltration', ['T1567.002'], ['exfiltration']));
  });
});

describe('LibraryView', () => {
  it('lists rules with level, techniques, tables and modified date, and marks the open one', () => {
    root.render(<LibraryView onOpened={() => {}} />);
    expect(items()).toEqual(['Remote Data Staging (T1074.002)', 'Rclone exfiltration']);
    const active = root.host.querySelector('.rule-item.active');
    expect(active?.textContent).toContain('open in editor');
    expect(active?.textContent).toContain('T1074.002');
    expect(active?.textContent).toContain('DeviceFileEvents');
    expect(root.host.textContent).toContain('2026-01-01');
  });

  it('searches by technique and table', () => {
    root.render(<LibraryView onOpened={() => {}} />);
    const search = root.host.querySelector<HTMLInputElement>('input[aria-label="Search rules"]')!;
    type(search, 't1567');
    expect(items()).toEqual(['Rclone exfiltration']);
    type(search, 'DeviceFileEvents');
    expect(items()).toEqual(['Remote Data Staging (T1074.002)']);
  });

  it('renames inline, deletes with an Undo status, and opens a rule', () => {
    const onOpened = vi.fn();
    root.render(<LibraryView onOpened={onOpened} />);
    act(() => button('Rename Rclone exfiltration').click());
    const input = root.host.querySelector<HTMLInputElement>('input[aria-label="Rule title"]')!;
    type(input, 'Rclone to Mega');
    act(() => button('Save title').click());
    expect(items()).toContain('Rclone to Mega');

    act(() => button('Delete Rclone to Mega').click());
    expect(items()).toEqual(['Remote Data Staging (T1074.002)']);
    const status = [...root.host.querySelectorAll('[role="status"]')].find((e) => e.textContent?.includes('Rule deleted'));
    expect(status?.textContent).toContain('Rclone to Mega');
    // The last rule cannot be deleted: the editor always has one.
    expect(button('Delete Remote Data Staging (T1074.002)').disabled).toBe(true);
    act(() => button('Undo').click());
    expect(items()).toEqual(['Remote Data Staging (T1074.002)', 'Rclone to Mega']);

    act(() => button('Open Rclone to Mega').click());
    expect(useAppStore.getState().activeRuleId).toBe('b');
    expect(onOpened).toHaveBeenCalled();
  });

  it('shows coverage cells named for screen readers; choosing one filters the list', () => {
    root.render(<LibraryView onOpened={() => {}} />);
    const collection = root.host.querySelector('[role="group"][aria-label^="Collection"]');
    expect(collection?.getAttribute('aria-label')).toBe('Collection: 2 techniques');
    act(() => button('T1567.002: 1 rule').click());
    expect(items()).toEqual(['Rclone exfiltration']);
    expect(button('T1567.002: 1 rule').getAttribute('aria-pressed')).toBe('true');
    act(() => button('Show all rules').click());
    expect(items()).toHaveLength(2);
  });

  it('renders titles as text, never as markup', () => {
    act(() => useAppStore.getState().renameRule('b', '<img src=x onerror="alert(1)">'));
    root.render(<LibraryView onOpened={() => {}} />);
    expect(root.host.querySelector('img')).toBeNull();
    expect(items()).toContain('<img src=x onerror="alert(1)">');
  });
});

describe('ConflictDialog', () => {
  it('offers Replace, Keep both and Skip, and Escape skips', () => {
    const onChoose = vi.fn();
    const incoming = { rule: rule('b', 'Incoming', [], []), source: 'x.rule.yml' };
    root.render(<ConflictDialog incoming={incoming} existing={rule('b', 'Existing', [], [])} onChoose={onChoose} />);
    expect(root.host.querySelector('dialog')?.textContent).toContain('“Incoming” from x.rule.yml');
    act(() => button('Keep both (new id)').click());
    expect(onChoose).toHaveBeenLastCalledWith('keep-both');
    act(() => {
      root.host.querySelector('dialog')?.dispatchEvent(new Event('cancel', { cancelable: true }));
    });
    expect(onChoose).toHaveBeenLastCalledWith('skip');
  });
});
