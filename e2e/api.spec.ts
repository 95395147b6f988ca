import { ROLE_HEADER } from './host/hostContract';
import { expect, test } from './fixtures';

test('an unknown /api endpoint answers 404 with the shape of Grafana errors', async ({ request, hostUrl }) => {
  const response = await request.get(`${hostUrl}/api/northstar/no-such-endpoint`, {
    headers: { [ROLE_HEADER]: 'Viewer' },
  });

  expect(response.status()).toBe(404);
  expect(response.headers()['content-type']).toBe('application/json');
  expect(await response.json()).toEqual({ message: 'Not found' });
});
