import { act, renderHook, waitFor } from '@testing-library/react';
import { useLiveLoad } from './useLiveLoad';

/** A loader whose answers the test releases one by one, in any order. */
function controlledLoader() {
  const pending: Array<{ subject: string; resolve: (value: string | Error) => void }> = [];
  const load = jest.fn(
    (subject: string) => new Promise<string | Error>((resolve) => pending.push({ subject, resolve }))
  );
  return { load, pending };
}

describe('useLiveLoad', () => {
  test('a null subject is idle and asks nothing', () => {
    const { load } = controlledLoader();
    const { result } = renderHook(() => useLiveLoad<string, string>(null, load));
    expect(result.current).toEqual({ status: 'idle' });
    expect(load).not.toHaveBeenCalled();
  });

  test('loading, then the value the loader answered', async () => {
    const { load, pending } = controlledLoader();
    const { result } = renderHook(() => useLiveLoad('payment-success', load));
    expect(result.current).toEqual({ status: 'loading' });
    await act(async () => pending[0].resolve('99.75 %'));
    expect(result.current).toEqual({ status: 'done', value: '99.75 %' });
  });

  test('an Error the loader returns, or throws, is the error state with its message', async () => {
    const failing = jest.fn(async (subject: string) => new Error(`${subject}: connection refused`));
    const { result } = renderHook(() => useLiveLoad('orders', failing));
    await waitFor(() => expect(result.current).toEqual({ status: 'error', message: 'orders: connection refused' }));

    const throwing = jest.fn(async (): Promise<string> => {
      throw new Error('network down');
    });
    const thrown = renderHook(() => useLiveLoad('orders', throwing));
    await waitFor(() => expect(thrown.result.current).toEqual({ status: 'error', message: 'network down' }));
  });

  test('a refresh asks again and reads as loading until its own answer; a late older answer is dropped', async () => {
    const { load, pending } = controlledLoader();
    const { result, rerender } = renderHook(({ key }) => useLiveLoad('orders', load, key), {
      initialProps: { key: 0 },
    });
    rerender({ key: 1 });
    expect(load).toHaveBeenCalledTimes(2);
    await act(async () => pending[0].resolve('old'));
    expect(result.current).toEqual({ status: 'loading' });
    await act(async () => pending[1].resolve('new'));
    expect(result.current).toEqual({ status: 'done', value: 'new' });
  });
});
