import { CHECK_IN_TAG, checkInAnnotation, checkInsFromAnnotations } from './checkInAnnotations';

const NOV_12_NOON = Date.UTC(2026, 10, 12, 12);
const written = Date.UTC(2026, 10, 14, 9, 30);
const item = (overrides: Record<string, unknown> = {}) => ({
  id: 7,
  time: NOV_12_NOON,
  created: written,
  text: 'INC-123',
  tags: [CHECK_IN_TAG, 'kpi:conversion'],
  login: 'eddie',
  ...overrides,
});

describe('check-ins as annotations', () => {
  test('a draft becomes an organization annotation at noon UTC of its day, tagged for its KPI', () => {
    expect(checkInAnnotation('conversion', { date: '2026-11-12', text: ' INC-123 \n' })).toEqual({
      time: NOV_12_NOON,
      tags: [CHECK_IN_TAG, 'kpi:conversion'],
      text: 'INC-123',
    });
  });

  test('an annotation reads back as the note: its day, its text, Grafana’s login and creation time', () => {
    expect(checkInsFromAnnotations([item()])).toEqual({
      conversion: [
        { id: 'annotation-7', date: '2026-11-12', text: 'INC-123', login: 'eddie', at: '2026-11-14T09:30:00.000Z' },
      ],
    });
  });

  test('tagged for two KPIs by hand in Grafana, it is a note on each', () => {
    const read = checkInsFromAnnotations([item({ tags: [CHECK_IN_TAG, 'kpi:conversion', 'kpi:search'] })]);
    expect(Object.keys(read)).toEqual(['conversion', 'search']);
  });

  test.each([
    ['an annotation without the check-in tag', item({ tags: ['deploy', 'kpi:conversion'] })],
    ['a check-in tag without a KPI', item({ tags: [CHECK_IN_TAG, 'kpi:'] })],
    ['a time that is not a number', item({ time: 'yesterday' })],
    ['text that is not a string', item({ text: null })],
    ['no object at all', 'INC-123'],
  ])('%s is left out, not an error', (_, annotation) => {
    expect(checkInsFromAnnotations([annotation])).toEqual({});
  });

  test('an annotation written without a user reads as written by "unknown", at its own time when it has no creation time', () => {
    const read = checkInsFromAnnotations([item({ login: '', created: undefined })]);
    expect(read.conversion[0]).toMatchObject({ login: 'unknown', at: new Date(NOV_12_NOON).toISOString() });
  });
});
