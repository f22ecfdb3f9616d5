/**
 * The benchmark report as data. Every figure is a median over several runs, next to a baseline measured in the
 * same run, so that the ratio of the two compares across machines where the absolute numbers do not.
 */
import { BenchError } from './bench-error.js';
import { median } from './measure.js';

export const REPORT_VERSION = 1;

/** `%cpu` is percent of one core; `/s` counts per second. */
export type Unit = 'ms' | 'MiB' | '%cpu' | '/s';

export type SectionId = 'cli' | 'local' | 'plugin';

export interface Target {
  /** What the target bounds: the figure's median, or its ratio to the baseline. */
  of: 'median' | 'ratio';
  op: '<' | '<=';
  value: number;
}

export type Verdict = 'met' | 'MISSED';

export interface Figure {
  name: string;
  unit: Unit;
  /** Rounded to two decimals, as are `baseline_median` and `ratio`; the verdict judges the rounded values. */
  median: number;
  /** How many measurements the median is taken over. */
  runs: number;
  baseline: string | null;
  baseline_median: number | null;
  /** median / baseline_median; null without a baseline, or when the baseline is 0. */
  ratio: number | null;
  target?: Target;
  /** null when the figure has no target, or the target is on a ratio there is none of. */
  verdict: Verdict | null;
  note?: string;
}

export interface Section {
  id: SectionId;
  title: string;
  /** How the runs were taken and what the baselines are, in one sentence. */
  about: string;
  figures: Figure[];
  /** Why the section stopped early; its figures are the ones measured before. */
  error?: string;
}

export interface Report {
  version: typeof REPORT_VERSION;
  node: string;
  platform: string;
  arch: string;
  cpus: number;
  /** 1, 5 and 15 minute load averages when the benchmark began: a busy machine slows every figure. */
  load_average: [number, number, number];
  started_at: string;
  duration_ms: number;
  /** The knobs the run was made with. */
  settings: { only: SectionId[]; runs: number | null; tasks: number; run_tasks: number };
  sections: Section[];
}

export interface FigureSpec {
  name: string;
  unit: Unit;
  /** The measurements; the figure is their median. */
  samples: readonly number[];
  /** The baseline's median from the same run; omitted for a figure that has none. */
  baseline?: { name: string; median: number };
  target?: Target;
  note?: string;
}

export function figure(spec: FigureSpec): Figure {
  if (spec.samples.length === 0) throw new BenchError(`no measurement for "${spec.name}"`);
  const value = round(median(spec.samples));
  const base = spec.baseline === undefined ? null : round(spec.baseline.median);
  const ratio = base === null || base === 0 ? null : round(value / base);
  return {
    name: spec.name,
    unit: spec.unit,
    median: value,
    runs: spec.samples.length,
    baseline: spec.baseline?.name ?? null,
    baseline_median: base,
    ratio,
    ...(spec.target === undefined ? {} : { target: spec.target }),
    verdict: spec.target === undefined ? null : judge(spec.target, value, ratio),
    ...(spec.note === undefined ? {} : { note: spec.note }),
  };
}

export function judge(target: Target, median: number, ratio: number | null): Verdict | null {
  const value = target.of === 'ratio' ? ratio : median;
  if (value === null) return null;
  return (target.op === '<' ? value < target.value : value <= target.value) ? 'met' : 'MISSED';
}

/** `1 round`, `5 rounds`: for the sentences that say how a section was measured. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export function round(n: number): number {
  return Math.round(n * 100) / 100;
}
