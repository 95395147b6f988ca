import React from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HintLayer } from '../../components/Hint';
import { RowChips } from './RowChips';

const renderChips = (values: string[] | undefined) =>
  render(
    <HintLayer>
      <div data-testid="cell">
        <RowChips values={values} color="blue" label="Audience" />
      </div>
    </HintLayer>
  );

describe('RowChips', () => {
  test('shows the first value as a badge and counts the others, naming all of them for screen readers', () => {
    renderChips(['executive', 'oncall', 'business']);
    expect(screen.getByTestId('cell')).toHaveTextContent(/^executive\+2$/);
    expect(screen.getByLabelText('Audience: executive, oncall, business')).toBeInTheDocument();
  });

  test('a single value has no count', () => {
    renderChips(['executive']);
    expect(screen.getByTestId('cell')).toHaveTextContent(/^executive$/);
  });

  test('hovering or tabbing to the chips names every value in the hint', async () => {
    renderChips(['executive', 'oncall']);
    await userEvent.tab();
    expect(await screen.findByRole('tooltip')).toHaveTextContent('Audience: executive, oncall');
  });

  test('no values, no chips', () => {
    renderChips([]);
    expect(screen.getByTestId('cell')).toBeEmptyDOMElement();
    renderChips(undefined);
    expect(screen.getAllByTestId('cell')[1]).toBeEmptyDOMElement();
  });
});
