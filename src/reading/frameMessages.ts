/** Frame problems and notes in sentences that say what is wrong and what to do. */
import { formatDuration } from '../kpi/time';
import type { FrameNote, FrameProblem } from './frameTypes';

const listOf = (items: readonly string[]) => items.map((item) => `"${item}"`).join(', ');

/** One sentence that says what is wrong and what to do. */
export function describeFrameProblem(problem: FrameProblem): string {
  switch (problem.code) {
    case 'missing-ref-id':
      return (
        `No query with refId "${problem.refId}" in this panel's data ` +
        (problem.availableRefIds.length > 0 ? `(it has ${listOf(problem.availableRefIds)})` : '(it has no queries)') +
        ': map the KPI to the panel queries in the panel options, or add the query.'
      );
    case 'no-time-field':
      return `Query "${problem.refId}" returned no time field: the KPI panel reads time series (set the query's format to Time series).`;
    case 'no-value-field':
      return `Query "${problem.refId}" returned no numeric field to read.`;
    case 'unknown-step':
      return `Cannot tell the step of ${listOf(problem.refIds)}: each series holds a single point and no interval. Use range queries, not instant ones.`;
    case 'too-many-points':
      return `The time range holds ${problem.points.toLocaleString('en-US')} steps of ${formatDuration(problem.stepMs)}: shorten the time range or raise the query's min interval.`;
  }
}

export function describeFrameNote(note: FrameNote): string {
  switch (note.code) {
    case 'not-a-number':
      return `Query "${note.refId}": ${note.count} value${note.count === 1 ? ' was' : 's were'} not a number (e.g. "${note.example}") and count as gaps.`;
    case 'bad-time':
      return `Query "${note.refId}": ${note.count} point${note.count === 1 ? ' has' : 's have'} no readable time and ${note.count === 1 ? 'was' : 'were'} left out.`;
    case 'mismatched-lengths':
      return `Query "${note.refId}": the time and value columns differ in length (${note.timeLength} and ${note.valueLength}); only the first ${Math.min(note.timeLength, note.valueLength)} points were read.`;
    case 'duplicate-time':
      return `Query "${note.refId}": ${note.count} timestamp${note.count === 1 ? ' appears' : 's appear'} more than once; the last value given was used.`;
    case 'mixed-steps':
      return `The queries have different steps (${note.stepsMs.map((ms) => formatDuration(ms)).join(', ')}); all are read at the longest.`;
    case 'not-the-shared-step': {
      const { minInterval, maxDataPoints, relativeTime } = note.options;
      return (
        `Read at a ${formatDuration(note.stepMs)} step, where the catalog, the KPI page and the report read this KPI ` +
        `at ${minInterval}, so their value can differ: set the panel's Query options to Min interval ${minInterval}, ` +
        `Max data points ${maxDataPoints} or more, and Relative time ${relativeTime}.`
      );
    }
  }
}
