// Starting the real binaries against the test MariaDB for end-to-end tests.
import { spawn, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';

export const BUILD = process.env.CX_BUILD_DIR;
export const SOURCE = process.env.CX_SOURCE_DIR;
export const SECRET = 'e2e-secret-0123456789abcdef0123456789';
const PROTO_DIRS = [path.join(SOURCE, 'protos'), path.join(SOURCE, 'protos/third_party')];

export function requireTestDatabase(t) {
  if (!process.env.CX_TEST_MYSQL_SOCKET) {
    t.skip('CX_TEST_MYSQL_SOCKET is not set; run ./cx test');
    return false;
  }
  return true;
}

export function serviceEnv(database) {
  return {
    ...process.env,
    CX_MYSQL_SOCKET: process.env.CX_TEST_MYSQL_SOCKET,
    CX_MYSQL_USER: process.env.CX_TEST_MYSQL_USER,
    CX_MYSQL_PASSWORD: process.env.CX_TEST_MYSQL_PASSWORD,
    CX_MYSQL_DATABASE: database,
    CX_JWT_SECRET: SECRET,
  };
}

// Starts a service binary (path under the build dir) on `listen`; resolves
// once it is serving.
async function startService(binary, database, listen, extraArgs) {
  const dir = mkdtempSync(path.join(tmpdir(), 'cx-e2e-'));
  const portFile = path.join(dir, 'port');
  const child = spawn(path.join(BUILD, binary),
    [`--listen=${listen}`, `--port_file=${portFile}`, '--shutdown_grace_seconds=5', ...extraArgs],
    { env: serviceEnv(database), stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let port;
  try {
    for (let i = 0; i < 300 && !existsSync(portFile); i++) {
      if (child.exitCode !== null) throw new Error(`${binary} exited: ${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    port = Number(readFileSync(portFile, 'utf8').trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });  // the port was all it held
  }
  return { child, port, address: `127.0.0.1:${port}`, exited, log: () => log };
}

// cx-feedback on a free loopback port (or `listen`).
export function startFeedback(database, extraArgs = [], listen = '127.0.0.1:0') {
  return startService('services/feedback/cx-feedback', database, listen, extraArgs);
}

// cx-metrics; give a fixed `listen` to restart it where a relay expects it.
export function startMetrics(database, listen = '127.0.0.1:0') {
  return startService('services/metrics/cx-metrics', database, listen, []);
}

// A loopback port nothing listens on right now.
export function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function token(tenant, roles) {
  return execFileSync(path.join(BUILD, 'tools/cxctl/cxctl'),
    ['token', `--tenant=${tenant}`, `--roles=${roles}`, '--subject=e2e'],
    { env: { ...process.env, CX_JWT_SECRET: SECRET } }).toString().trim();
}

const packageDefinition = protoLoader.loadSync(
  ['cx/feedback/v1/feedback_service.proto', 'cx/metrics/v1/metrics_service.proto',
    'grpc/health/v1/health.proto'],
  { includeDirs: PROTO_DIRS, keepCase: true, longs: String, enums: String, defaults: false, oneofs: true });
const loaded = grpc.loadPackageDefinition(packageDefinition);

// A promise-returning client with the bearer token on every call, the way a
// BFF wraps its stubs.
function promiseClient(Stub, methods, address, bearer) {
  const stub = new Stub(address, grpc.credentials.createInsecure());
  const call = (method) => (request, deadlineMs = 5000) => new Promise((resolve, reject) => {
    const md = new grpc.Metadata();
    if (bearer) md.set('authorization', `Bearer ${bearer}`);
    stub[method](request, md, { deadline: Date.now() + deadlineMs }, (err, res) => (err ? reject(err) : resolve(res)));
  });
  const client = {};
  for (const m of methods) client[m] = call(m);
  client.close = () => stub.close();
  return client;
}

export function feedbackClient(address, bearer) {
  return promiseClient(loaded.cx.feedback.v1.FeedbackService,
    ['CreateSurvey', 'GetSurvey', 'ListSurveys', 'UpdateSurvey', 'DeleteSurvey',
      'PublishSurvey', 'SubmitResponse', 'GetResponse', 'ListResponses', 'GetOutboxStatus',
      'DeleteCustomerData', 'AnalyzeText', 'GetTopicSummary', 'GetTopicTaxonomy',
      'UpdateTopicTaxonomy', 'ReanalyzeResponses', 'ListCases', 'UpdateCase',
      'GetCaseStatistics'], address, bearer);
}

export function metricsClient(address, bearer) {
  return promiseClient(loaded.cx.metrics.v1.MetricsService,
    ['QueryMetric', 'CompareMetric', 'RecordObservations'], address, bearer);
}

// A published survey with one required NPS question `nps`.
export async function publishedNpsSurvey(client, displayName) {
  const draft = await client.CreateSurvey({
    survey: {
      display_name: displayName, default_locale: 'en',
      questions: [{ id: 'nps', type: 'QUESTION_TYPE_NPS', required: true, text: { en: 'Recommend?' } }],
    },
  });
  return client.PublishSurvey({ name: draft.name });
}

// `clients` concurrent submitters of NPS responses to `survey`, each retrying
// after failures (a killed server) until stop(); `client()` gives the current
// client (tests replace it after a restart). Counts what was acknowledged.
export function streamResponses(client, survey, clients) {
  const acknowledged = new Set();
  let failed = 0;
  let stopped = false;
  const worker = async (w) => {
    for (let i = 0; !stopped && i < 100000; i++) {
      try {
        const r = await client().SubmitResponse({
          parent: survey.name,
          request_id: `w${w}-${i}`,
          response: { channel: w % 2 ? 'CHANNEL_WEB' : 'CHANNEL_SMS', customer_id: `c-${w}`,
            answers: [{ question_id: 'nps', score: i % 11 }] },
        }, 2000);
        acknowledged.add(r.name);
      } catch {
        failed++;  // in flight when the process died: not acknowledged
        if (stopped) return;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  const workers = Array.from({ length: clients }, (_, w) => worker(w));
  return {
    acknowledged,
    failed: () => failed,
    // Resolves once `n` responses were acknowledged (or the stream stopped);
    // fails after `limitMs` (a server that died or stalled) instead of
    // waiting for the test runner's timeout.
    until: async (n, limitMs = 60000) => {
      const deadline = Date.now() + limitMs;
      while (!stopped && acknowledged.size < n) {
        if (Date.now() > deadline) {
          throw new Error(`only ${acknowledged.size} of ${n} responses acknowledged ` +
            `in ${limitMs} ms (${failed} calls failed)`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    stop: async () => { stopped = true; await Promise.all(workers); },
  };
}

// NPS responses to `survey` on one SubmitResponses stream, keeping up to
// `inFlight` unanswered, until the stream ends (a killed server) or stop().
// Collects the names of acknowledged responses.
export function pipelineResponses(address, bearer, survey, inFlight) {
  const acknowledged = new Set();
  let pending = 0;
  let stopped = false;
  async function* submissions() {
    for (let i = 0; !stopped; i++) {
      while (pending >= inFlight && !stopped) await new Promise((r) => setTimeout(r, 2));
      if (stopped) return;
      pending++;
      yield {
        parent: survey.name,
        request_id: `pipe-${i}`,
        response: { channel: 'CHANNEL_CHAT', customer_id: 'c-pipe', answers: [{ question_id: 'nps', score: i % 11 }] },
      };
    }
  }
  const ended = submitOnStream(address, bearer, submissions(), (reply) => {
    pending--;
    if (reply.result === 'response') acknowledged.add(reply.response.name);
  }).then((result) => { stopped = true; return result; });
  return { acknowledged, ended, stop: () => { stopped = true; return ended; } };
}

// Names of every stored response of `survey`.
export async function storedResponses(client, survey) {
  const stored = new Set();
  let pageToken = '';
  do {
    const page = await client.ListResponses({ parent: survey.name, page_size: 1000, page_token: pageToken });
    for (const r of page.responses) stored.add(r.name);
    pageToken = page.next_page_token;
  } while (pageToken);
  return stored;
}

export function healthCheck(address, service) {
  const stub = new loaded.grpc.health.v1.Health(address, grpc.credentials.createInsecure());
  return new Promise((resolve, reject) => stub.Check({ service }, { deadline: Date.now() + 3000 },
    (err, res) => { stub.close(); return err ? reject(err) : resolve(res.status); }));
}

// The google.rpc.Status a server attached to an error, decoded as a BFF would.
const rpcRoot = new protobuf.Root().loadSync([
  path.join(SOURCE, 'protos/third_party/google/rpc/status.proto'),
  path.join(SOURCE, 'protos/third_party/google/rpc/error_details.proto'),
], { keepCase: true });
export function errorDetails(err) {
  const bin = err.metadata?.get('grpc-status-details-bin')?.[0];
  if (!bin) return [];
  return statusDetails(rpcRoot.lookupType('google.rpc.Status').decode(bin));
}

// The details of a google.rpc.Status (e.g. a SubmitResponses error reply).
export function statusDetails(status) {
  return (status.details ?? []).map((any) => {
    const type = rpcRoot.lookupType(any.type_url.replace('type.googleapis.com/', ''));
    return { type: type.fullName.slice(1), value: type.toObject(type.decode(any.value)) };
  });
}

// Opens a SubmitResponses stream, writes `submissions` (an array, or an
// async iterable that may wait for replies), half-closes, and resolves once
// the server ends the stream with the replies by index, the indexes answered
// more than once, and the final status. `onReply` sees each reply on arrival.
export function submitOnStream(address, bearer, submissions, onReply = () => {}) {
  const stub = new loaded.cx.feedback.v1.FeedbackService(address, grpc.credentials.createInsecure());
  const md = new grpc.Metadata();
  if (bearer) md.set('authorization', `Bearer ${bearer}`);
  const call = stub.SubmitResponses(md);
  const replies = new Map();
  const repeated = [];
  call.on('data', (reply) => {
    const index = Number(reply.index ?? 0);
    if (replies.has(index)) repeated.push(index);
    replies.set(index, reply);
    onReply(reply);
  });
  call.on('error', () => {});  // the status carries it
  const ended = new Promise((resolve) => call.on('status', resolve));
  (async () => {
    let open = true;
    ended.then(() => { open = false; });
    for await (const s of submissions) {
      if (!open) return;
      if (!call.write(s)) await Promise.race([once(call, 'drain'), ended]);
    }
    call.end();
  })();
  return ended.then((status) => { stub.close(); return { replies, repeated, status }; });
}

export function mariadb(command) {
  const args = [command, process.env.CX_TEST_DB_DIR];
  if (command === 'start') args.push(process.env.CX_TEST_MYSQL_PORT);
  execFileSync(path.join(SOURCE, 'scripts/mariadb.sh'), args, { stdio: 'inherit' });
}

export function buf(args) {
  return execFileSync(path.join(SOURCE, 'node_modules/.bin/buf'),
    ['curl', '--protocol', 'grpc', '--http2-prior-knowledge', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}

// A database of the test's own, dropped when the test (or, for a file's
// before hook, the file) ends: the test MariaDB outlives test runs.
export function randomDatabase(t) {
  const name = `cxt_e2e_${Math.floor(Math.random() * 1e9)}`;
  t.after(() => dropDatabase(name));
  return name;
}

function dropDatabase(name) {
  try {
    execFileSync('mariadb', ['--no-defaults',
      `--socket=${process.env.CX_TEST_MYSQL_SOCKET}`,
      `--user=${process.env.CX_TEST_MYSQL_USER}`,
      `--password=${process.env.CX_TEST_MYSQL_PASSWORD}`,
      '-e', `DROP DATABASE IF EXISTS \`${name}\``],
    { stdio: ['ignore', 'ignore', 'pipe'], timeout: 30000 });
  } catch (e) {
    console.error(`could not drop ${name}: ${e.message}`);
  }
}
