// cx-feedback end to end: the real binary, a real MariaDB, called over TCP as
// a Node.js BFF would, and by an operator through reflection alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import grpc from '@grpc/grpc-js';
import {
  startFeedback, token, feedbackClient, healthCheck, errorDetails, mariadb, buf,
  randomDatabase, requireTestDatabase, submitOnStream, statusDetails,
} from './harness.mjs';

const nps = {
  display_name: 'Relationship NPS',
  default_locale: 'en',
  questions: [
    { id: 'recommend', type: 'QUESTION_TYPE_NPS', required: true, text: { en: 'Recommend us?', sv: 'Rekommendera oss?' } },
    { id: 'reason', type: 'QUESTION_TYPE_FREE_TEXT', text: { en: 'Why?' } },
  ],
};

let server;
let admin;
let survey;

before(async (t) => {
  if (!process.env.CX_TEST_MYSQL_SOCKET) return;
  server = await startFeedback(randomDatabase(t));
  admin = feedbackClient(server.address, token('e2e', 'admin,analyst,ingest'));
  const draft = await admin.CreateSurvey({ survey: nps, request_id: 'e2e-create' });
  survey = await admin.PublishSurvey({ name: draft.name });
});

after(async () => {
  admin?.close();
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
});

test('a BFF creates, answers and lists with retries and error details', async (t) => {
  if (!requireTestDatabase(t)) return;
  assert.equal(survey.state, 'STATE_PUBLISHED');
  const request = {
    parent: survey.name,
    request_id: 'bff-retry-1',
    response: {
      channel: 'CHANNEL_EMAIL', customer_id: 'cust-7', locale: 'sv',
      answers: [{ question_id: 'recommend', score: 3 }, { question_id: 'reason', text: 'För dyrt' }],
    },
  };
  const first = await admin.SubmitResponse(request);
  const retry = await admin.SubmitResponse(request);
  assert.equal(retry.name, first.name, 'a retry with the same request_id returns the first response');
  const list = await admin.ListResponses({ parent: survey.name, filter: 'customer_id = "cust-7" AND score <= 6' });
  assert.equal(list.responses.length, 1);
  assert.equal(list.responses[0].answers[1].text, 'För dyrt');

  await assert.rejects(
    admin.SubmitResponse({ parent: survey.name, response: { channel: 'CHANNEL_WEB', answers: [{ question_id: 'recommend', score: 42 }] } }),
    (err) => {
      assert.equal(err.code, grpc.status.INVALID_ARGUMENT);
      const bad = errorDetails(err).find((d) => d.type === 'google.rpc.BadRequest');
      assert.deepEqual(bad.value.field_violations.map((v) => v.field), ['response.answers[0].score']);
      return true;
    });
});

test('a BFF streams submissions and gets exactly one reply for each', async (t) => {
  if (!requireTestDatabase(t)) return;
  const submissions = Array.from({ length: 600 }, (_, i) => ({
    parent: survey.name,
    request_id: `stream-${i}`,
    response: { channel: 'CHANNEL_CHAT', customer_id: 'cust-stream',
      answers: [{ question_id: 'recommend', score: i % 11 }, { question_id: 'reason', text: 'Slow delivery' }] },
  }));
  submissions[100].response.answers[0].score = 11;
  submissions[200].request_id = 'stream-199';  // a resend of 199
  const { replies, repeated, status } =
    await submitOnStream(server.address, token('e2e', 'ingest'), submissions);
  assert.equal(status.code, grpc.status.OK, status.details);
  assert.deepEqual(repeated, []);
  assert.equal(replies.size, 600);
  const bad = replies.get(100);
  assert.equal(bad.result, 'error');
  assert.equal(bad.error.code, grpc.status.INVALID_ARGUMENT);
  assert.deepEqual(
    statusDetails(bad.error).find((d) => d.type === 'google.rpc.BadRequest').value.field_violations
      .map((v) => v.field),
    ['response.answers[0].score']);
  assert.equal(replies.get(200).response.name, replies.get(199).response.name);
  assert.equal(replies.get(5).request_id, 'stream-5');
  assert.equal(replies.get(5).response.answers[1].analysis.sentiment, 'SENTIMENT_NEGATIVE',
    'streamed text is analysed like any other');

  const stored = await admin.ListResponses({ parent: survey.name, page_size: 1000, filter: 'customer_id = "cust-stream"' });
  assert.equal(stored.responses.length, 598, 'every good submission once, the bad one not at all');

  const { replies: none, status: refused } =
    await submitOnStream(server.address, token('e2e', 'analyst'), submissions.slice(0, 3));
  assert.equal(refused.code, grpc.status.PERMISSION_DENIED);
  assert.equal(none.size, 0);
});

test('a CX lead sees which topics customers complain about, read back from MariaDB', async (t) => {
  if (!requireTestDatabase(t)) return;
  const seconds = Math.floor(Date.now() / 1000);
  const comments = [
    [9, 'Fast delivery, but the invoice was wrong again.'],
    [2, 'Billing errors every month, terrible.'],
    [10, 'Quick delivery and friendly support.'],
  ];
  for (const [score, text] of comments) {
    await admin.SubmitResponse({
      parent: survey.name,
      response: { channel: 'CHANNEL_WEB', answers: [{ question_id: 'recommend', score }, { question_id: 'reason', text }] },
    });
  }
  const analysis = await admin.AnalyzeText({ text: comments[0][1] });
  assert.deepEqual(analysis.topic_sentiments.map((s) => [s.topic, s.sentiment]),
    [['delivery', 'SENTIMENT_POSITIVE'], ['billing', 'SENTIMENT_NEGATIVE']]);
  // Only this test's responses were submitted in the last minute or so;
  // earlier tests' are in the period too, so compare topics, not totals.
  const summary = await admin.GetTopicSummary({
    parent: survey.name,
    start_time: { seconds: String(seconds - 3600) },
    end_time: { seconds: String(seconds + 3600) },
    compare_previous: true,
  });
  const byTopic = Object.fromEntries(summary.topics.map((f) => [f.topic, f]));
  // Nothing was submitted in the two hours before: billing is new.
  // (defaults: false leaves zeros out)
  assert.equal(summary.previous.commented ?? '0', '0');
  assert.equal(byTopic.billing.change.previous_mentions ?? '0', '0');
  assert.ok(byTopic.billing.change.share_change > 0);
  assert.equal(byTopic.billing.mentions, '2');
  assert.equal(byTopic.billing.negative, '2');
  assert.equal(byTopic.delivery.positive, '2');
  assert.equal(byTopic.billing.nps.n, '2');
  assert.equal(byTopic.billing.nps.nps ?? 0, 0, 'one promoter, one detractor');
  // From a keyword to the comments behind it, matched in MariaDB.
  const behind = await admin.ListResponses({ parent: survey.name, filter: 'keyword = "Invoice"' });
  assert.deepEqual(behind.responses.map((r) => r.answers[1].text), [comments[0][1]]);
});

test('a CX lead turns an uncovered keyword into a topic with its history, and agents close the loop with a root cause', async (t) => {
  if (!requireTestDatabase(t)) return;
  // A tenant of its own: its taxonomy changes here.
  const lead = feedbackClient(server.address, token('e2e-loop', 'admin,analyst,agent,ingest'));
  const draft = await lead.CreateSurvey({ survey: nps });
  const own = await lead.PublishSurvey({ name: draft.name });
  const seconds = Math.floor(Date.now() / 1000);
  for (const text of ['The portal rejects my password, useless.', 'Cannot open the portal at all, awful.']) {
    await lead.SubmitResponse({
      parent: own.name,
      response: { channel: 'CHANNEL_WEB', answers: [{ question_id: 'recommend', score: 2 }, { question_id: 'reason', text }] },
    });
  }
  const period = { start_time: { seconds: String(seconds - 3600) }, end_time: { seconds: String(seconds + 3600) } };
  const before = await lead.GetTopicSummary({ parent: 'surveys/-', ...period });
  assert.equal(before.without_topic, '2');
  assert.equal(before.uncovered_keywords.find((k) => k.keyword === 'portal')?.responses, '2');

  const taxonomy = await lead.GetTopicTaxonomy({});
  taxonomy.topics.push({ name: 'portal', keywords: { en: { keywords: ['portal'] } } });
  await lead.UpdateTopicTaxonomy({ taxonomy });
  let page = { next_page_token: '' };
  let changed = 0;
  do {
    page = await lead.ReanalyzeResponses({ parent: 'surveys/-', page_size: 1, page_token: page.next_page_token });
    changed += Number(page.changed ?? 0);
  } while (page.next_page_token);
  assert.equal(changed, 2);
  const complaints = await lead.ListResponses({ parent: 'surveys/-', filter: 'negative_topic = "portal"' });
  assert.equal(complaints.responses.length, 2);

  // The detractors' cases, earliest deadline first; one resolved with its cause.
  const queue = await lead.ListCases({ order_by: 'due_time' });
  assert.equal(queue.cases.length, 2);
  assert.ok(Number(queue.cases[0].due_time.seconds) <= Number(queue.cases[1].due_time.seconds));
  const resolved = await lead.UpdateCase({
    case: { ...queue.cases[0], state: 'STATE_RESOLVED', root_cause: 'portal' },
    update_mask: { paths: ['state', 'root_cause'] },
    note: 'Password reset fixed; portal bug reported.',
  });
  assert.equal(resolved.root_cause, 'portal');
  const stats = await lead.GetCaseStatistics(period);
  assert.deepEqual(stats.root_causes.map((c) => [c.root_cause, c.cases]), [['portal', '1']]);
  lead.close();
});

test('tenants and roles are enforced over the wire', async (t) => {
  if (!requireTestDatabase(t)) return;
  const other = feedbackClient(server.address, token('other-tenant', 'admin'));
  await assert.rejects(other.GetSurvey({ name: survey.name }), { code: grpc.status.NOT_FOUND });
  other.close();
  const agent = feedbackClient(server.address, token('e2e', 'agent'));
  await assert.rejects(agent.CreateSurvey({ survey: nps }), { code: grpc.status.PERMISSION_DENIED });
  agent.close();
  const anonymous = feedbackClient(server.address, null);
  await assert.rejects(anonymous.ListSurveys({}), (err) => {
    assert.equal(err.code, grpc.status.UNAUTHENTICATED);
    assert.equal(errorDetails(err).find((d) => d.type === 'google.rpc.ErrorInfo').value.reason, 'MISSING_CREDENTIALS');
    return true;
  });
  anonymous.close();
});

test('an operator lists and calls methods through reflection alone (buf curl)', async (t) => {
  if (!requireTestDatabase(t)) return;
  const methods = buf(['--list-methods', `http://${server.address}`]);
  for (const m of ['cx.feedback.v1.FeedbackService/SubmitResponse', 'grpc.health.v1.Health/Check',
    'grpc.channelz.v1.Channelz/GetServers']) {
    assert.ok(methods.includes(m), `${m} listed`);
  }
  const health = JSON.parse(buf(['-d', '{"service":"cx.feedback.v1.FeedbackService"}',
    `http://${server.address}/grpc.health.v1.Health/Check`]));
  assert.equal(health.status, 'SERVING');
  const body = JSON.stringify({
    parent: survey.name,
    response: { channel: 'CHANNEL_PHONE', customer_id: 'cust-buf', answers: [{ question_id: 'recommend', score: 10 }] },
  });
  const out = JSON.parse(buf(['-H', `authorization: Bearer ${token('e2e', 'ingest')}`, '-d', body,
    `http://${server.address}/cx.feedback.v1.FeedbackService/SubmitResponse`]));
  assert.match(out.name, new RegExp(`^${survey.name}/responses/[0-9a-f]{32}$`));
  const stored = await admin.GetResponse({ name: out.name });
  assert.equal(stored.channel, 'CHANNEL_PHONE');
});

test('MariaDB restarted under the running service: UNAVAILABLE, then recovery', async (t) => {
  if (!requireTestDatabase(t)) return;
  const pid = server.child.pid;
  mariadb('stop');
  try {
    await assert.rejects(admin.GetSurvey({ name: survey.name }), (err) => {
      assert.equal(err.code, grpc.status.UNAVAILABLE);
      assert.ok(errorDetails(err).some((d) => d.type === 'google.rpc.RetryInfo'));
      return true;
    });
    let status;
    for (let i = 0; i < 50 && status !== 'NOT_SERVING'; i++) {
      status = await healthCheck(server.address, 'cx.feedback.v1.FeedbackService');
      if (status !== 'NOT_SERVING') await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(status, 'NOT_SERVING', 'health follows the store');
  } finally {
    mariadb('start');
  }
  let recovered = null;
  for (let i = 0; i < 100 && !recovered; i++) {
    try {
      recovered = await admin.GetSurvey({ name: survey.name });
    } catch (err) {
      assert.equal(err.code, grpc.status.UNAVAILABLE);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  assert.equal(recovered?.name, survey.name);
  assert.equal(server.child.pid, pid);
  assert.equal(server.child.exitCode, null, 'the service was not restarted');
  const response = await admin.SubmitResponse({ parent: survey.name, response: { channel: 'CHANNEL_WEB', answers: [{ question_id: 'recommend', score: 9 }] } });
  assert.ok(response.name);
});

test('SIGTERM drains and exits cleanly', async (t) => {
  if (!requireTestDatabase(t)) return;
  server.child.kill('SIGTERM');
  const { code } = await server.exited;
  assert.equal(code, 0);
});
