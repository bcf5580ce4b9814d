// Acknowledged means durable: SIGKILL cx-feedback while 64 clients submit
// (and a SubmitResponses stream pipelines more), restart it on the same
// database, and find every acknowledged response.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  startFeedback, token, feedbackClient, randomDatabase, requireTestDatabase, publishedNpsSurvey,
  streamResponses, storedResponses, pipelineResponses,
} from './harness.mjs';

test('no acknowledged response is lost when the service is killed mid-ingest', async (t) => {
  if (!requireTestDatabase(t)) return;
  const database = randomDatabase(t);
  let server = await startFeedback(database);
  const bearer = token('durable', 'admin,ingest,analyst');
  let client = feedbackClient(server.address, bearer);
  const survey = await publishedNpsSurvey(client, 'Durability');

  const stream = streamResponses(() => client, survey, 64);
  const pipeline = pipelineResponses(server.address, bearer, survey, 128);
  // Let ingest reach full speed, then pull the plug without warning.
  try {
    await stream.until(1500);
  } catch (err) {
    const exitCode = server.child.exitCode;
    server.child.kill('SIGKILL');
    await stream.stop();
    await pipeline.stop();
    client.close();
    throw new Error(`${err.message}; cx-feedback exit ${exitCode}, log: ${server.log().slice(-2000)}`);
  }
  server.child.kill('SIGKILL');
  await server.exited;
  await stream.stop();
  const { status } = await pipeline.ended;
  client.close();
  assert.notEqual(status.code, 0, 'the stream ends with the server');
  const acknowledged = new Set([...stream.acknowledged, ...pipeline.acknowledged]);
  const ackedBeforeKill = acknowledged.size;
  assert.ok(stream.acknowledged.size >= 1500);
  assert.ok(pipeline.acknowledged.size > 0, 'the stream was acknowledged too');

  server = await startFeedback(database);
  client = feedbackClient(server.address, bearer);
  const stored = await storedResponses(client, survey);
  const lost = [...acknowledged].filter((name) => !stored.has(name));
  t.diagnostic(`acknowledged ${ackedBeforeKill} (${pipeline.acknowledged.size} on the stream), stored ${stored.size}, failed in flight ${stream.failed()}`);
  assert.deepEqual(lost, [], 'every acknowledged response survived SIGKILL');
  client.close();
  server.child.kill('SIGTERM');
  await server.exited;
});
