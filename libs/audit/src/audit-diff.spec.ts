import { diffSnapshots } from './audit-diff';

describe(diffSnapshots.name, () => {
  it('should list only changed fields as from/to pairs', () => {
    expect(
      diffSnapshots({ title: 'A', impact: 3, owner: 'x' }, { title: 'B', impact: 3, owner: 'x' }),
    ).toEqual({
      title: { from: 'A', to: 'B' },
    });
  });

  it('should treat a create as from null and a delete as to null', () => {
    expect(diffSnapshots(null, { title: 'A' })).toEqual({ title: { from: null, to: 'A' } });
    expect(diffSnapshots({ title: 'A' }, null)).toEqual({ title: { from: 'A', to: null } });
  });

  it('should leave out secrets and bookkeeping', () => {
    const changes = diffSnapshots(
      { passwordHash: 'x', refreshToken: 'a', version: 1, updatedAt: 'then', apiSecret: 's' },
      { passwordHash: 'y', refreshToken: 'b', version: 2, updatedAt: 'now', apiSecret: 't' },
    );
    expect(changes).toEqual({});
  });

  it('should compare dates and arrays by value', () => {
    const day = '2026-01-01T00:00:00.000Z';
    expect(
      diffSnapshots({ due: new Date(day), refs: ['a'] }, { due: new Date(day), refs: ['a'] }),
    ).toEqual({});
    expect(diffSnapshots({ refs: ['a'] }, { refs: ['a', 'b'] })).toEqual({
      refs: { from: ['a'], to: ['a', 'b'] },
    });
  });
});
