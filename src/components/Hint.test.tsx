import React from 'react';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Hint, HintLayer } from './Hint';

function table(explain: () => string) {
  return (
    <HintLayer>
      <Hint content={explain}>
        <span data-testid="sli">99.95%</span>
      </Hint>
      <Hint content="Budget remaining = 40.0%">
        <div data-testid="budget">40.0% left</div>
      </Hint>
    </HintLayer>
  );
}

describe('Hint in a HintLayer', () => {
  test('builds its words only when it opens, and opens on hover with them', async () => {
    const explain = jest.fn(() => 'SLI = good / all = 9,995 / 10,000');
    render(table(explain));
    expect(explain).not.toHaveBeenCalled();
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument();

    await userEvent.hover(screen.getByTestId('sli'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent('SLI = good / all = 9,995 / 10,000');
    expect(explain).toHaveBeenCalled();

    await userEvent.unhover(screen.getByTestId('sli'));
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument();
  });

  test('opens for the element hovered last, one tooltip at a time', async () => {
    render(table(() => 'SLI words'));
    await userEvent.hover(screen.getByTestId('sli'));
    await userEvent.hover(screen.getByTestId('budget'));
    expect(screen.getAllByRole('tooltip')).toHaveLength(1);
    expect(screen.getByRole('tooltip')).toHaveTextContent('Budget remaining = 40.0%');
  });

  test('keyboard: Tab reaches each element and shows its words, described to screen readers; Escape closes', async () => {
    render(table(() => 'SLI words'));
    await userEvent.tab();
    const sli = screen.getByTestId('sli');
    expect(sli).toHaveFocus();
    expect(await screen.findByRole('tooltip')).toHaveTextContent('SLI words');
    expect(sli).toHaveAccessibleDescription('SLI words');

    await userEvent.tab();
    expect(screen.getByTestId('budget')).toHaveFocus();
    expect(screen.getByRole('tooltip')).toHaveTextContent('Budget remaining = 40.0%');
    expect(sli).not.toHaveAttribute('aria-describedby');

    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument();
  });

  test('scrolling closes it: it stands where the element was when it opened', async () => {
    render(table(() => 'SLI words'));
    await userEvent.hover(screen.getByTestId('sli'));
    expect(await screen.findByRole('tooltip')).toBeInTheDocument();
    act(() => {
      document.dispatchEvent(new Event('scroll'));
    });
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument();
  });

  test("keeps the element's own handlers", async () => {
    const onFocus = jest.fn();
    render(
      <HintLayer>
        <Hint content="words">
          <span data-testid="own" onFocus={onFocus} />
        </Hint>
      </HintLayer>
    );
    await userEvent.tab();
    expect(onFocus).toHaveBeenCalledTimes(1);
    expect(await screen.findByRole('tooltip')).toHaveTextContent('words');
  });
});

describe('Hint outside a HintLayer', () => {
  test("is Grafana's Tooltip: hover shows the words", async () => {
    render(
      <Hint content={() => 'built on opening'}>
        <span data-testid="alone">x</span>
      </Hint>
    );
    await userEvent.hover(screen.getByTestId('alone'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent('built on opening');
  });
});
