/**
 * The soak's judgement over its cycles: memory is flat when the plugin's RSS over the last third of the cycles
 * (median) is less than RSS_GROWTH_LIMIT_PERCENT above the first third, both taken after the warm-up cycles; and
 * no task may be lost. Medians, so that one cycle caught in the middle of a heap expansion makes no verdict.
 */
import { median } from './measure.js';

/**
 * Above the plugin's noise, below a steady leak. Without a leak the plugin's RSS swings by up to a fifth from one
 * reading to the next (V8 grows and shrinks its heap, the allocator keeps freed pages), yet the medians of the
 * first and last thirds stay within about 5% of each other. 10% of its 90–115 MiB is some 10 MiB: a leak of a
 * few KiB per task, call or sample fails the soak once it has run through a few thousand of them.
 */
export const RSS_GROWTH_LIMIT_PERCENT = 10;
/** Cycles before these numbers count: code compiled, caches and pools filled, the heap at its working size. */
export const WARMUP_CYCLES = 2;
/** Fewer cycles after the warm-up cannot make three thirds. */
const MIN_JUDGED_CYCLES = 3;

export interface CycleSample {
  cycle: number;
  tasks: number;
  /** Median RSS of the cycle's readings. */
  rssKiB: number;
  /** Lowest heap in use among them. */
  heapFloorKiB: number;
  /** What went wrong in the cycle (lost tasks among it). */
  problems: string[];
}

export interface Verdict {
  pass: boolean;
  /** Median RSS of the first and last third of the judged cycles, in MiB; undefined with too few cycles. */
  firstThirdMiB?: number;
  lastThirdMiB?: number;
  growthPercent?: number;
  /** The same for the heap floor (shown, not judged). */
  heapFirstThirdMiB?: number;
  heapLastThirdMiB?: number;
  /** Why it failed, one line each. */
  reasons: string[];
}

export function soakVerdict(samples: readonly CycleSample[]): Verdict {
  const reasons: string[] = [];
  const problems = samples.flatMap((sample) => sample.problems.map((problem) => `cycle ${sample.cycle}: ${problem}`));
  if (problems.length > 0) reasons.push(`${problems.length} problem(s), tasks lost or mishandled:`, ...problems.slice(0, 20));
  const judged = samples.slice(WARMUP_CYCLES);
  if (judged.length < MIN_JUDGED_CYCLES) {
    reasons.push(`only ${judged.length} cycle(s) after the ${WARMUP_CYCLES} warm-up cycles; at least ${MIN_JUDGED_CYCLES} are needed to judge memory`);
    return { pass: false, reasons };
  }
  const third = Math.floor(judged.length / 3);
  const thirdMiB = (cycles: readonly CycleSample[], field: 'rssKiB' | 'heapFloorKiB'): number => median(cycles.map((s) => s[field])) / 1024;
  const [first, last] = [judged.slice(0, third), judged.slice(-third)];
  const firstThirdMiB = thirdMiB(first, 'rssKiB');
  const lastThirdMiB = thirdMiB(last, 'rssKiB');
  const growthPercent = ((lastThirdMiB - firstThirdMiB) / firstThirdMiB) * 100;
  if (growthPercent >= RSS_GROWTH_LIMIT_PERCENT) {
    reasons.push(`RSS grew ${growthPercent.toFixed(1)}% from the first third to the last (limit ${RSS_GROWTH_LIMIT_PERCENT}%)`);
  }
  return {
    pass: reasons.length === 0,
    firstThirdMiB,
    lastThirdMiB,
    growthPercent,
    heapFirstThirdMiB: thirdMiB(first, 'heapFloorKiB'),
    heapLastThirdMiB: thirdMiB(last, 'heapFloorKiB'),
    reasons,
  };
}
