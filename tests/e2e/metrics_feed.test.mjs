// Every acknowledged response is counted exactly once in cx-metrics, even when
// cx-metrics and then cx-feedback are SIGKILLed while responses stream in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  BUILD, startFeedback, startMetrics, freePort, token, feedbackClient, metricsClient,
  randomDatabase, requireTestDatabase, publishedNpsSurvey, serviceEnv,
  streamResponses, storedResponses,
} from './harness.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function dateOf(d) {
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

test('rollups equal the acknowledged responses after both services are killed', async (t) => {
  if (!requireTestDatabase(t)) return;
  const feedbackDb = randomDatabase(t);
  const metricsDb = randomDatabase(t);
  const metricsListen = `127.0.0.1:${await freePort()}`;
  let metrics = await startMetrics(metricsDb, metricsListen);
  const relayArgs = [`--metrics_address=${metricsListen}`];
  let feedback = await startFeedback(feedbackDb, relayArgs);
  const bearer = token('fed', 'admin,ingest,analyst');
  let client = feedbackClient(feedback.address, bearer);
  const survey = await publishedNpsSurvey(client, 'Feed');

  const stream = streamResponses(() => client, survey, 32);
  const { acknowledged, until } = stream;

  // 1. Kill cx-metrics mid-stream: feedback keeps acknowledging, the outbox
  //    holds the events, the relay backs off.
  await until(500);
  metrics.child.kill('SIGKILL');
  await metrics.exited;
  await until(1000);
  metrics = await startMetrics(metricsDb, metricsListen);
  // 2. Kill cx-feedback mid-stream, with events still in its outbox.
  await until(1800);
  feedback.child.kill('SIGKILL');
  await feedback.exited;
  client.close();
  feedback = await startFeedback(feedbackDb, relayArgs);
  client = feedbackClient(feedback.address, bearer);
  await until(2500);
  await stream.stop();

  // Everything committed in feedback: every acknowledged response and those
  // committed just before the kill without an acknowledgement.
  const stored = await storedResponses(client, survey);
  assert.deepEqual([...acknowledged].filter((n) => !stored.has(n)), []);

  // Wait for the relay to drain the outbox.
  let status;
  for (let i = 0; i < 600; i++) {
    status = await client.GetOutboxStatus({});
    if (Number(status.pending_events ?? 0) === 0) break;
    await sleep(100);
  }
  assert.equal(Number(status.pending_events ?? 0), 0, `outbox drained: ${JSON.stringify(status)}`);

  const now = new Date();
  const m = metricsClient(metrics.address, bearer);
  const query = (type, extra = {}) => m.QueryMetric({
    metric: { type },
    start_date: dateOf(new Date(now.getTime() - 86400e3)),
    end_date: dateOf(new Date(now.getTime() + 86400e3)),
    ...extra,
  });
  const volume = await query('METRIC_TYPE_RESPONSE_VOLUME');
  const nps = await query('METRIC_TYPE_NPS', { group_by: ['DIMENSION_CHANNEL'] });
  const counted = Number(volume.series[0].total.n);
  const byChannel = nps.series.reduce((sum, s) => sum + Number(s.total.n), 0);
  t.diagnostic(`acknowledged ${acknowledged.size}, committed ${stored.size}, counted ${counted}`);
  assert.equal(counted, stored.size, 'every committed response counted exactly once');
  assert.equal(byChannel, stored.size);

  // And the rollups equal a recount of the facts.
  const verify = execFileSync(path.join(BUILD, 'tools/cxctl/cxctl'), ['metrics', 'verify'],
    { env: serviceEnv(metricsDb) }).toString();
  assert.match(verify, /fed: 0 rollup rows differ/);

  m.close();
  client.close();
  for (const s of [feedback, metrics]) s.child.kill('SIGTERM');
  await Promise.all([feedback.exited, metrics.exited]);
});
