// Acknowledged means durable: SIGKILL cx-feedback while 64 clients submit,
// restart it on the same database, and find every acknowledged response.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  startFeedback, token, feedbackClient, randomDatabase, requireTestDatabase, publishedNpsSurvey,
  streamResponses, storedResponses,
} from './harness.mjs';

test('no acknowledged response is lost when the service is killed mid-ingest', async (t) => {
  if (!requireTestDatabase(t)) return;
  const database = randomDatabase();
  let server = await startFeedback(database);
  const bearer = token('durable', 'admin,ingest,analyst');
  let client = feedbackClient(server.address, bearer);
  const survey = await publishedNpsSurvey(client, 'Durability');

  const stream = streamResponses(() => client, survey, 64);
  // Let ingest reach full speed, then pull the plug without warning.
  await stream.until(1500);
  server.child.kill('SIGKILL');
  await server.exited;
  await stream.stop();
  client.close();
  const { acknowledged } = stream;
  const ackedBeforeKill = acknowledged.size;
  assert.ok(ackedBeforeKill >= 1500);

  server = await startFeedback(database);
  client = feedbackClient(server.address, bearer);
  const stored = await storedResponses(client, survey);
  const lost = [...acknowledged].filter((name) => !stored.has(name));
  t.diagnostic(`acknowledged ${ackedBeforeKill}, stored ${stored.size}, failed in flight ${stream.failed()}`);
  assert.deepEqual(lost, [], 'every acknowledged response survived SIGKILL');
  client.close();
  server.child.kill('SIGTERM');
  await server.exited;
});
