#!/usr/bin/env node
// Sets up a report inbox for Handrail (issue 23, docs/intake.md): the database, who may read it,
// the reporter account that may only add reports, and the inbox guard (`inbox-guard.js` beside
// this file) as `_design/handrail-inbox`. The server's admin runs it once per inbox, and again
// after a Handrail update that changes the guard:
//
//   COUCH_ADMIN=admin COUCH_PASSWORD=… REPORTER_PASSWORD=… \
//     node scripts/couchdb/install-inbox.mjs https://couch.example.com/acme-inbox alice,bob [reporter-name]
//
// The team members named (comma-separated) may read the inbox; the reporter account (default
// "<database>-reporter") gets the role "handrail-reporter", is created if it does not exist, and
// its password is set to REPORTER_PASSWORD. That account can do nothing but add sealed reports,
// which is why its name and password may travel in the report link. Needs only Node.js 18+.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const INBOX_GUARD_ID = '_design/handrail-inbox';
export const REPORTER_ROLE = 'handrail-reporter';

/** The design document: the function's source, without its leading comment lines. */
export function inboxGuardDocument() {
  const source = fs.readFileSync(path.join(here, 'inbox-guard.js'), 'utf8');
  const body = source.slice(source.indexOf('\nfunction (') + 1);
  return { _id: INBOX_GUARD_ID, language: 'javascript', validate_doc_update: body.trim() };
}

/** Creates or updates everything; `team` are the names that may read the inbox. */
export async function installInbox(database, admin, team, reporter) {
  const url = database.replace(/\/+$/, '');
  const server = url.slice(0, url.lastIndexOf('/'));
  const headers = {
    'Content-Type': 'application/json',
    Authorization: `Basic ${Buffer.from(`${admin.name}:${admin.password}`).toString('base64')}`,
  };
  const call = async (address, init = {}, allowed = []) => {
    const response = await fetch(address, { ...init, headers });
    if (!response.ok && !allowed.includes(response.status)) {
      throw new Error(`${init.method || 'GET'} ${address}: ${response.status} ${await response.text()}`);
    }
    return response;
  };
  // 412: the database exists already.
  await call(url, { method: 'PUT' }, [412]);
  await call(`${url}/_security`, {
    method: 'PUT',
    body: JSON.stringify({ admins: { names: [], roles: [] }, members: { names: team, roles: [REPORTER_ROLE] } }),
  });
  const userUrl = `${server}/_users/${encodeURIComponent(`org.couchdb.user:${reporter.name}`)}`;
  const existing = await call(userUrl, {}, [404]);
  const user = existing.ok ? await existing.json() : { _id: `org.couchdb.user:${reporter.name}`, name: reporter.name, type: 'user', roles: [] };
  user.roles = [...new Set([...(user.roles || []), REPORTER_ROLE])];
  user.password = reporter.password;
  await call(userUrl, { method: 'PUT', body: JSON.stringify(user) });
  const guardUrl = `${url}/${INBOX_GUARD_ID}`;
  const guard = inboxGuardDocument();
  const current = await call(guardUrl, {}, [404]);
  if (current.ok) guard._rev = (await current.json())._rev;
  await call(guardUrl, { method: 'PUT', body: JSON.stringify(guard) });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [database, team, reporterName] = process.argv.slice(2);
  const { COUCH_ADMIN: name, COUCH_PASSWORD: password, REPORTER_PASSWORD: reporterPassword } = process.env;
  if (!database || !team || !name || !password || !reporterPassword) {
    console.error('usage: COUCH_ADMIN=<admin> COUCH_PASSWORD=<password> REPORTER_PASSWORD=<password> node scripts/couchdb/install-inbox.mjs <inbox database URL> <team names, comma-separated> [reporter account name]');
    process.exit(2);
  }
  const reporter = { name: reporterName || `${database.replace(/\/+$/, '').split('/').pop()}-reporter`, password: reporterPassword };
  installInbox(database, { name, password }, team.split(',').map((n) => n.trim()).filter(Boolean), reporter).then(
    () => console.log(`The inbox ${database} is ready: the reporter account is "${reporter.name}"; the team (${team}) reads it.`),
    (error) => { console.error(`The inbox was not set up: ${error.message}`); process.exit(1); },
  );
}
