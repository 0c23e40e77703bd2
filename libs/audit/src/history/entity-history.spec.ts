import { AuditEntityType } from '../audit-vocabulary';
import { AuditRepository, EntityChangeRow, HistoryRow } from '../audit.repository';
import { EntityHistory, HistoryKind } from './entity-history';

interface Thing {
  id: string;
  title: string;
  due: string | null;
  late: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

class ThingNotFound extends Error {}

const at = (minute: number): Date => new Date(Date.UTC(2026, 0, 1, 0, minute));

const THINGS: HistoryKind<Thing> = {
  entityType: AuditEntityType.Task,
  notFound: (id) => new ThingNotFound(id),
};

const created: EntityChangeRow = {
  action: 'create',
  occurredAt: at(1),
  changes: { title: { from: null, to: 'First' }, due: { from: null, to: at(4).toISOString() } },
};
const retitled: EntityChangeRow = {
  action: 'update',
  occurredAt: at(3),
  changes: { title: { from: 'First', to: 'Second' } },
};
const now: Thing = {
  id: 't1',
  title: 'Second',
  due: at(4).toISOString(),
  late: true,
  createdAt: at(1).toISOString(),
  updatedAt: at(3).toISOString(),
  version: 2,
};

describe(EntityHistory.name, () => {
  let events: jest.Mocked<Pick<AuditRepository, 'changesOf' | 'historyOf'>>;
  let history: EntityHistory;

  beforeEach(() => {
    events = { changesOf: jest.fn(), historyOf: jest.fn() };
    history = new EntityHistory(events as unknown as AuditRepository);
  });

  describe('currentOrAsOf', () => {
    it('should answer the current record without asOf, reading no events', async () => {
      await expect(history.currentOrAsOf(THINGS, 't1', undefined, now)).resolves.toBe(now);
      expect(events.changesOf).not.toHaveBeenCalled();
    });

    it("should throw the kind's not-found error without a record", async () => {
      await expect(history.currentOrAsOf(THINGS, 't1', undefined, null)).rejects.toThrow(
        ThingNotFound,
      );
      events.changesOf.mockResolvedValue([created]);
      await expect(history.currentOrAsOf(THINGS, 't1', at(0), now)).rejects.toThrow(ThingNotFound);
    });

    it("should rebuild the record at asOf from the entity's events", async () => {
      events.changesOf.mockResolvedValue([created, retitled]);
      const past = await history.currentOrAsOf(THINGS, 't1', at(2), now);
      expect(events.changesOf).toHaveBeenCalledWith(AuditEntityType.Task, 't1');
      expect(past).toMatchObject({ id: 't1', title: 'First', version: 1, late: true });
    });

    it("should judge the clock's fields again at asOf when the kind says how", async () => {
      events.changesOf.mockResolvedValue([created, retitled]);
      const judged: HistoryKind<Thing> = {
        ...THINGS,
        atInstant: (thing, asOf) => ({
          ...thing,
          late: thing.due !== null && thing.due < asOf.toISOString(),
        }),
      };
      await expect(history.currentOrAsOf(judged, 't1', at(2), now)).resolves.toMatchObject({
        late: false,
      });
      await expect(history.currentOrAsOf(judged, 't1', undefined, now)).resolves.toBe(now);
    });
  });

  describe('page', () => {
    const row = (seq: number): HistoryRow => ({
      ...retitled,
      seq: String(seq),
      actorId: null,
      actorEmail: null,
    });

    it('should answer a full page with the cursor of its last event', async () => {
      events.historyOf.mockResolvedValue([row(7), row(9)]);
      await expect(history.page(THINGS, 't1', { limit: 2 })).resolves.toEqual({
        items: [
          {
            ...retitled,
            occurredAt: at(3).toISOString(),
            seq: '7',
            actorId: null,
            actorEmail: null,
          },
          {
            ...retitled,
            occurredAt: at(3).toISOString(),
            seq: '9',
            actorId: null,
            actorEmail: null,
          },
        ],
        nextCursor: '9',
        limit: 2,
      });
      expect(events.historyOf).toHaveBeenCalledWith(AuditEntityType.Task, 't1', undefined, 2);
    });

    it('should end with a short page, and answer an empty one after a cursor', async () => {
      events.historyOf.mockResolvedValue([row(7)]);
      await expect(history.page(THINGS, 't1', { limit: 2 })).resolves.toMatchObject({
        nextCursor: null,
      });
      events.historyOf.mockResolvedValue([]);
      await expect(history.page(THINGS, 't1', { limit: 2, cursor: '9' })).resolves.toEqual({
        items: [],
        nextCursor: null,
        limit: 2,
      });
    });

    it("should throw the kind's not-found error for an entity with no events", async () => {
      events.historyOf.mockResolvedValue([]);
      await expect(history.page(THINGS, 't1', { limit: 2 })).rejects.toThrow(ThingNotFound);
    });
  });
});
