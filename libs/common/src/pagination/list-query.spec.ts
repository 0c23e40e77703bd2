import { orderBySql, pageSql, SqlWhere } from './list-query';

describe(SqlWhere.name, () => {
  it('should be empty without conditions', () => {
    const where = new SqlWhere();

    expect(where.toSql()).toBe('');
    expect(where.params).toEqual([]);
  });

  it('should add one bound equality per filter that was sent, and skip the others', () => {
    const where = new SqlWhere().equal({
      'risk.status': 'open',
      'risk.severity': undefined,
      'risk.owner_id': null,
      'risk.category': 'Cloud',
    });

    expect(where.toSql()).toBe(
      ' WHERE risk.status = $1 AND risk.owner_id = $2 AND risk.category = $3',
    );
    expect(where.params).toEqual(['open', null, 'Cloud']);
  });

  it('should number placeholders across equalities, own conditions and the search', () => {
    const where = new SqlWhere().equal({ 'control.type': 'preventive' });
    where.and(`${where.param('ISO 27001')} = ANY(control.framework_refs)`);
    where.search('control.search', 'backup -tape');

    expect(where.toSql()).toBe(
      ' WHERE control.type = $1 AND $2 = ANY(control.framework_refs)' +
        " AND control.search @@ websearch_to_tsquery('simple', $3)",
    );
    expect(where.params).toEqual(['preventive', 'ISO 27001', 'backup -tape']);
  });

  it('should keep a hostile value out of the SQL text', () => {
    const where = new SqlWhere().equal({ 'risk.title': "x'; DROP TABLE risks; --" });

    expect(where.toSql()).toBe(' WHERE risk.title = $1');
  });

  it('should add no search for an empty q', () => {
    expect(new SqlWhere().search('risk.search', '').toSql()).toBe('');
    expect(new SqlWhere().search('risk.search', undefined).params).toEqual([]);
  });
});

describe('SqlWhere.readsClock', () => {
  it.each([
    'task.due_at < now()',
    'task.due_at < NOW ()',
    'evidence.valid_until >= CURRENT_TIMESTAMP',
    "x.at > current_date - interval '1 day'",
    'x.at < clock_timestamp()',
  ])('should see the clock in %s', (condition) => {
    expect(new SqlWhere().and(condition).readsClock).toBe(true);
  });

  it('should not see it in equalities, bound times or column names alike', () => {
    const where = new SqlWhere()
      .equal({ 'task.status': 'open' })
      .and(`task.due_at < ${new SqlWhere().param(new Date())}`)
      .and('task.known_at IS NOT NULL');
    expect(where.readsClock).toBe(false);
  });
});

describe(orderBySql.name, () => {
  const columns = { title: 'risk.title', inherentScore: 'risk.inherent_score' };
  const fallback = { field: 'inherentScore' as const, direction: 'DESC' as const };

  it.each([
    ['title', ' ORDER BY risk.title ASC NULLS FIRST, risk.id ASC'],
    ['-title', ' ORDER BY risk.title DESC NULLS LAST, risk.id ASC'],
    [undefined, ' ORDER BY risk.inherent_score DESC NULLS LAST, risk.id ASC'],
  ])('should order %s by its column, then the id', (sort, sql) => {
    expect(orderBySql(sort, columns, fallback, 'risk.id')).toBe(sql);
  });
});

describe(pageSql.name, () => {
  it('should write validated bounds into the SQL', () => {
    expect(pageSql(50, 100)).toBe(' LIMIT 50 OFFSET 100');
    expect(pageSql(20)).toBe(' LIMIT 20 OFFSET 0');
  });

  it.each([[1.5], [-1], [Number.NaN], ['1; DROP TABLE risks' as unknown as number]])(
    'should refuse %p rather than write it into the SQL',
    (bound) => {
      expect(() => pageSql(bound)).toThrow(TypeError);
      expect(() => pageSql(10, bound)).toThrow(TypeError);
    },
  );
});
