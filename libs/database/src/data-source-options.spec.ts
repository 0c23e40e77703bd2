import { buildDataSourceOptions, describeDatabaseUrl } from './data-source-options';

describe(describeDatabaseUrl.name, () => {
  it('should drop the password but keep user, host and database', () => {
    expect(
      describeDatabaseUrl('postgresql://rct:s3cr%40t@db.internal:5433/rct?sslmode=require'),
    ).toBe('postgresql://rct@db.internal:5433/rct');
  });

  it('should not echo an unparseable URL', () => {
    expect(describeDatabaseUrl('postgres://:::@@')).not.toContain(':::');
  });
});

describe(buildDataSourceOptions.name, () => {
  it('should never synchronize and should honour the migration switch', () => {
    const options = buildDataSourceOptions({
      url: 'postgresql://x@y/z',
      poolSize: 4,
      runMigrations: false,
    });
    expect(options).toMatchObject({ type: 'postgres', synchronize: false, migrationsRun: false });
    expect(options.extra).toMatchObject({ max: 4 });
  });
});
