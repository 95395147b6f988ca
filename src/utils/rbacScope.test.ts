import { mayCreateOrganizationAnnotations, scopeCovers } from './rbacScope';

describe("Grafana's scope matching", () => {
  test.each([
    ['annotations:type:organization', 'annotations:type:organization', true],
    ['annotations:*', 'annotations:type:organization', true],
    ['annotations:type:*', 'annotations:type:organization', true],
    ['*', 'annotations:type:organization', true],
    ['annotations:type:dashboard', 'annotations:type:organization', false],
    ['folders:*', 'annotations:type:organization', false],
    ['annotations:type:organization:x', 'annotations:type:organization', false],
    ['', 'annotations:type:organization', false],
  ])('%s covers %s: %s', (granted, wanted, covers) => {
    expect(scopeCovers(granted, wanted)).toBe(covers);
  });

  test.each([
    ['a Viewer (dashboard annotations only)', ['annotations:type:dashboard'], false],
    ['an Editor', ['annotations:type:dashboard', 'annotations:*'], true],
    ['a custom role on organization annotations alone', ['annotations:type:organization'], true],
    ['nobody with the action', [], false],
  ])('organization annotations for %s: %s', (_, scopes, allowed) => {
    expect(mayCreateOrganizationAnnotations(scopes)).toBe(allowed);
  });
});
