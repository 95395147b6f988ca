import { checkInPermission, ownsKpi } from './permissions';

const eddie = {
  login: 'eddie',
  email: 'eddie@example.com',
  orgRole: 'Editor',
  permissions: { 'annotations:create': true },
};
const vera = { login: 'vera', email: 'vera@example.com', orgRole: 'Viewer', permissions: { 'annotations:read': true } };
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
        'You own this KPI, but your Viewer role cannot create annotations, where check-ins are stored: ask an Admin for the Editor role.',
    });
  });

  test('while the teams are unknown, an owner by team is not assumed, and the reason says why', () => {
    const permission = checkInPermission('team-payments', eddie, undefined);
    expect(permission).toMatchObject({ allowed: false, reason: expect.stringContaining('your teams are not known') });
  });

  test('a Grafana without RBAC permissions in its boot data lets an owning Editor add one by role', () => {
    expect(checkInPermission('eddie', { login: 'eddie', orgRole: 'Editor' }, [])).toEqual({ allowed: true });
  });
});
