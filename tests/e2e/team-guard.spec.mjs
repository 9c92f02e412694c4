// Handrail's guard (scripts/couchdb/guard.js) in a real CouchDB-compatible server: what a team
// member could write with any HTTP client, and what the database refuses. Every sync journey
// also runs with the guard installed, which shows it lets everything Handrail writes through.
import { test, expect } from './fixtures.mjs';
import { freshDatabase, memberFetch, adminFetch, ACCOUNTS } from './couch.mjs';

const E = 'q3m7xkd2pa';
const at = '2027-03-02T09:00:00Z';

/** An event as Handrail writes it (the guard does not recompute ids; the app does). */
const event = (id, by, title = 'Quote PDF shows the wrong VAT') => ({ id, at, by, change: { type: 'logged', title }, why: '' });
const issueDoc = (events, number = 1) => ({ format: 'handrail/issue', schema: 4, engagement: E, issue: { number, events } });

async function put(account, database, id, body) {
  const response = await memberFetch(account, `/${database}/${encodeURIComponent(id)}`, { method: 'PUT', body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

const forbidden = (answer, words) => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(403);
  expect(answer.body.error).toBe('forbidden');
  expect(answer.body.reason).toContain(words);
};

test('the guard refuses forged, rewritten and removed events, and a second claim on a number', async () => {
  await freshDatabase('guard-events');
  const db = 'guard-events';
  const created = await put(ACCOUNTS.alice, db, `issue:${E}:1`, issueDoc([event('e1', 'alice')]));
  expect(created.status).toBe(201);
  const rev = created.body.rev;

  // Bob adds an event in Alice's name.
  forbidden(await put(ACCOUNTS.bob, db, `issue:${E}:1`, { ...issueDoc([event('e1', 'alice'), event('e2', 'alice', 'forged')]), _rev: rev }),
    'signed by the account that writes it (bob), not by alice');
  // Bob rewrites Alice's event, or removes it.
  forbidden(await put(ACCOUNTS.bob, db, `issue:${E}:1`, { ...issueDoc([event('e1', 'bob')]), _rev: rev }),
    'cannot be changed once it is written');
  forbidden(await put(ACCOUNTS.bob, db, `issue:${E}:1`, { ...issueDoc([event('e2', 'bob')]), _rev: rev }),
    'cannot be removed');
  // His own event, beside hers, goes in.
  const added = await put(ACCOUNTS.bob, db, `issue:${E}:1`, { ...issueDoc([event('e1', 'alice'), event('e2', 'bob', 'Also on EU quotes')]), _rev: rev });
  expect(added.status).toBe(201);

  // An id that does not match the content.
  forbidden(await put(ACCOUNTS.alice, db, `issue:${E}:7`, issueDoc([event('e9', 'alice')], 8)), 'does not match its id');
  forbidden(await put(ACCOUNTS.alice, db, `issue:otherengag:1`, issueDoc([event('e9', 'alice')])), 'does not match its id');
  forbidden(await put(ACCOUNTS.alice, db, 'someone-elses-doc', { hello: 'world' }), 'Not a Handrail record');

  // Numbers are claimed once.
  const claim = { format: 'handrail/number', engagement: E, issue: 'e1' };
  const first = await put(ACCOUNTS.alice, db, `number:${E}:1`, claim);
  expect(first.status).toBe(201);
  forbidden(await put(ACCOUNTS.bob, db, `number:${E}:1`, { ...claim, issue: 'b1', _rev: first.body.rev }), 'claimed already');
  // Claiming it again as new is the database's own conflict, which the app reads as "taken".
  expect((await put(ACCOUNTS.bob, db, `number:${E}:1`, { ...claim, issue: 'b1' })).status).toBe(409);

  // Nothing is deleted by a member.
  const gone = await memberFetch(ACCOUNTS.bob, `/${db}/${encodeURIComponent(`issue:${E}:1`)}?rev=${added.body.rev}`, { method: 'DELETE' });
  expect(gone.status).toBe(403);
  const stored = await adminFetch(`/${db}/${encodeURIComponent(`issue:${E}:1`)}`).then((r) => r.json());
  expect(stored.issue.events.map((e) => `${e.id}:${e.by}`)).toEqual(['e1:alice', 'e2:bob']);
});

test('the guard keeps approved charter revisions and a signed exit review as they are', async () => {
  await freshDatabase('guard-frozen');
  const db = 'guard-frozen';
  const revision = { number: 1, charter: { system: 'Salesforce' }, approval: { name: 'M. Okafor', role: 'Sponsor', date: '2027-02-20' } };
  const review = { step: 4, exceptions: [], signed_at: '2027-04-01T10:00:00Z', frozen_markdown: '# Signed' };
  const head = (charter, exitReview) => ({
    format: 'handrail/engagement', schema: 4,
    engagement: { id: E, name: 'Acme CRM rollout', charter, exit_review: exitReview },
  });
  const created = await put(ACCOUNTS.alice, db, `engagement:${E}`, head({ revisions: [revision] }, review));
  expect(created.status).toBe(201);
  const rev = created.body.rev;
  forbidden(await put(ACCOUNTS.bob, db, `engagement:${E}`, { ...head({ revisions: [] }, review), _rev: rev }),
    'Approved charter revision 1 cannot be changed or removed');
  forbidden(await put(ACCOUNTS.bob, db, `engagement:${E}`, { ...head({ revisions: [{ ...revision, approval: { ...revision.approval, name: 'Bob' } }] }, review), _rev: rev }),
    'Approved charter revision 1');
  forbidden(await put(ACCOUNTS.bob, db, `engagement:${E}`, { ...head({ revisions: [revision] }, { ...review, frozen_markdown: '# Edited' }), _rev: rev }),
    'The exit review is signed');
  forbidden(await put(ACCOUNTS.bob, db, `engagement:otherengag`, head({ revisions: [] }, null)), 'does not match its id');
  // Anything else in the head changes as usual, and a new revision can be added.
  const renamed = await put(ACCOUNTS.bob, db, `engagement:${E}`, {
    ...head({ revisions: [revision, { ...revision, number: 2 }] }, review), _rev: rev,
  });
  expect(renamed.status).toBe(201);
});
