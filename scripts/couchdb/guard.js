// Handrail's guard for a team database: CouchDB runs this validate_doc_update function on every
// write and refuses (403 `forbidden`) what no Handrail would ever write. Installed as the design
// document `_design/handrail-guard` by `node scripts/couchdb/install-guard.mjs` (see README).
//
// It refuses, for every account but the database's admins:
// - a document whose id does not match its content (engagement, issue number);
// - an event added under another name than the signed-in account's;
// - a change to, or the removal of, an event already written;
// - a change to an approved charter revision, or to a signed exit review;
// - a second claim on an issue number;
// - deleting a Handrail record.
// A new issue document may bring the history it already has (events written before the
// engagement synced, under the names typed in then): the checks on authors apply from then on.
//
// Written in ES5: CouchDB's JavaScript engine may be an old SpiderMonkey.
function (newDoc, oldDoc, userCtx) {
  if (userCtx.roles.indexOf('_admin') !== -1) return;
  function refuse(why) {
    throw ({ forbidden: why });
  }
  var id = String(newDoc._id);
  if (id.indexOf('_design/') === 0) refuse('Only the database admin changes design documents.');
  if (newDoc._deleted) refuse('Handrail records are never deleted by a team member; ask the database admin.');
  var parts = id.split(':');
  var kind = parts[0];
  var engagement = parts[1];
  var old = oldDoc && !oldDoc._deleted ? oldDoc : null;

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  if (kind === 'engagement') {
    if (parts.length !== 2 || !newDoc.engagement || newDoc.engagement.id !== engagement) {
      refuse('This engagement record does not match its id ' + id + '.');
    }
    if (!old || !old.engagement) return;
    var before = old.engagement.charter && old.engagement.charter.revisions || [];
    var after = newDoc.engagement.charter && newDoc.engagement.charter.revisions || [];
    for (var r = 0; r < before.length; r++) {
      var kept = false;
      for (var s = 0; s < after.length; s++) {
        if (after[s].number === before[r].number && same(after[s], before[r])) kept = true;
      }
      if (!kept) refuse('Approved charter revision ' + before[r].number + ' cannot be changed or removed.');
    }
    var review = old.engagement.exit_review;
    if (review && review.signed_at && !same(review, newDoc.engagement.exit_review)) {
      refuse('The exit review is signed: it cannot be changed.');
    }
    return;
  }

  if (kind === 'issue') {
    var issue = newDoc.issue;
    if (parts.length !== 3 || newDoc.engagement !== engagement || !issue || String(issue.number) !== parts[2]) {
      refuse('This issue record does not match its id ' + id + '.');
    }
    if (!old) return;
    var written = {};
    var events = old.issue && old.issue.events || [];
    for (var i = 0; i < events.length; i++) written[events[i].id] = JSON.stringify(events[i]);
    var present = {};
    var incoming = issue.events || [];
    for (var j = 0; j < incoming.length; j++) {
      var event = incoming[j];
      present[event.id] = true;
      if (written[event.id] === undefined) {
        if (event.by !== userCtx.name) {
          refuse('An event must be signed by the account that writes it (' + userCtx.name + '), not by ' + event.by + '.');
        }
      } else if (written[event.id] !== JSON.stringify(event)) {
        refuse('An event cannot be changed once it is written (' + event.id + ').');
      }
    }
    for (var k in written) {
      if (!present[k]) refuse('An event cannot be removed once it is written (' + k + ').');
    }
    return;
  }

  if (kind === 'number') {
    if (parts.length !== 3 || newDoc.engagement !== engagement || typeof newDoc.issue !== 'string') {
      refuse('This issue number claim does not match its id ' + id + '.');
    }
    // A second claimant sends no revision: the database itself answers 409 (CouchDB before
    // running this function; some compatible servers after it, so it must not refuse that
    // here). Only writing over the claim, with its revision, is refused.
    if (old && newDoc._rev) refuse('Issue number ' + parts[2] + ' is claimed already.');
    return;
  }

  refuse('Not a Handrail record: ' + id + '.');
}
