// Playwright's global setup: starts the team database before the journeys and returns the
// teardown that stops it, also when tests fail.
import { startServer, stopServer, wipe } from './couch.mjs';

export default async function setup() {
  wipe();
  await startServer();
  return async () => {
    await stopServer();
    wipe();
  };
}
