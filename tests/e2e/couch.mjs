// The team database of the sync journeys: a real CouchDB-compatible server (pouchdb-server) on
// loopback, with its data on disk so that it can be killed in the middle of a sync and started
// again with everything it had. Set up like a team admin sets up CouchDB (see the README): an
// admin, user accounts, a database per test whose members are the team, a validation function
// that lets only the team write, and Handrail's own guard (scripts/couchdb/guard.js).
//
// pouchdb-server differs from CouchDB 3 in two ways the app allows for: an account that is not a
// member gets 401 (CouchDB: 403) when it reads, and members are not checked on writes (hence the
// validation function, which CouchDB runs the same way and answers with 403 `forbidden`).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installGuard } from '../../scripts/couchdb/install-guard.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const COUCH_PORT = Number(process.env.COUCH_PORT || 5984 + Number(process.env.E2E_PORT || 8090) % 100);
export const COUCH_URL = `http://127.0.0.1:${COUCH_PORT}`;
// One folder per port, shared by the setup process and the test workers.
const home = path.join(os.tmpdir(), `handrail-couch-${COUCH_PORT}`);
export const ADMIN = { name: 'admin', password: 'admin-secret' };

export const ACCOUNTS = {
  alice: { name: 'alice', password: 'alice-secret' }, // project team
  bob: { name: 'bob', password: 'bob-secret' }, // business team
  carol: { name: 'carol', password: 'carol-secret' }, // not a member of any database
  dave: { name: 'dave', password: 'dave-secret' }, // a member who may read but not write
};

const authorization = `Basic ${Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64')}`;

/** A request to the server as its admin. */
export function adminFetch(pathname, init = {}) {
  return fetch(`${COUCH_URL}${pathname}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', Authorization: authorization, ...(init.headers || {}) },
  });
}

async function answers() {
  try {
    const response = await fetch(`${COUCH_URL}/`);
    return response.ok;
  } catch {
    return false;
  }
}

async function until(condition, what, ms = 20_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`pouchdb-server: ${what} within ${ms} ms (log: ${path.join(home, 'server.log')})`);
}

/** Starts the server on the data it has (none the first time) and waits until it answers. */
export async function startServer() {
  fs.mkdirSync(path.join(home, 'data'), { recursive: true });
  const log = fs.openSync(path.join(home, 'server.log'), 'a');
  // Its cwd is its own folder: pouchdb-server writes config.json and log.txt there.
  const server = spawn(process.execPath, [
    path.join(root, 'node_modules/pouchdb-server/bin/pouchdb-server'),
    '--dir', path.join(home, 'data'), '--host', '127.0.0.1', '--port', String(COUCH_PORT),
  ], { cwd: home, detached: true, stdio: ['ignore', log, log] });
  server.unref();
  fs.writeFileSync(path.join(home, 'pid'), String(server.pid));
  await until(answers, 'answer');
  // The first start leaves "admin party" by naming an admin; later starts read it from config.json.
  const party = await fetch(`${COUCH_URL}/_config/admins/${ADMIN.name}`, { method: 'PUT', body: JSON.stringify(ADMIN.password) });
  if (!party.ok && party.status !== 401) throw new Error(`pouchdb-server: admin not set (${party.status})`);
  // CouchDB keeps the secret that signs session cookies in its configuration, so sessions
  // outlive a restart; pouchdb-server makes a new one each start unless it is configured.
  const secret = await adminFetch('/_config/couch_httpd_auth/secret', { method: 'PUT', body: JSON.stringify('handrail-test-secret') });
  if (!secret.ok) throw new Error(`pouchdb-server: cookie secret not set (${secret.status})`);
}

function pid() {
  try { return Number(fs.readFileSync(path.join(home, 'pid'), 'utf8')); } catch { return 0; }
}

/** Stops the server: `SIGKILL` is the server dying, with no chance to finish what it does. */
export async function stopServer(signal = 'SIGTERM') {
  const running = pid();
  if (!running) return;
  try { process.kill(running, signal); } catch { /* already gone */ }
  await until(async () => !(await answers()), 'stop');
}

export const killServer = () => stopServer('SIGKILL');
export const restartServer = startServer;

/** Removes everything from earlier runs (the setup's first step). */
export function wipe() {
  fs.rmSync(home, { recursive: true, force: true });
}

async function ensureUser({ name, password }) {
  const id = `org.couchdb.user:${name}`;
  const existing = await adminFetch(`/_users/${encodeURIComponent(id)}`);
  if (existing.ok) return;
  const created = await adminFetch(`/_users/${encodeURIComponent(id)}`, {
    method: 'PUT', body: JSON.stringify({ name, password, roles: [], type: 'user' }),
  });
  // 409: another worker created the account meanwhile.
  if (!created.ok && created.status !== 409) throw new Error(`user ${name}: ${created.status} ${await created.text()}`);
}

/** A new, empty database `name` for the team (alice and bob; dave reads only); its URL. */
export async function freshDatabase(name) {
  for (const account of Object.values(ACCOUNTS)) await ensureUser(account);
  await adminFetch(`/${name}`, { method: 'DELETE' });
  const created = await adminFetch(`/${name}`, { method: 'PUT' });
  if (!created.ok) throw new Error(`database ${name}: ${created.status} ${await created.text()}`);
  await adminFetch(`/${name}/_security`, {
    method: 'PUT',
    body: JSON.stringify({ admins: { names: [], roles: [] }, members: { names: ['alice', 'bob', 'dave'], roles: [] } }),
  });
  await adminFetch(`/${name}/_design/team`, {
    method: 'PUT',
    body: JSON.stringify({
      validate_doc_update: `function (newDoc, oldDoc, userCtx) {
        var writers = ['alice', 'bob'];
        if (userCtx.roles.indexOf('_admin') === -1 && writers.indexOf(userCtx.name) === -1) {
          throw({ forbidden: 'Only the hypercare team may change this database.' });
        }
      }`,
    }),
  });
  // Handrail's own guard, installed the way the README tells an admin to.
  await installGuard(`${COUCH_URL}/${name}`, ADMIN.name, ADMIN.password);
  return `${COUCH_URL}/${name}`;
}

/** A request to the server as `account` (basic authentication, as any HTTP client could). */
export function memberFetch(account, pathname, init = {}) {
  const authorization = `Basic ${Buffer.from(`${account.name}:${account.password}`).toString('base64')}`;
  return fetch(`${COUCH_URL}${pathname}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', Authorization: authorization, ...(init.headers || {}) },
  });
}

/** Gives account `name` a new password, as an admin would; its open sessions end with it. */
export async function setPassword(name, password) {
  const id = encodeURIComponent(`org.couchdb.user:${name}`);
  const user = await adminFetch(`/_users/${id}`).then((r) => r.json());
  const saved = await adminFetch(`/_users/${id}`, { method: 'PUT', body: JSON.stringify({ ...user, password }) });
  if (!saved.ok) throw new Error(`password of ${name}: ${saved.status} ${await saved.text()}`);
}
