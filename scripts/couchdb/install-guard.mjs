#!/usr/bin/env node
// Installs (or updates) Handrail's guard, `guard.js` beside this file, as the design document
// `_design/handrail-guard` of a team database. The database admin runs it once per database,
// and again after a Handrail update that changes the guard:
//
//   COUCH_ADMIN=admin COUCH_PASSWORD=… node scripts/couchdb/install-guard.mjs https://couch.example.com/acme-hypercare
//
// Needs only Node.js 18 or later (no packages). The password is read from the environment so
// that it stays out of the shell's history; it is sent to the database and nowhere else.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const GUARD_ID = '_design/handrail-guard';

/** The design document: the function's source, without its leading comment lines. */
export function guardDocument() {
  const source = fs.readFileSync(path.join(here, 'guard.js'), 'utf8');
  const body = source.slice(source.indexOf('\nfunction (') + 1);
  return { _id: GUARD_ID, language: 'javascript', validate_doc_update: body.trim() };
}

/** Writes the guard into the database at `database` (a URL), as `name` with `password`. */
export async function installGuard(database, name, password) {
  const url = `${database.replace(/\/+$/, '')}/${GUARD_ID}`;
  const headers = {
    'Content-Type': 'application/json',
    Authorization: `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`,
  };
  const existing = await fetch(url, { headers });
  const document = guardDocument();
  if (existing.ok) document._rev = (await existing.json())._rev;
  else if (existing.status !== 404) throw new Error(`reading ${url}: ${existing.status} ${await existing.text()}`);
  const saved = await fetch(url, { method: 'PUT', headers, body: JSON.stringify(document) });
  if (!saved.ok) throw new Error(`writing ${url}: ${saved.status} ${await saved.text()}`);
  return (await saved.json()).rev;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [database] = process.argv.slice(2);
  const { COUCH_ADMIN: name, COUCH_PASSWORD: password } = process.env;
  if (!database || !name || !password) {
    console.error('usage: COUCH_ADMIN=<admin> COUCH_PASSWORD=<password> node scripts/couchdb/install-guard.mjs <database URL>');
    process.exit(2);
  }
  installGuard(database, name, password).then(
    (rev) => console.log(`Handrail's guard is installed in ${database} (${GUARD_ID}, revision ${rev}).`),
    (error) => { console.error(`The guard was not installed: ${error.message}`); process.exit(1); },
  );
}
