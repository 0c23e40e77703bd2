// Preload (`node -r ./bench/sql-trace.cjs ...`) that appends every statement the process sends
// through `pg` to $SQL_TRACE_FILE, one JSON line each: how bench/baseline-server.mjs was made
// to run the same SQL as the API. Development aid only; never loaded during measurements.
'use strict';
const { appendFileSync } = require('node:fs');
const pg = require('pg');

const file = process.env.SQL_TRACE_FILE;
if (file) {
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function tracedQuery(config, values, callback) {
    const text = typeof config === 'string' ? config : config && config.text;
    const params = Array.isArray(values) ? values : config && config.values;
    if (text) {
      appendFileSync(
        file,
        `${JSON.stringify({ pid: this.processID, text: text.replace(/\s+/g, ' '), params })}\n`,
      );
    }
    return original.call(this, config, values, callback);
  };
}
