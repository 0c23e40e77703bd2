import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit list filters by entity type and pages by `seq DESC`. The only entity index was
 * (entity_type, entity_id, seq), which cannot give that order for a type alone, so the first
 * page of `entityType=risk` walked the primary key backwards past every newer event of other
 * types (after a burst of task edits: thousands of rows, 2.7 ms of database CPU per request).
 * Entity ids are uuids, unique across types, so (entity_id, seq) serves the per-entity history
 * and the index count stays the same.
 */
export class AuditEntityIndexes1764300010000 implements MigrationInterface {
  name = 'AuditEntityIndexes1764300010000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX audit_events_entity_idx');
    await queryRunner.query(
      'CREATE INDEX audit_events_entity_type_idx ON audit_events (entity_type, seq)',
    );
    await queryRunner.query(
      'CREATE INDEX audit_events_entity_id_idx ON audit_events (entity_id, seq)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX audit_events_entity_id_idx');
    await queryRunner.query('DROP INDEX audit_events_entity_type_idx');
    await queryRunner.query(
      'CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id, seq)',
    );
  }
}
