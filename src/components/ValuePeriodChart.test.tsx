import React from 'react';
import { render, screen } from '@testing-library/react';
import fc from 'fast-check';
import type { ValueLine } from '../kpi/evaluate';
import { axisLabels, ValuePeriodChart, valueRange } from './ValuePeriodChart';

const line = (...values: number[]): ValueLine => ({
  grid: { startMs: 0, stepMs: 60_000, length: values.length },
  values: Float64Array.from(values),
  projected: false,
});

describe('the value chart’s range', () => {
  test('a count from 0 to 600 under a target of 1,000 starts at 0, not below it', () => {
    // Room above: (1,000 − 0) × 8 % = 80.
    expect(valueRange([line(0, 300, 600)], [1000])).toEqual([0, 1080]);
  });

  test('values away from 0 keep their room on both sides', () => {
    // 2.5 % to 3.2 % around a 3 % target: room (3.2 − 2.5) × 8 % = 0.056.
    const [min, max] = valueRange([line(2.5, 3.2)], [3]);
    expect(min).toBeCloseTo(2.444, 12);
    expect(max).toBeCloseTo(3.256, 12);
  });

  test('negative values keep their room below, and missing points are left out', () => {
    // −5 to 5 around 0: room 10 × 8 % = 0.8.
    const [min, max] = valueRange([line(-5, NaN, 5), undefined], [0]);
    expect(min).toBeCloseTo(-5.8, 12);
    expect(max).toBeCloseTo(5.8, 12);
  });
});

describe('the value chart’s axis labels', () => {
  // A 164 px plot from 12 px down, 0 at the bottom and 54 at the top: 1 unit is 164 / 54 ≈ 3.04 px.
  const y = (value: number) => 12 + ((54 - value) / 54) * 164;

  test('a target 4 below the max (12.1 px) takes the place of the max’s label', () => {
    expect(axisLabels({ target: 50, max: 54, min: 0 }, y).map((label) => label.value)).toEqual([50, 0]);
  });

  test('a target 4 above the min drops the min’s label instead', () => {
    expect(axisLabels({ target: 4, max: 54, min: 0 }, y).map((label) => label.value)).toEqual([54, 4]);
  });

  test('a target 5 away (15.2 px) leaves all three, top to bottom', () => {
    const labels = axisLabels({ target: 49, max: 54, min: 0 }, y);
    expect(labels.map((label) => label.value)).toEqual([54, 49, 0]);
    expect(labels[1].top - labels[0].top).toBeCloseTo((5 / 54) * 164, 9);
  });

  test('on a plot too short for three, the target stays and max and min keep apart from each other too', () => {
    // 20 px for 0..54: max and min are 20 px apart, the target of 27 10 px from each.
    const short = (value: number) => 12 + ((54 - value) / 54) * 20;
    expect(axisLabels({ target: 27, max: 54, min: 0 }, short).map((label) => label.value)).toEqual([27]);
  });
});

test('whatever the levels and plot, the target is labelled and no two labels touch', () => {
  fc.assert(
    fc.property(
      fc.double({ min: -1e9, max: 1e9, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 1e-6, max: 1e9, noNaN: true }),
      fc.integer({ min: 10, max: 600 }),
      (min, share, span, plotHeight) => {
        const max = min + span;
        const target = min + share * span;
        const y = (value: number) => 12 + ((max - value) / span) * plotHeight;
        const labels = axisLabels({ target, max, min }, y);
        expect(labels.map((label) => label.value)).toContain(target);
        labels.slice(1).forEach((label, i) => expect(label.top - labels[i].top).toBeGreaterThanOrEqual(14));
      }
    )
  );
});

describe('the value chart', () => {
  const period = { startMs: 0, endMs: 3 * 60_000, label: 'this month' };
  const chart = (target: number) =>
    render(
      <ValuePeriodChart
        current={line(0, 20e6, 30e6)}
        period={period}
        previousPeriod={{ ...period, label: 'last month' }}
        target={target}
        unit="currencyUSD"
        width={600}
        height={200}
        label="On pace"
        timeZone="UTC"
      />
    );
  const axisTexts = () => screen.getAllByText(/^\$/).map((text) => text.textContent);

  test('shop revenue’s $50M target beside a $54M top prints the target, not the top', () => {
    // 0 to 50M with 8 % room above: the top is 54M, 12.1 px over the target on the 164 px plot.
    chart(50e6);
    expect(axisTexts()).toEqual(['$50M', '$0']);
  });

  test('a target well inside the range keeps the max and min beside it', () => {
    // 0 to 30M with 8 % room: the top is 32.4M, (32.4 − 20) / 32.4 × 164 = 62.8 px over the 20M target.
    chart(20e6);
    expect(axisTexts()).toEqual(['$32.4M', '$20M', '$0']);
  });
});
