// Acknowledged means durable: SIGKILL cx-feedback while 64 clients submit,
// restart it on the same database, and find every acknowledged response.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  startFeedback, token, feedbackClient, randomDatabase, requireTestDatabase, publishedNpsSurvey,
} from './harness.mjs';

test('no acknowledged response is lost when the service is killed mid-ingest', async (t) => {
  if (!requireTestDatabase(t)) return;
  const database = randomDatabase();
  let server = await startFeedback(database);
  const bearer = token('durable', 'admin,ingest,analyst');
  let client = feedbackClient(server.address, bearer);
  const survey = await publishedNpsSurvey(client, 'Durability');

  const acknowledged = new Set();
  let failed = 0;
  let stop = false;
  const worker = async (w) => {
    for (let i = 0; !stop && i < 100000; i++) {
      try {
        const r = await client.SubmitResponse({
          parent: survey.name,
          request_id: `w${w}-${i}`,
          response: { channel: 'CHANNEL_WEB', customer_id: `c-${w}`, answers: [{ question_id: 'nps', score: i % 11 }] },
        }, 2000);
        acknowledged.add(r.name);
      } catch {
        failed++;  // in flight when the process died: not acknowledged
        if (stop) return;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  const workers = Array.from({ length: 64 }, (_, w) => worker(w));
  // Let ingest reach full speed, then pull the plug without warning.
  while (acknowledged.size < 1500) await new Promise((r) => setTimeout(r, 20));
  server.child.kill('SIGKILL');
  await server.exited;
  stop = true;
  await Promise.all(workers);
  client.close();
  const ackedBeforeKill = acknowledged.size;
  assert.ok(ackedBeforeKill >= 1500);

  server = await startFeedback(database);
  client = feedbackClient(server.address, bearer);
  const stored = new Set();
  let pageToken = '';
  do {
    const page = await client.ListResponses({ parent: survey.name, page_size: 1000, page_token: pageToken });
    for (const r of page.responses) stored.add(r.name);
    pageToken = page.next_page_token;
  } while (pageToken);
  const lost = [...acknowledged].filter((name) => !stored.has(name));
  t.diagnostic(`acknowledged ${ackedBeforeKill}, stored ${stored.size}, failed in flight ${failed}`);
  assert.deepEqual(lost, [], 'every acknowledged response survived SIGKILL');
  client.close();
  server.child.kill('SIGTERM');
  await server.exited;
});
