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

/**
 * Statements built at run time from a bounded set of shapes (an INSERT of the fields a client
 * sent, an UPDATE of those that changed), prepared by text. Past `capacity` shapes a new one is
 * sent unprepared: each prepared statement keeps a plan on every pooled connection.
 */
export class PreparedShapes {
  private readonly statements = new Map<string, PreparedStatement>();

  constructor(private readonly capacity: number) {}

  statementFor(text: string): PreparedStatement | string {
    const known = this.statements.get(text);
    if (known) return known;
    if (this.statements.size >= this.capacity) return text;
    const statement = new PreparedStatement(text);
    this.statements.set(text, statement);
    return statement;
  }
}
