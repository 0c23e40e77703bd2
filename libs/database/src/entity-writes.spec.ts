import { Column, DataSource, Entity } from 'typeorm';
import { EntityWrites } from './entity-writes';
import { VersionedEntityBase } from './versioned-entity.base';

@Entity({ name: 'gadgets' })
class GadgetEntity extends VersionedEntityBase {
  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'jsonb' })
  settings: Record<string, unknown>;

  @Column({ type: 'smallint', insert: false, update: false })
  score: number;

  @Column({
    type: 'text',
    transformer: { to: (v: string) => v.toUpperCase(), from: (v: string) => v },
  })
  code: string;
}

const RETURNING = '"id" AS "id"';

describe(EntityWrites.name, () => {
  let writes: EntityWrites<GadgetEntity>;

  beforeAll(async () => {
    const dataSource = new DataSource({ type: 'postgres', entities: [GadgetEntity] });
    // Metadata only: nothing here connects.
    await (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
    writes = new EntityWrites(dataSource, GadgetEntity, RETURNING);
  });

  describe('insert', () => {
    it('should bind the defined values, start the version at 1 and leave the rest to defaults', () => {
      expect(
        writes.insert({ name: 'Probe', ownerId: null, settings: { a: [1] }, code: 'x' }),
      ).toEqual({
        sql:
          'INSERT INTO "gadgets" ("version", "name", "owner_id", "settings", "code")' +
          ' VALUES (1, $1, $2, $3, $4) RETURNING "id" AS "id"',
        params: ['Probe', null, '{"a":[1]}', 'X'],
      });
    });

    it('should refuse a property that is no insertable column', () => {
      expect(() => writes.insert({ name: 'Probe', score: 9 })).toThrow(
        'score is not a writable column of "gadgets"',
      );
      expect(() =>
        writes.insert({ name: 'Probe', colour: 'red' } as Partial<GadgetEntity>),
      ).toThrow('colour is not a writable column');
    });
  });

  describe('update', () => {
    it('should set the changes in order, bump the version and stamp updated_at', () => {
      expect(writes.update('id-1', { settings: {}, name: 'Renamed', ownerId: null })).toEqual({
        sql:
          'UPDATE "gadgets" SET "settings" = $1, "name" = $2, "owner_id" = $3,' +
          ' "updated_at" = CURRENT_TIMESTAMP, "version" = "version" + 1' +
          ' WHERE "id" = $4 RETURNING "id" AS "id"',
        params: ['{}', 'Renamed', null, 'id-1'],
      });
    });

    it('should refuse a property that is no updatable column', () => {
      expect(() => writes.update('id-1', { score: 3 })).toThrow('score is not a writable column');
    });
  });
});
