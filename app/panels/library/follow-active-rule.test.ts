// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { newRule } from '../../../src/rule/model.ts';
import { useEventsStore } from '../../state/events-slice.ts';
import { useAppStore } from '../../state/store.ts';
import { onWorkspaceChange } from './follow-active-rule.ts';

describe('following the active rule', () => {
  it('drops the chosen event and results row when another rule opens, and keeps them while editing', () => {
    const unsubscribe = useAppStore.subscribe(onWorkspaceChange);
    try {
      const events = useEventsStore.getState();
      const ref = { sourceId: 's1', table: 'DeviceProcessEvents', row: 3 };
      events.selectEvent(ref);
      events.selectResultRow(2, [ref]);
      useAppStore.getState().setQuery('Typed | take 1');
      expect(useEventsStore.getState().selectedEvent).toEqual(ref);

      useAppStore.getState().importRule({ ...newRule('other', '2026-01-01', 'Other'), title: 'Other' });
      useAppStore.getState().openRule('other');
      expect(useEventsStore.getState()).toMatchObject({ selectedEvent: null, selectedResultRow: null, highlightedEvents: [] });
    } finally {
      unsubscribe();
    }
  });
});
