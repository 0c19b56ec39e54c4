/**
 * `noisenet sweep --queue` and `noisenet worker` with a real redis-server on 127.0.0.1 (started
 * here on a free port, no persistence) and workers as separate processes: the same runs as on
 * one machine, a worker killed mid-run, retries, resubmission, Redis unreachable or lost.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { mkdtemp, readFile, rm, access, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { runCli } from '../testing/run-cli.js';
import { startCli, type CliProcess } from '../testing/cli-process.js';
import { freePort, redisMissing, startRedis, type TestRedis } from '../testing/redis-server.js';
import type { SweepResults } from '../sweep/sweep-results.js';
import { SMALL_SWEEP as SMALL, runOutcome as outcome } from '../testing/sweep-fixtures.js';

const missing = redisMissing();
if (missing) console.log(`# skipping the queue tests: ${missing}`);
const read = async (dir: string): Promise<SweepResults> => JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as SweepResults;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** Longer runs (about a second each), for killing a worker in the middle of one. */
// No robustness card: these runs only need to take a while, and the card's time varies most with the load.
const LONG = ['--dataset', 'mnist-mini', '--train-size', '2000', '--epochs', '4', '--hidden', '64', '--stddevs', '0', '--draws', '1', '--card', 'none', '--noise', 'gaussian:stddev={0.1,0.2,0.3}'];

/** Every process a test started: those still running at its end are killed, so no test's worker serves the next one. */
const processes: CliProcess[] = [];
function start(args: string[], env?: NodeJS.ProcessEnv): CliProcess {
  const p = startCli(args, env);
  processes.push(p);
  return p;
}

async function startWorkers(url: string, count: number, extra: string[] = []): Promise<CliProcess[]> {
  const workers = Array.from({ length: count }, () => start(['worker', '--queue', url, '--threads', '1', '--lock-duration', '1000', ...extra]));
  await Promise.all(workers.map((w) => w.waitFor(/ serving noisenet-sweep at /)));
  return workers;
}
const started = (w: CliProcess): string[] => [...w.out().matchAll(/ started run ([0-9a-f]{16}) /g)].map((m) => m[1]!);
async function stop(workers: CliProcess[]): Promise<void> {
  for (const w of workers) w.proc.kill('SIGTERM');
  assert.deepEqual(await Promise.all(workers.map((w) => w.exit)), workers.map(() => 0), 'SIGTERM: a clean exit');
}

describe('sweeps over a BullMQ queue', { skip: missing ?? false }, () => {
  let redis: TestRedis;
  let dir: string;
  before(async () => {
    redis = await startRedis();
    dir = await mkdtemp(join(tmpdir(), 'noisenet-queue-'));
  });
  afterEach(async () => {
    const running = processes.splice(0).filter((p) => p.proc.exitCode === null && p.proc.signalCode === null);
    for (const p of running) p.proc.kill('SIGKILL');
    await Promise.all(running.map((p) => p.exit));
  });
  after(async () => {
    await redis?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('two workers give the runs of a local sweep, each once; resubmitting the finished sweep runs nothing; another config of the name is refused', async () => {
    const local = await runCli('sweep', ...SMALL, '--out', join(dir, 'local'), '-q');
    assert.equal(local.code, 0, local.err);
    const workers = await startWorkers(redis.url, 2);
    const out = join(dir, 'queue');
    const submit = start(['sweep', ...SMALL, '--queue', redis.url, '--out', out]);
    assert.equal(await submit.exit, 0, submit.err());
    assert.match(submit.out(), /\nRuns: on the queue at redis:\/\/127\.0\.0\.1:\d+\/0 \(start workers with: noisenet worker --queue redis:\/\/127\.0\.0\.1:\d+\)\n/);
    assert.match(submit.err(), /runs 14\/14 done, 0 running +14\/14 \[=+\] 100%/);
    const [q, l] = [await read(out), await read(join(dir, 'local'))];
    assert.deepEqual(q.runs.map(outcome), l.runs.map(outcome), 'the same histories and robustness, run by run');
    const trained = workers.flatMap(started);
    assert.deepEqual([...trained].sort(), [...q.plan].sort(), 'every run trained exactly once');
    const names = workers.map((w) => /worker (\S+) serving/.exec(w.out())![1]!);
    assert.ok(q.runs.every((r) => names.includes(r.worker!)), 'each run names the worker that trained it');

    const again = start(['sweep', ...SMALL, '--queue', redis.url, '--out', join(dir, 'queue-again'), '-q']);
    assert.equal(await again.exit, 0, again.err());
    assert.match(again.out(), /; 14 of 14 stored already \(not trained again\)\n/);
    await sleep(500);
    assert.equal(workers.flatMap(started).length, 14, 'no run trained again');
    assert.deepEqual((await read(join(dir, 'queue-again'))).runs.map(outcome), l.runs.map(outcome), 'the results come from Redis');

    const status = await runCli('sweep', '--status', '--queue', redis.url, '--name', 'noisenet sweep on mnist-mini');
    assert.equal(status.out, `sweep "noisenet sweep on mnist-mini" (${redis.url}/0): 14 runs planned: 14 done, 0 running, 0 waiting, 0 failed - complete\n`);
    const other = await runCli('sweep', ...SMALL, '--seeds', '1', '--queue', redis.url, '--out', join(dir, 'other'), '-q');
    assert.equal(other.code, 1);
    assert.match(other.err, /^noisenet sweep: the queue holds a sweep named "noisenet sweep on mnist-mini" with another config \(created [^)]+, 14 runs\): pass --force to replace it, or give this one another --name\n$/);
    await assert.rejects(access(join(dir, 'other')), 'refused before writing anything');
    const forced = start(['sweep', ...SMALL.slice(0, -4), '--noise', 'gaussian:stddev={0.1}', '--seeds', '1', '--force', '--queue', redis.url, '--out', join(dir, 'forced'), '-q']);
    assert.equal(await forced.exit, 0, forced.err());
    assert.equal(workers.flatMap(started).length, 14 + 2, 'the sweep that replaced it was trained');
    await stop(workers);
  });

  test('a worker killed with SIGKILL mid-run: the other redoes that run, and every run is stored once', async () => {
    const workers = await startWorkers(redis.url, 2);
    const out = join(dir, 'killed');
    const submit = start(['sweep', ...LONG, '--seeds', '1', '--name', 'kill test', '--queue', redis.url, '--out', out, '-q']);
    const [, killedRun] = await workers[0]!.waitFor(/ started run ([0-9a-f]{16}) /);
    await sleep(200);
    workers[0]!.proc.kill('SIGKILL');
    assert.equal(await workers[0]!.exit, 'SIGKILL');
    assert.ok(!workers[0]!.out().includes(`finished run ${killedRun}`), 'killed in the middle of the run');
    assert.equal(await submit.exit, 0, submit.err());
    const results = await read(out);
    assert.deepEqual(results.runs.map((r) => r.id).sort(), [...results.plan].sort(), 'every run exactly once');
    assert.equal(results.runs.find((r) => r.id === killedRun)!.worker, /worker (\S+) serving/.exec(workers[1]!.out())![1]);
    assert.ok(started(workers[1]!).includes(killedRun!), 'the other worker redid the killed run');
    console.log(`# kill test: ${results.runs.length} runs stored once; run ${killedRun} killed on worker 1 and redone by worker 2; worker 1 started ${started(workers[0]!).length}, worker 2 ${started(workers[1]!).length}`);

    // SIGTERM in the middle of a run puts it back on the queue at once for another worker.
    const fresh = await startWorkers(redis.url, 1);
    const offset = workers[1]!.out().length;
    const resubmit = start(['sweep', ...LONG.slice(0, -1), 'gaussian:stddev={0.1}', '--epochs', '8', '--seeds', '1', '--name', 'term test', '--queue', redis.url, '--out', join(dir, 'termed'), '-q']);
    const [, termed] = await workers[1]!.waitFor(/ started run ([0-9a-f]{16}) /, 30_000, offset);
    workers[1]!.proc.kill('SIGTERM');
    assert.equal(await workers[1]!.exit, 0);
    assert.match(workers[1]!.out(), new RegExp(`released run ${termed} .*: back on the queue\\n.*stopped \\(\\d+ ms\\)`, 's'));
    assert.equal(await resubmit.exit, 0, resubmit.err());
    assert.ok(started(fresh[0]!).includes(termed!), 'the released run went to the other worker');
    assert.equal((await read(join(dir, 'termed'))).runs.length, 2);
    await stop(fresh);
  });

  test('a run whose training throws is retried with backoff, then reported failed; the sweep finishes; a config error is not retried', async () => {
    const workers = await startWorkers(redis.url, 1);
    const out = join(dir, 'failing');
    const args = ['sweep', '--dataset', 'mnist-mini', '--train-size', '200', '--epochs', '1', '--hidden', '8', '--seeds', '1', '--stddevs', '0', '--draws', '1', '--noise', 'gaussian:stddev={0.1,1e38}', '--name', 'failing', '--attempts', '2', '--backoff', '100', '--queue', redis.url, '--out', out, '-q'];
    const r = startCli(args);
    assert.equal(await r.exit, 1);
    assert.match(r.err(), /^noisenet sweep: 1 of 3 runs failed \(first: gaussian:stddev=1e38 seed 1: TrainingError: loss became NaN at epoch 1, step 1: [^\n]+\); the others are in /);
    const results = await read(out);
    assert.equal(results.runs.length, 2);
    assert.deepEqual(results.failed.map((f) => [f.configuration, f.attempts, f.configError]), [['gaussian:stddev=1e38', 2, false]]);
    const id = results.failed[0]!.id;
    assert.match(workers[0]!.out(), new RegExp(`started run ${id} .*attempt 1 of 2\\n.*failed run ${id} .*\\n.*started run ${id} .*attempt 2 of 2\\n`));

    // A job whose settings cannot build anywhere fails at once.
    const queue = new Queue('noisenet-sweep', { connection: { host: '127.0.0.1', port: redis.port } });
    queue.on('error', () => undefined);
    try {
    const settings = { ...results.runs[0]!, noise: ['gaussian:stddev=-1'] };
    const job = await queue.add('bad', { format: 'noisenet-sweep-run', version: 1, sweep: 'failing', configHash: results.configHash, id: 'bad0000000000000', configuration: 'bad', settings: { dataset: 'mnist-mini', dataSeed: 42, trainSize: 200, model: 'mlp', hidden: [8], activation: 'relu', noise: settings.noise, optimizer: 'adam', lr: 0.001, momentum: 0, epochs: 1, batchSize: 32, seed: 1, robustness: { stddevs: [0], draws: 1, seed: 0, clip: false } } }, { jobId: 'bad-job', attempts: 3, backoff: { type: 'fixed', delay: 50 } });
    await workers[0]!.waitFor(/failed run bad0000000000000 .*not retried/);
    await sleep(300);
    const failed = (await queue.getJob(job.id!))!;
    assert.deepEqual([await failed.getState(), failed.attemptsMade], ['failed', 1]);
    assert.match(failed.failedReason, /^NoiseSpecError: noise spec 'gaussian:stddev=-1': stddev must be a number >= 0, received -1$/);
    } finally {
      await queue.close();
    }
    await stop(workers);
  });

  test('invalid jobs (epochs 1e9, hidden "128", null settings, 200,000 nested objects) are failed for good with their reason; names are escaped in the log; the worker goes on', async () => {
    const workers = await startWorkers(redis.url, 1);
    const queue = new Queue('noisenet-sweep', { connection: { host: '127.0.0.1', port: redis.port } });
    queue.on('error', () => undefined);
    const settings = { dataset: 'mnist-mini', dataSeed: 42, trainSize: 200, model: 'mlp', hidden: [8], activation: 'relu', noise: [], optimizer: 'adam', lr: 0.001, momentum: 0, epochs: 1, batchSize: 32, seed: 1, robustness: { stddevs: [0], draws: 1, seed: 0, clip: false } };
    const job = (id: string, configuration: string, s: unknown): Record<string, unknown> => ({ format: 'noisenet-sweep-run', version: 1, sweep: 'poison', configHash: 'h', id, configuration, settings: s });
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['epochs', job('e000000000000000', 'evil\n\u001b[31mred', { ...settings, epochs: 1e9 }), /^job epochs: epochs: must be an integer >= 1 and <= 10000, received 1000000000$/],
      ['hidden', job('h000000000000000', 'hidden', { ...settings, hidden: '128' }), /^job hidden: hidden: must be a list, received "128"$/],
      ['null', job('n000000000000000', 'null', null), /^job null: \(job\): not a noisenet sweep run of this version/],
      ['nulls', job('m000000000000000', 'nulls', { ...settings, lr: null }), /^job nulls: lr: must be a number > 0, received null$/],
      ['draws', job('d000000000000000', 'draws', { ...settings, robustness: { ...settings.robustness, draws: 1e9 } }), /^job draws: robustness\.draws: must be an integer >= 1 and <= 1000, received 1000000000$/],
    ];
    try {
      for (const [id, data] of cases) await queue.add('run', data, { jobId: id, attempts: 3, backoff: { type: 'fixed', delay: 50 } });
      // BullMQ's own JSON.stringify would overflow on 200,000 nested objects: the job's data is written as the text a hostile client sends.
      await queue.add('run', job('deep000000000000', 'deep', settings), { jobId: 'deep', attempts: 3, backoff: { type: 'fixed', delay: 50 }, delay: 1500 });
      const client = new Redis(redis.port, '127.0.0.1');
      await client.hset('bull:noisenet-sweep:deep', 'data', `{"format":"noisenet-sweep-run","version":1,"sweep":"poison","configHash":"h","id":"deep000000000000","configuration":"deep","settings":${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}}`);
      client.disconnect();
      cases.push(['deep', {}, /^job deep: JSON nested too deeply: at most 64 levels of objects and arrays, found more than 64$/]);
      for (const [id, , reason] of cases) {
        await workers[0]!.waitFor(new RegExp(`refused job ${id}: .*\\(an invalid job: failed for good, not retried\\)`));
        for (let i = 0; i < 200 && (await queue.getJobState(id)) === 'active'; i++) await sleep(100); // the log line comes just before the job is moved
        const failed = (await queue.getJob(id))!;
        assert.deepEqual([await failed.getState(), failed.attemptsMade], ['failed', 1], `${id}: ${workers[0]!.out()} ${workers[0]!.err()}`);
        assert.match(failed.failedReason, reason);
      }
      // A valid run whose name holds a newline and a terminal escape: trained, its name escaped in every log line.
      await queue.add('run', job('v000000000000000', 'evil\n\u001b[31mred', settings), { jobId: 'valid-evil', attempts: 1 });
      await workers[0]!.waitFor(/finished run v000000000000000 evil\\n\\u001b\[31mred seed 1 /);
      assert.ok(!workers[0]!.out().includes('\u001b') && !/evil\n/.test(workers[0]!.out()), 'no raw escape or newline from a name in the log');
      // The worker goes on: a real sweep after the poisoned jobs finishes.
      const out = join(dir, 'after-poison');
      const r = startCli(['sweep', '--dataset', 'mnist-mini', '--train-size', '200', '--epochs', '1', '--hidden', '8', '--seeds', '1', '--stddevs', '0', '--draws', '1', '--noise', 'gaussian:stddev={0.1}', '--name', 'after poison', '--queue', redis.url, '--out', out, '-q']);
      assert.equal(await r.exit, 0, r.err());
      assert.equal((await read(out)).runs.length, 2);
    } finally {
      await queue.close();
    }
    await stop(workers);
  });

  test('Redis lost mid-sweep: workers and the submitter say so and exit 1; the same commands after a restart carry on from what was stored', async () => {
    const lost = await startRedis(await freePort());
    const url = lost.url;
    const out = join(dir, 'lost');
    const args = ['sweep', ...LONG, '--seeds', '1', '--name', 'lost', '--queue', url, '--redis-timeout', '1500', '--out', out, '-q'];
    const workers = await startWorkers(url, 2, ['--redis-timeout', '1500']);
    const submit = startCli(args);
    // Kill Redis once a run is stored (two workers may store two at once, so at least one).
    for (let i = 0; i < 1200 && ((await read(out).catch(() => null))?.runs.length ?? 0) < 1; i++) await sleep(50);
    await lost.kill();
    const codes = await Promise.all([submit.exit, ...workers.map((w) => w.exit)]);
    assert.deepEqual(codes, [1, 1, 1]);
    assert.match(submit.err(), new RegExp(`^noisenet sweep: lost the connection to Redis at ${url}/0 \\((ECONNREFUSED|connection closed), for \\d s\\); kept \\d finished runs? in \\S+: run the same command again to carry on\\n$`));
    for (const w of workers) assert.match(w.err(), new RegExp(`^noisenet worker: lost the connection to Redis at ${url}/0 \\((ECONNREFUSED|connection closed), for \\d s\\)\\n$`));
    const kept = (await read(out)).runs.map((r) => r.id);
    assert.ok(kept.length >= 1 && kept.length < 4, `kept ${kept.length}`);

    const restarted = await startRedis(lost.port); // empty: Redis kept nothing
    const again = await startWorkers(url, 2, ['--redis-timeout', '1500']);
    const resume = startCli(args);
    assert.equal(await resume.exit, 0, resume.err());
    assert.match(resume.out(), new RegExp(`; ${kept.length} of 4 stored already \\(not trained again\\)\\n`));
    const results = await read(out);
    assert.deepEqual(results.runs.map((r) => r.id).sort(), [...results.plan].sort());
    const retrained = again.flatMap(started);
    assert.deepEqual(retrained.filter((id) => kept.includes(id)), [], 'no stored run trained again');
    assert.equal(retrained.length, 4 - kept.length);
    await stop(again);
    await restarted.stop();
    await lost.stop();
  });

  test('a job too deeply nested to send to a trainer fails alone, once (the job check refuses it before the trainer pool; the pool frees its slot either way, see trainer-pool.test): the worker trains every valid run after it', async () => {
    const queue = new Queue('noisenet-sweep', { connection: { host: '127.0.0.1', port: redis.port } });
    queue.on('error', () => undefined);
    try {
      // A job of 200,000 nested objects cannot be added through BullMQ (its serializer overflows too): its data is written straight into Redis.
      const head = { format: 'noisenet-sweep-run', version: 1, sweep: 'poison', configHash: 'none', id: 'poison0000000000', configuration: 'poison' };
      const job = await queue.add('poison', { ...head, settings: {} }, { jobId: 'poison-job', attempts: 3, delay: 3_600_000 });
      const depth = 200_000;
      const client = new Redis({ host: '127.0.0.1', port: redis.port });
      await client.hset(queue.toKey(job.id!), 'data', `${JSON.stringify(head).slice(0, -1)},"settings":{"seed":1,"extra":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}}`);
      client.disconnect();
      await job.promote();
      const workers = await startWorkers(redis.url, 1, ['--concurrency', '2', '--lock-duration', '10000']);
      await workers[0]!.waitFor(/refused job poison-job: JSON nested too deeply|failed run poison0000000000 /);
      const out = join(dir, 'after-deep-job');
      const submit = start(['sweep', ...SMALL, '--name', 'after deep job', '--attempts', '1', '--queue', redis.url, '--out', out, '-q']);
      assert.equal(await submit.exit, 0, submit.err());
      const results = await read(out);
      assert.deepEqual([results.runs.length, results.failed.length], [14, 0], 'every valid run stored, none failed');
      const failed = (await queue.getJob('poison-job'))!;
      assert.deepEqual([await failed.getState(), failed.attemptsMade], ['failed', 1], 'the poisoned job failed once, not retried');
      assert.doesNotMatch(workers[0]!.out(), /trainers are busy/);
      console.log(`# poisoned job: failed once (${failed.failedReason}); ${results.runs.length} of ${results.plan.length} valid runs stored after it by the same worker`);
      await stop(workers);
    } finally {
      await queue.close();
    }
  });

  test('Redis restarted empty mid-sweep (no persistence): the sweep says so, submits itself again and ends complete; the workers keep the runs they finish', async () => {
    const port = await freePort();
    let server = await startRedis(port);
    const url = server.url;
    const out = join(dir, 'restarted');
    const workers = await startWorkers(url, 2);
    const submit = start(['sweep', ...LONG, '--seeds', '2', '--name', 'restarted', '--queue', url, '--out', out, '-q']);
    for (let i = 0; i < 400 && ((await read(out).catch(() => null))?.runs.length ?? 0) < 1; i++) await sleep(50);
    await server.kill();
    server = await startRedis(port); // on the same port, holding nothing
    const t0 = performance.now();
    const code = await submit.exit;
    const seconds = (performance.now() - t0) / 1000;
    assert.equal(code, 0, submit.err());
    assert.match(submit.err(), new RegExp(`^noisenet sweep: Redis at ${url}/0 lost the state of the sweep "restarted" \\(restarted without persistence, or flushed\\): submitted it again, \\d runs? to train\n$`));
    const results = await read(out);
    assert.equal(results.status, 'complete');
    assert.deepEqual(results.runs.map((r) => r.id).sort(), [...results.plan].sort(), 'every run stored once');
    for (const w of workers) assert.doesNotMatch(w.out(), /the sweep was replaced/, 'a lost sweep is not called replaced');
    const trained = workers.flatMap(started);
    console.log(`# Redis restart: the sweep ended complete ${seconds.toFixed(1)} s after the restart, ${results.runs.length} of ${results.plan.length} runs stored, ${trained.length} trainings started; ${submit.err().trim()}`);
    await stop(workers);
    await server.stop();
  });

  test('a Redis that keeps losing the sweep: submitted again 3 times, then the sweep stops with the reason, the finished runs kept', async () => {
    const out = join(dir, 'flushed');
    const submit = start(['sweep', ...SMALL, '--seeds', '1', '--name', 'flushed', '--queue', redis.url, '--out', out, '-q']); // no worker: the runs wait on the queue
    await submit.waitFor(/^Output: /);
    const client = new Redis({ host: '127.0.0.1', port: redis.port });
    try {
      const notices = (): number => submit.err().split('\n').filter((l) => l.includes('submitted it again')).length;
      for (let i = 0; i < 4 && submit.proc.exitCode === null; i++) {
        // Flush only once the sweep is back whole (its record and its 7 waiting runs), so that two flushes never fall in one resubmission.
        while (!(await client.exists('noisenet:sweep:flushed:meta')) || (await client.llen('bull:noisenet-sweep:wait')) < 7) await sleep(50);
        await client.flushdb();
        for (let j = 0; j < 200 && notices() < i + 1 && submit.proc.exitCode === null; j++) await sleep(50);
      }
    } finally {
      client.disconnect();
    }
    assert.equal(await submit.exit, 1);
    const lines = submit.err().trimEnd().split('\n');
    assert.deepEqual(lines.slice(0, 3), [1, 2, 3].map(() => `noisenet sweep: Redis at ${redis.url}/0 lost the state of the sweep "flushed" (restarted without persistence, or flushed): submitted it again, 7 runs to train`));
    assert.equal(lines[3], `noisenet sweep: Redis at ${redis.url}/0 lost the state of the sweep "flushed" 4 times (restarted without persistence, or flushed); turn persistence on there (appendonly yes) or check what flushes it; kept 0 finished runs in ${out}: run the same command again to carry on`);
    const results = await read(out);
    assert.deepEqual([results.status, results.error], ['failed', lines[3]!.replace(/^noisenet sweep: /, '').replace(/; kept 0 .*$/, '')]);
  });

  test('a password protected Redis: the password from NOISENET_REDIS_PASSWORD or --redis-password-file, never printed', async () => {
    const secret = 's3cr3tPW';
    const server = await startRedis(undefined, { password: secret });
    const file = join(dir, 'redis-password');
    await writeFile(file, `${secret}\n`);
    const worker = start(['worker', '--queue', server.url, '--threads', '1', '--lock-duration', '1000'], { ...process.env, NOISENET_REDIS_PASSWORD: secret });
    await worker.waitFor(/ serving noisenet-sweep at /);
    const args = ['sweep', ...SMALL, '--seeds', '1', '--name', 'secret'];
    const hint = `(start workers with: noisenet worker --queue ${server.url}, the password in NOISENET_REDIS_PASSWORD or --redis-password-file FILE)`;
    const fromFile = start([...args, '--queue', server.url, '--redis-password-file', file, '--out', join(dir, 'secret-file'), '-q']);
    assert.equal(await fromFile.exit, 0, fromFile.err());
    assert.ok(fromFile.out().includes(hint), fromFile.out());
    const inUrl = start([...args, '--queue', `redis://:${secret}@127.0.0.1:${server.port}`, '--out', join(dir, 'secret-url'), '-q']);
    assert.equal(await inUrl.exit, 0, inUrl.err());
    assert.ok(inUrl.out().includes(hint), inUrl.out());
    const none = await runCli('worker', '--queue', server.url);
    assert.equal(none.code, 1);
    assert.match(none.err, /^noisenet worker: cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+\/0 \(NOAUTH[^)]*\); start redis-server there or check --queue\n$/);
    const bad = await runCli('worker', '--queue', `redis://:${secret}@127.0.0.1:70000`);
    assert.deepEqual([bad.code, bad.err], [2, 'noisenet worker: --queue must be redis://HOST:PORT[/DB] (the port must be 1 to 65535), received "redis://:***@127.0.0.1:70000"\n']);
    const twice = await runCli('worker', '--queue', `redis://:${secret}@127.0.0.1:${server.port}`, '--redis-password-file', file);
    assert.deepEqual([twice.code, twice.err], [2, 'noisenet worker: give the Redis password once: --redis-password-file or the URL, not both\n']);
    for (const text of [worker.out(), worker.err(), fromFile.out(), fromFile.err(), inUrl.out(), inUrl.err(), none.err, bad.err, twice.err]) assert.ok(!text.includes(secret), text);
    assert.ok(!(await readFile(join(dir, 'secret-url', 'results.json'), 'utf8')).includes(secret), 'results.json names the queue without its password');
    await stop([worker]);
    await server.stop();
  });

  test('Redis unreachable: one line naming the URL, before any work', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const out = join(dir, 'unreachable');
    const r = await runCli('sweep', '--dataset', 'mnist-mini', '--noise', 'gaussian:stddev={0.1}', '--queue', url, '--out', out);
    assert.deepEqual([r.code, r.err, r.out], [1, `noisenet sweep: cannot reach Redis at ${url}/0 (ECONNREFUSED); start redis-server there or check --queue\n`, '']);
    await assert.rejects(access(out));
    const w = await runCli('worker', '--queue', url);
    assert.deepEqual([w.code, w.err], [1, `noisenet worker: cannot reach Redis at ${url}/0 (ECONNREFUSED); start redis-server there or check --queue\n`]);
    const bad = await runCli('worker', '--queue', 'redis://127.0.0.1:70000');
    assert.deepEqual([bad.code, bad.err], [2, 'noisenet worker: --queue must be redis://HOST:PORT[/DB] (the port must be 1 to 65535), received "redis://127.0.0.1:70000"\n']);
  });
});
