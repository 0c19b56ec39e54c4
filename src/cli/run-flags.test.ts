/** The run settings' flags: one per schema field and per optimizer option of the registry, each checked as its declaration says. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RUN_OPTIMIZER_DEFINITIONS } from '../registry/catalogue.js';
import { kebabCase } from '../run/run-schema.js';
import { runCli } from '../testing/run-cli.js';
import { TRAIN_OPTIONS, trainSettings } from './commands/train-options.js';
import { COMPARE_OPTIONS, compareFlags, mergeConfig } from './commands/compare-options.js';
import { SWEEP_OPTIONS, mergeSweepConfig, sweepFlags } from './commands/sweep-options.js';
import { UsageError } from './usage-error.js';

/** Parsed flags, optimizer options included (their flags come from the registry, not from a literal table). */
type Flags = Record<string, string | boolean>;
const train = (v: Flags): ReturnType<typeof trainSettings> => trainSettings(v as Parameters<typeof trainSettings>[0]);
const compare = (v: Flags): ReturnType<typeof compareFlags> => compareFlags(v as Parameters<typeof compareFlags>[0]);
const sweep = (v: Flags): ReturnType<typeof sweepFlags> => sweepFlags(v as Parameters<typeof sweepFlags>[0]);

test('train, compare and sweep take every option of every registered optimizer as a flag', () => {
  for (const d of RUN_OPTIMIZER_DEFINITIONS) {
    for (const option of Object.keys(d.options)) {
      const flag = option === 'learningRate' ? 'lr' : kebabCase(option);
      for (const [command, table] of [['train', TRAIN_OPTIONS], ['compare', COMPARE_OPTIONS], ['sweep', SWEEP_OPTIONS]] as const) {
        assert.ok(flag in table, `${command} --${flag} (${d.factory} ${option})`);
      }
    }
  }
});

test('the learning rate defaults to the chosen optimizer\'s own default', () => {
  for (const d of RUN_OPTIMIZER_DEFINITIONS) {
    const declared = (d.options as Record<string, { default?: unknown }>).learningRate!.default;
    assert.equal(train({ optimizer: d.factory }).lr, declared, d.factory);
  }
  assert.equal(train({}).optimizer, 'adam');
});

test('an optimizer option goes to the run settings; one the optimizer does not take is refused naming those that do', () => {
  const s = train({ optimizer: 'adamw', 'weight-decay': '0.01', beta1: '0.8' });
  assert.deepEqual(s.optimizerOptions, { weightDecay: 0.01, beta1: 0.8 });
  assert.equal(train({ optimizer: 'rmsprop', momentum: '0.9', centered: true }).momentum, 0.9);
  assert.deepEqual(train({ optimizer: 'sgd', nesterov: true, momentum: '0.9' }).optimizerOptions, { nesterov: true });
  assert.throws(() => train({ 'weight-decay': '0.01' }), { name: 'UsageError', message: 'noisenet train: --weight-decay applies only to --optimizer adamw' });
  assert.throws(() => train({ optimizer: 'sgd', rho: '0.5' }), { message: 'noisenet train: --rho applies only to --optimizer rmsprop' });
  assert.throws(() => train({ optimizer: 'adamw', beta1: '1' }), { message: 'noisenet train: --beta1 must be a number >= 0 and < 1, received "1"' });
  assert.throws(() => train({ optimizer: 'adagrad' }), { message: 'noisenet train: --optimizer must be one of adam, sgd, rmsprop, adamw, received "adagrad"' });
});

test('compare and sweep take every registered optimizer and its options, checked against a config file\'s optimizer', () => {
  for (const d of RUN_OPTIMIZER_DEFINITIONS) assert.equal((mergeConfig(undefined, compare({ optimizer: d.factory })) as { optimizer: string }).optimizer, d.factory);
  assert.deepEqual(compare({ optimizer: 'rmsprop', momentum: '0.9' }).overrides, { optimizer: 'rmsprop', momentum: 0.9 });
  const merged = mergeConfig({ optimizer: 'adamw', optimizerOptions: { beta1: 0.8 } }, compare({ 'weight-decay': '0.01' })) as Record<string, unknown>;
  assert.deepEqual(merged.optimizerOptions, { beta1: 0.8, weightDecay: 0.01 }, "the flag's option joins the file's");
  assert.throws(() => mergeConfig({ optimizer: 'adam' }, compare({ 'weight-decay': '0.01' })), (e: Error) => e instanceof UsageError && e.message === 'noisenet compare: --weight-decay applies only to --optimizer adamw');
  const swept = mergeSweepConfig({ optimizer: 'sgd' }, sweep({ momentum: '0.5', nesterov: true }));
  assert.deepEqual([swept.optimizer, swept.momentum, swept.optimizerOptions], ['sgd', 0.5, { nesterov: true }]);
  assert.throws(() => mergeSweepConfig({}, sweep({ rho: '0.5' })), { message: 'noisenet sweep: --rho applies only to --optimizer rmsprop' });
});

test('compare --optimizer rmsprop and adamw are accepted on the command line; --help names every optimizer', async () => {
  for (const optimizer of ['rmsprop', 'adamw']) {
    const r = await runCli('compare', '--optimizer', optimizer, '--epochs', '0');
    assert.deepEqual([r.code, r.err], [2, 'noisenet compare: --epochs must be an integer >= 1 and <= 10000, received "0"\n'], 'the optimizer passed; the next flag is checked');
  }
  const help = await runCli('compare', '--help');
  assert.match(help.out, /--optimizer NAME +the optimizer, with Keras defaults: adam, sgd, rmsprop, adamw \(default adam\)\n/);
  assert.match(help.out, /--weight-decay X +decoupled weight decay, times the learning rate \(default 0\.004; adamw\)\n/);
});
