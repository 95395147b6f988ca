import React from 'react';
import { render, screen } from '@testing-library/react';
import { TargetBadge } from './TargetBadge';

describe('TargetBadge', () => {
  test.each([
    [true, 'met'],
    [false, 'not met'],
    [null, 'cannot tell without data'],
  ])('meets=%p reads "%s" in words, not only in colour', (meets, words) => {
    render(<TargetBadge target="≥ 99.9%" meets={meets} explanation="Target: at least 99.9% of events good." />);
    expect(screen.getByLabelText(`Target ≥ 99.9%: ${words}`)).toHaveTextContent('target ≥ 99.9%');
  });
});
