import { createHash } from 'node:crypto';

/**
 * A statement whose text never changes, such as a primary-key read. Each pooled connection
 * parses and plans it once and then only binds and executes it: for the session lookup every
 * request runs, PostgreSQL spent more CPU planning (risks has a dozen indexes to weigh) than
 * reading. The name comes from the text, so the same text is always the same statement.
 */
export class PreparedStatement {
  readonly name: string;

  constructor(readonly text: string) {
    this.name = `rct_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
  }
}
