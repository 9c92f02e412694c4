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
