import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BenchError } from '../../bench/bench-error.js';
import { renderJson } from '../../bench/report-json.js';
import { renderText } from '../../bench/report-text.js';
import { count, figure, judge, REPORT_VERSION, type Report } from '../../bench/report.js';

function fixedReport(): Report {
  return {
    version: REPORT_VERSION,
    node: 'v20.20.2',
    platform: 'linux',
    arch: 'x64',
    cpus: 2,
    load_average: [1.5, 0.75, 0.25],
    started_at: '2026-01-02T03:04:05.678Z',
    duration_ms: 123_456,
    settings: { only: ['cli', 'local', 'plugin'], runs: null, tasks: 100, run_tasks: 50 },
    sections: [
      {
        id: 'cli',
        title: 'CLI start-up',
        about: '3 runs per command',
        figures: [
          figure({ name: 'pot-nomad --help', unit: 'ms', samples: [300, 250, 270], baseline: { name: 'node -e 0', median: 180 }, target: { of: 'ratio', op: '<=', value: 1.5 } }),
          figure({ name: 'pot-nomad plan (seed job)', unit: 'ms', samples: [400, 420], baseline: { name: 'node -e 0', median: 180 }, target: { of: 'ratio', op: '<=', value: 3 } }),
        ],
      },
      {
        id: 'local',
        title: 'Local runtime',
        about: 'stopped early',
        figures: [figure({ name: 'run -d, one task', unit: 'ms', samples: [1000], baseline: { name: 'pot commands', median: 800 } })],
        error: 'pot-nomad run -d exited 1:\nno such pot',
      },
      {
        id: 'plugin',
        title: 'Plugin',
        about: '100 tasks on one plugin',
        figures: [
          figure({ name: 'RSS with 100 tasks', unit: 'MiB', samples: [132], baseline: { name: 'RSS idle', median: 60 }, target: { of: 'median', op: '<', value: 120 } }),
          figure({ name: 'TaskStats samples delivered', unit: '/s', samples: [40, 50, 44, 56], baseline: { name: 'asked', median: 100 }, note: 'first round 3.0 s' }),
          figure({ name: 'plugin CPU', unit: '%cpu', samples: [12.5] }),
        ],
      },
    ],
  };
}

describe('figure', () => {
  it('takes the median of the samples, counts them as runs and divides by the baseline', () => {
    assert.deepEqual(figure({ name: 'x', unit: 'ms', samples: [5, 1, 3, 100], baseline: { name: 'b', median: 2 } }), {
      name: 'x',
      unit: 'ms',
      median: 4,
      runs: 4,
      baseline: 'b',
      baseline_median: 2,
      ratio: 2,
      verdict: null,
    });
  });

  it('rounds median, baseline and ratio to two decimals, the ratio from the rounded values', () => {
    const f = figure({ name: 'x', unit: 'ms', samples: [10.006], baseline: { name: 'b', median: 3.004 } });
    assert.deepEqual([f.median, f.baseline_median, f.ratio], [10.01, 3, 3.34]);
  });

  it('has no ratio without a baseline or with a baseline of 0', () => {
    const none = figure({ name: 'x', unit: '%cpu', samples: [1] });
    assert.deepEqual([none.baseline, none.baseline_median, none.ratio], [null, null, null]);
    const zero = figure({ name: 'x', unit: '%cpu', samples: [1], baseline: { name: 'idle', median: 0 } });
    assert.deepEqual([zero.baseline, zero.baseline_median, zero.ratio], ['idle', 0, null]);
  });

  it('keeps target and note, and judges the target', () => {
    const f = figure({ name: 'x', unit: 'MiB', samples: [119.999], target: { of: 'median', op: '<', value: 120 }, note: 'n' });
    assert.deepEqual(f.target, { of: 'median', op: '<', value: 120 });
    assert.equal(f.note, 'n');
    // Judged as shown: 119.999 is reported as 120.
    assert.equal(f.verdict, 'MISSED');
  });

  it('refuses a figure without measurements', () => {
    assert.throws(() => figure({ name: 'x', unit: 'ms', samples: [] }), new BenchError('no measurement for "x"'));
  });
});

describe('judge', () => {
  it('compares the median or the ratio with < or <=', () => {
    assert.equal(judge({ of: 'median', op: '<', value: 300 }, 299.99, null), 'met');
    assert.equal(judge({ of: 'median', op: '<', value: 300 }, 300, null), 'MISSED');
    assert.equal(judge({ of: 'median', op: '<=', value: 300 }, 300, 9), 'met');
    assert.equal(judge({ of: 'ratio', op: '<=', value: 1.5 }, 1, 1.5), 'met');
    assert.equal(judge({ of: 'ratio', op: '<=', value: 1.5 }, 1, 1.51), 'MISSED');
    assert.equal(judge({ of: 'ratio', op: '<', value: 1.5 }, 1000, 1.49), 'met');
  });

  it('cannot judge a ratio target without a ratio', () => {
    assert.equal(judge({ of: 'ratio', op: '<=', value: 3 }, 1, null), null);
  });
});

describe('count', () => {
  it('puts the noun in the plural but for one', () => {
    assert.deepEqual([count(0, 'run'), count(1, 'run'), count(15, 'run')], ['0 runs', '1 run', '15 runs']);
  });
});

describe('renderText', () => {
  it('renders the fixed report exactly', () => {
    assert.equal(
      renderText(fixedReport()),
      [
        'pot-nomad benchmark: node v20.20.2, linux x64, 2 CPUs, load 1.50 0.75 0.25 at start',
        '2026-01-02T03:04:05.678Z, took 123 s',
        '',
        'CLI start-up',
        '  3 runs per command',
        '  figure                           median  runs  baseline      baseline median  ratio  target        verdict',
        '  pot-nomad --help              270.00 ms     3  node -e 0           180.00 ms   1.50  ratio <= 1.5  met',
        '  pot-nomad plan (seed job)     410.00 ms     2  node -e 0           180.00 ms   2.28  ratio <= 3    met',
        '',
        'Local runtime',
        '  stopped early',
        '  FAILED: pot-nomad run -d exited 1:',
        '    no such pot',
        '  figure                           median  runs  baseline      baseline median  ratio  target        verdict',
        '  run -d, one task             1000.00 ms     1  pot commands        800.00 ms   1.25',
        '',
        'Plugin',
        '  100 tasks on one plugin',
        '  figure                           median  runs  baseline      baseline median  ratio  target        verdict',
        '  RSS with 100 tasks           132.00 MiB     1  RSS idle            60.00 MiB   2.20  < 120 MiB     MISSED',
        '  TaskStats samples delivered    47.00 /s     4  asked               100.00 /s   0.47',
        '      first round 3.0 s',
        '  plugin CPU                   12.50 %cpu     1  -                           -      -',
        '',
        'targets: 2 met, 1 MISSED (RSS with 100 tasks)',
        '',
      ].join('\n'),
    );
  });

  it('says "not judged" for a ratio target without a ratio', () => {
    const report = fixedReport();
    report.sections = [
      { id: 'cli', title: 'T', about: 'A', figures: [figure({ name: 'f', unit: 'ms', samples: [1], baseline: { name: 'b', median: 0 }, target: { of: 'ratio', op: '<=', value: 2 } })] },
    ];
    const lines = renderText(report).split('\n');
    assert.equal(lines[6], '  f       1.00 ms     1  b                 0.00 ms      -  ratio <= 2  not judged');
    assert.equal(lines.at(-2), 'targets: 0 met, 0 MISSED');
  });
});

describe('renderJson', () => {
  it('is the report as one JSON document, figures keyed in the model order', () => {
    const report = fixedReport();
    const text = renderJson(report);
    assert.ok(text.endsWith('}\n'));
    const parsed = JSON.parse(text) as Report;
    assert.deepEqual(parsed, report);
    assert.deepEqual(Object.keys(parsed), ['version', 'node', 'platform', 'arch', 'cpus', 'load_average', 'started_at', 'duration_ms', 'settings', 'sections']);
    const [help] = parsed.sections[0]!.figures;
    assert.deepEqual(Object.keys(help!), ['name', 'unit', 'median', 'runs', 'baseline', 'baseline_median', 'ratio', 'target', 'verdict']);
    assert.deepEqual(help, {
      name: 'pot-nomad --help',
      unit: 'ms',
      median: 270,
      runs: 3,
      baseline: 'node -e 0',
      baseline_median: 180,
      ratio: 1.5,
      target: { of: 'ratio', op: '<=', value: 1.5 },
      verdict: 'met',
    });
    assert.equal(parsed.sections[1]!.error, 'pot-nomad run -d exited 1:\nno such pot');
    assert.equal(parsed.sections[1]!.figures.length, 1);
    assert.deepEqual(Object.keys(parsed.sections[2]!.figures[1]!), ['name', 'unit', 'median', 'runs', 'baseline', 'baseline_median', 'ratio', 'verdict', 'note']);
  });
});
