// What the benchmarks seed: an approved charter as stored, and a headless Chromium.
import { chromium } from 'playwright-core';

/** The charter file of an engagement with one approved revision (London, 3 severities). */
export function charter() {
  const severities = [['critical', 'Critical', 2, 8, 'around_the_clock'], ['important', 'Important', 8, 24, 'working_hours'], ['minor', 'Minor', 24, 40, 'working_hours']]
    .map(([id, name, r, s, clock]) => ({ id, name, meaning: '', response_hours: r, resolution_hours: s, clock }));
  const cat = (id, name, in_scope, destination) => ({ id, name, description: name, examples: '', in_scope, destination });
  const categories = [cat('configuration-defects', 'Configuration defects', true, null), cat('user-questions', 'User questions', true, null),
    cat('new-report-development', 'New report development', false, 'enhancement_backlog')];
  const charter = { system: 'Bench', go_live: '2027-03-01', duration_weeks: 4, duration_reason: '',
    calendar: { time_zone: 'Europe/London', working_days: [true, true, true, true, true, false, false], day_starts: '09:00:00', day_ends: '17:00:00', holidays: [] },
    categories, severities, escalation: [{ name: 'A', role: 'B', how_to_reach: 'C', when: 'D' }],
    destinations: [{ destination: 'enhancement_backlog', contact: 'Sam', how_to_reach: '' }] };
  return { draft: null, revisions: [{ number: 1, charter, approval: { name: 'M', role: 'S', date: '2027-02-20' }, reason: null }] };
}

/** Headless Chromium as the benchmarks run it. */
export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
}

const words = ['Quote', 'PDF', 'VAT', 'report', 'pipeline', 'slow', 'search', 'owner', 'account', 'layout', 'approval', 'discount', 'import', 'email', 'calendar'];

/** One engagement with `n` issues (a third untriaged, a fifth of the rest out of scope), as
 * one schema 3 record: the first load migrates it. With `described`, each issue also has a
 * description of that many characters, as imported tickets do, to fill the storage. */
export function engagement(ID, n, described = 0) {
  const issues = [];
  const start = Date.parse('2027-03-01T09:00:00Z');
  for (let i = 1; i <= n; i++) {
    const at = new Date(start + i * 7 * 60 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
    const title = `${words[i % words.length]} ${words[(i * 7) % words.length]} issue ${i}`;
    const events = [{ at, by: '', change: { type: 'logged', title }, why: '' }];
    if (described) {
      const description = `${title}: ${words.join(' ')} `.repeat(Math.ceil(described / 120)).slice(0, described);
      events.push({ at, by: '', change: { type: 'described', title, description, reporter: 'Bench', reported_at: at, area: '' }, why: '' });
    }
    if (i % 3 !== 0) {
      const inScope = i % 5 !== 0;
      events.push({ at, by: '', change: { type: 'classified', category_id: inScope ? 'configuration-defects' : 'new-report-development', in_scope: inScope, rationale: '' }, why: '' });
      if (inScope) {
        events.push({ at, by: '', change: { type: 'severity', severity_id: ['critical', 'important', 'minor'][i % 3] }, why: '' });
        events.push({ at, by: '', change: { type: 'status', status: 'triaged' }, why: '' });
      } else {
        events.push({ at, by: '', change: { type: 'routed', destination: 'enhancement_backlog', overridden: false }, why: '' });
      }
    }
    issues.push({ number: i, events });
  }
  const record = { format: 'handrail/engagement', schema: 3, revision: 1, saved_at: '2027-03-01T09:00:00Z',
    engagement: { id: ID, name: `Benchmark ${n}`, system: 'Bench', go_live: '2027-03-01', created_at: '2027-03-01T09:00:00Z',
      updated_at: '2027-03-01T09:00:00Z', charter: charter(), issues } };
  return JSON.stringify(record);
}


/** The same engagement as already split into schema 4 records (key, text), for a storage too
 * full to hold the schema 3 record and its split at once. */
export function splitRecords(ID, raw) {
  const { revision, saved_at, engagement: whole } = JSON.parse(raw);
  const head = { format: 'handrail/engagement', schema: 4, revision, saved_at, engagement: { ...whole, issues: [] } };
  const issues = whole.issues.map((issue) => [`handrail:issue:${ID}:${issue.number}`,
    JSON.stringify({ format: 'handrail/issue', schema: 4, engagement: ID, revision, saved_at, issue })]);
  return [[`handrail:engagement:${ID}`, JSON.stringify(head)], ...issues];
}
