// Handrail's inbox guard: the validate_doc_update function of a team's report inbox (see
// docs/intake.md and the README). install-inbox.mjs installs it as `_design/handrail-inbox`.
//
// The reporter account (role "handrail-reporter") may only add new report documents:
// {"_id": "report:<id>", "type": "handrail-report", "sealed": "<sealed report>"}. It can never
// change or delete one (its own or another's), nor write anything else. Everyone else who is
// not a database admin may not write at all: the team only reads the inbox.
function (newDoc, oldDoc, userCtx) {
  if (userCtx.roles.indexOf('_admin') !== -1) return;
  if (userCtx.roles.indexOf('handrail-reporter') === -1) {
    throw({ forbidden: 'Only the report page writes to this inbox; the hypercare team reads it.' });
  }
  if (oldDoc || newDoc._deleted) {
    throw({ forbidden: 'A report, once in the inbox, is never changed or removed by a reporter.' });
  }
  if (!/^report:[A-Za-z0-9_-]{16,64}$/.test(newDoc._id) || newDoc.type !== 'handrail-report') {
    throw({ forbidden: 'Only report documents may be written here.' });
  }
  if (typeof newDoc.sealed !== 'string' || newDoc.sealed.length > 40000 || !/^[A-Za-z0-9_-]+$/.test(newDoc.sealed)) {
    throw({ forbidden: 'A report document holds one sealed report.' });
  }
  for (var key in newDoc) {
    if (['_id', '_rev', '_revisions', 'type', 'sealed'].indexOf(key) === -1) {
      throw({ forbidden: 'A report document holds nothing but its sealed report (found "' + key + '").' });
    }
  }
}
