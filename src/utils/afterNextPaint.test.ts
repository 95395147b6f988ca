import { afterNextPaint } from './afterNextPaint';

describe('afterNextPaint', () => {
  test('runs the callback after the next animation frame, never in the same task', async () => {
    const calls: string[] = [];
    afterNextPaint(() => calls.push('after paint'));
    requestAnimationFrame(() => calls.push('frame'));
    calls.push('same task');
    expect(calls).toEqual(['same task']);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls).toEqual(['same task', 'frame', 'after paint']);
  });

  test('cancelled, it never runs: before the frame or between the frame and its task', async () => {
    const callback = jest.fn();
    afterNextPaint(callback)();
    const cancelAfterFrame = afterNextPaint(callback);
    requestAnimationFrame(() => cancelAfterFrame());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(callback).not.toHaveBeenCalled();
  });
});
