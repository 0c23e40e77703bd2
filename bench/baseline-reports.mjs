// The baseline's report routes (bench/scenarios-reports.mjs): the same statements as the API,
// taken from the built API's own report statements module (summaryStatement, heatmapStatement),
// run on the same pool with the same JSON out, behind the baseline's JWT check.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { APP_DIR } from './lib.mjs';

const require = createRequire(import.meta.url);

/** Loaded lazily: the built module needs reflect-metadata for the enums' decorated classes. */
function statements() {
  require('reflect-metadata');
  return require(join(APP_DIR, 'dist', 'libs', 'report', 'src', 'report.statements.js'));
}

export function registerReportRoutes(app, pool) {
  const { summaryStatement, heatmapStatement } = statements();

  app.get('/api/v1/reports/summary', async (request) => {
    const { ownerId, category } = request.query;
    const { sql, parameters } = summaryStatement({ ownerId, category });
    const { rows } = await pool.query(sql, parameters);
    const { asOf, ...blocks } = rows[0];
    return { asOf: asOf.toISOString(), ...blocks };
  });

  app.get('/api/v1/reports/risk-heatmap', async (request) => {
    const { basis = 'inherent', status, ownerId, category } = request.query;
    const { sql, parameters } = heatmapStatement(basis, { status, ownerId, category });
    const { rows: cells } = await pool.query(sql, parameters);
    return { basis, total: cells.reduce((sum, cell) => sum + cell.count, 0), cells };
  });
}
