import { Connection } from 'pg';
import { corked, PgQuery, writeUnsynced } from './pg-query';

/**
 * pg's Query followed by COMMIT in the same extended-protocol batch, before its Sync: one
 * round trip for both. COMMIT is written only after the statement's Execute, so a statement pg
 * cannot bind (it then sends Close and Sync, no Execute) commits nothing, and a statement the
 * server rejects makes it skip the COMMIT.
 */
export class ThenCommitQuery extends PgQuery {
  /** Whether the statement completed: an error after that is COMMIT's. */
  statementDone = false;

  override submit(connection: Connection): Error | null {
    return corked(connection, () => {
      connection.execute = (config, more) => {
        Reflect.deleteProperty(connection, 'execute');
        connection.execute(config, more);
        writeUnsynced(connection, 'COMMIT');
      };
      try {
        return super.submit(connection);
      } finally {
        Reflect.deleteProperty(connection, 'execute');
      }
    });
  }

  override handleCommandComplete(message: unknown, connection: Connection): void {
    // The second CommandComplete is COMMIT's; the result is the statement's alone.
    if (this.statementDone) return;
    this.statementDone = true;
    super.handleCommandComplete(message, connection);
  }
}
