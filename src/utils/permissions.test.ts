import { checkInPermission, ownsKpi } from './permissions';

/** Scopes of `annotations:create` as Grafana's default basic roles grant them (e2e/host/server/session.ts). */
const VIEWER_SCOPES = ['annotations:type:dashboard'];
const EDITOR_SCOPES = ['annotations:type:dashboard', 'annotations:*'];

const eddie = { login: 'eddie', email: 'eddie@example.com', orgRole: 'Editor', annotationCreateScopes: EDITOR_SCOPES };
const vera = { login: 'vera', email: 'vera@example.com', orgRole: 'Viewer', annotationCreateScopes: VIEWER_SCOPES };
const payments = [{ name: 'team-payments', email: 'payments@example.com' }];

describe('who may add a check-in', () => {
  test.each([
    ['the login', 'eddie', []],
    ['the email, in any case', 'Eddie@Example.com', []],
    ['a team’s name', 'team-payments', payments],
    ['a team’s email', 'payments@example.com', payments],
  ])('an owner is named by %s', (_, owner, teams) => {
    expect(ownsKpi(owner, eddie, teams)).toBe(true);
  });

  test('an Editor who owns the KPI through a team may add one', () => {
    expect(checkInPermission('team-payments', eddie, payments)).toEqual({ allowed: true });
  });

  test('an Admin may add one to any KPI', () => {
    expect(checkInPermission('team-search', { login: 'ada', orgRole: 'Admin' }, [])).toEqual({ allowed: true });
  });

  test('an Editor who does not own the KPI is told whose it is', () => {
    expect(checkInPermission('team-search', eddie, payments)).toEqual({
      allowed: false,
      reason:
        "Only an Admin or the KPI's owner (team-search) can add check-ins, and neither you nor your teams are its owner.",
    });
  });

  test('a Viewer who owns the KPI is told that their role, not their ownership, is missing', () => {
    expect(checkInPermission('team-payments', vera, payments)).toEqual({
      allowed: false,
      reason:
        'You own this KPI, but your Viewer role cannot create organization annotations, where check-ins are stored: ask an Admin for the Editor role.',
    });
  });

  test('while the teams are unknown, an owner by team is not assumed, and the reason says why', () => {
    const permission = checkInPermission('team-payments', eddie, undefined);
    expect(permission).toMatchObject({ allowed: false, reason: expect.stringContaining('your teams are not known') });
  });

  test('a Viewer granted the organization annotation writer role (annotations:*) who owns the KPI may add one', () => {
    const granted = { ...vera, annotationCreateScopes: [...VIEWER_SCOPES, 'annotations:*'] };
    expect(checkInPermission('team-payments', granted, payments)).toEqual({ allowed: true });
  });

  test('an Editor whose annotation writer role was taken away keeps only dashboards, so may not add one', () => {
    const limited = { ...eddie, annotationCreateScopes: VIEWER_SCOPES };
    expect(checkInPermission('eddie', limited, [])).toMatchObject({ allowed: false });
  });

  test.each([
    ['an owning Editor may add one', 'Editor', true],
    ['an owning Viewer may not, though boot data gives a Viewer annotations:create for dashboards', 'Viewer', false],
  ])('while the scopes are unknown, the default basic roles decide: %s', (_, orgRole, allowed) => {
    expect(checkInPermission('eddie', { login: 'eddie', orgRole }, []).allowed).toBe(allowed);
  });
});
