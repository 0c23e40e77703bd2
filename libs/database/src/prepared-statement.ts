import { createHash } from 'node:crypto';

/**
 * A statement whose text never changes, such as a primary-key read, sent in pg's public
 * `{name, text, values}` form: each pooled connection parses and plans it once, then only binds
 * and executes it. The name comes from the text, so the same text is always the same statement.
 */
export class PreparedStatement {
  readonly name: string;

  constructor(readonly text: string) {
    this.name = `rct_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
  }
}
