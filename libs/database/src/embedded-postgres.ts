import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdir } from 'node:fs/promises';
import { lockDataDir, unlockDataDir } from './data-dir-lock';

/**
 * A real PostgreSQL (PGlite, compiled to WASM) running inside this process and served over the
 * wire protocol on a loopback port, so TypeORM and `pg` talk to it exactly as to a server.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly dataDir: string,
  ) {}

  /**
   * @param dataDir folder for the cluster files, created if missing (PGlite will not), or
   *   `memory://` for a throw-away database. Held by one process at a time: throws
   *   DataDirLockedError while another holds it.
   * @param maxConnections must exceed the pool size: PGlite refuses connections past it.
   */
  static async start(dataDir: string, maxConnections: number): Promise<EmbeddedPostgres> {
    if (!dataDir.startsWith('memory://')) {
      lockDataDir(dataDir);
      await mkdir(dataDir, { recursive: true });
    }
    const db = await PGlite.create(dataDir);
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
    try {
      await server.start();
    } catch (error) {
      await db.close();
      unlockDataDir(dataDir);
      throw error;
    }
    return new EmbeddedPostgres(db, server, dataDir);
  }

  /** Connection URL for `pg`; PGlite has one user and ignores passwords. */
  get url(): string {
    return `postgresql://postgres@${this.server.getServerConn()}/postgres`;
  }

  async stop(): Promise<void> {
    await this.server.stop();
    if (!this.db.closed) {
      await this.db.close();
    }
    unlockDataDir(this.dataDir);
  }
}
