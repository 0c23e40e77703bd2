import { EntityEvent, rebuildState } from './rebuild-state';

const at = (minute: number): Date => new Date(Date.UTC(2026, 0, 1, 0, minute));

const created: EntityEvent = {
  action: 'create',
  occurredAt: at(1),
  changes: { id: { from: null, to: 'r1' }, title: { from: null, to: 'First' } },
};
const retitled: EntityEvent = {
  action: 'update',
  occurredAt: at(3),
  changes: { title: { from: 'First', to: 'Second' }, note: { from: null, to: 'added' } },
};
const deleted: EntityEvent = {
  action: 'delete',
  occurredAt: at(5),
  changes: { title: { from: 'Second', to: null } },
};

describe(rebuildState.name, () => {
  it('should answer null before the creation and after a delete', () => {
    expect(rebuildState('r1', [created], at(0), null)).toBeNull();
    expect(rebuildState('r1', [created, retitled, deleted], at(6), null)).toBeNull();
  });

  it('should apply each change up to the instant', () => {
    const events = [created, retitled, deleted];
    expect(rebuildState('r1', events, at(2), null)).toMatchObject({
      id: 'r1',
      title: 'First',
      note: null,
      version: 1,
      createdAt: at(1).toISOString(),
      updatedAt: at(1).toISOString(),
    });
    expect(rebuildState('r1', events, at(4), null)).toMatchObject({
      title: 'Second',
      note: 'added',
      version: 2,
      updatedAt: at(3).toISOString(),
    });
  });

  it('should take a field the create event lacks from its next change, else from the row', () => {
    const current = {
      id: 'r1',
      title: 'Second',
      note: 'added',
      addedLater: 30,
      createdAt: '2026-01-01T00:00:59.000Z',
      updatedAt: '2026-01-01T00:02:59.000Z',
      version: 2,
    };
    expect(rebuildState('r1', [created, retitled], at(2), current)).toEqual({
      id: 'r1',
      title: 'First',
      note: null,
      addedLater: 30,
      createdAt: current.createdAt,
      updatedAt: at(1).toISOString(),
      version: 1,
    });
    // At the row's own version, its own stamps.
    expect(rebuildState('r1', [created, retitled], at(4), current)).toEqual(current);
  });

  it('should not count an event that changed nothing', () => {
    const noop: EntityEvent = { action: 'update', occurredAt: at(2), changes: {} };
    expect(rebuildState('r1', [created, noop], at(2), null)).toMatchObject({
      version: 1,
      updatedAt: at(1).toISOString(),
    });
  });
});
