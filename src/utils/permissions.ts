import { config } from '@grafana/runtime';
import { mayCreateOrganizationAnnotations } from './rbacScope';

/**
 * Who may change the catalog (DESIGN §4): org Admins, or users granted the plugin's write permission. Only hides
 * controls: the settings API refuses everyone else's saves anyway (403).
 */
export function canEditCatalog(): boolean {
  const user = config.bootData?.user;
  return user?.orgRole === 'Admin' || user?.permissions?.['plugins:write'] === true;
}

/** An org Admin, who may do everything in the app. */
export function isOrgAdmin(): boolean {
  return config.bootData?.user?.orgRole === 'Admin';
}

/** The signed-in user's time zone from their Grafana profile: 'browser', 'utc', an IANA name, or '' (the default). */
export function currentUserTimeZone(): string {
  return config.bootData?.user?.timezone ?? '';
}

/** The signed-in user's Grafana login, which check-ins and reviews record. */
export function currentUserLogin(): string {
  return config.bootData?.user?.login || 'unknown';
}

/** A team the signed-in user is a member of, as `GET /api/user/teams` names it. */
export interface UserTeam {
  name: string;
  email?: string;
}

/** Who the signed-in user is, as far as adding a check-in goes. */
export interface CheckInUser {
  login: string;
  email?: string;
  orgRole?: string;
  /**
   * The scopes of the user's `annotations:create` (`GET /api/access-control/user/permissions`); undefined while
   * unknown. Boot data cannot stand in: it has actions without scopes, and a Viewer's `annotations:create` there is
   * for dashboard annotations only (`fixed:annotations.dashboard:writer`).
   */
  annotationCreateScopes?: readonly string[];
}

/**
 * Whether the user may create organization annotations: from the scopes when known, else by Grafana's default
 * basic roles, where the Editor's `fixed:annotations:writer` (`annotations:*`) is the first to reach them.
 */
function mayCreateCheckIns(user: CheckInUser): boolean {
  return user.annotationCreateScopes
    ? mayCreateOrganizationAnnotations(user.annotationCreateScopes)
    : user.orgRole === 'Editor' || user.orgRole === 'Admin';
}

export type CheckInPermission = { allowed: true } | { allowed: false; reason: string };

const same = (a: string | undefined, b: string) => a !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

/** The KPI's `owner` names the user (login or email) or one of their teams (name or email). */
export function ownsKpi(owner: string, user: CheckInUser, teams: readonly UserTeam[]): boolean {
  return (
    same(user.login, owner) ||
    same(user.email, owner) ||
    teams.some((team) => same(team.name, owner) || same(team.email, owner))
  );
}

/**
 * Who may add a check-in (stored as a Grafana organization annotation): an Admin, or the KPI's owner who may create
 * organization annotations (`annotations:create` on `annotations:type:organization`, an Editor's by default).
 * Everyone else is told which of the two they lack.
 * `teams` is undefined while they load or when they could not be read.
 */
export function checkInPermission(
  owner: string,
  user: CheckInUser,
  teams: readonly UserTeam[] | undefined
): CheckInPermission {
  if (user.orgRole === 'Admin') {
    return { allowed: true };
  }
  if (ownsKpi(owner, user, teams ?? [])) {
    return mayCreateCheckIns(user)
      ? { allowed: true }
      : {
          allowed: false,
          reason: `You own this KPI, but your ${user.orgRole ?? 'Viewer'} role cannot create organization annotations, where check-ins are stored: ask an Admin for the Editor role.`,
        };
  }
  return {
    allowed: false,
    reason:
      teams === undefined
        ? `Only an Admin or the KPI's owner (${owner}) can add check-ins; your teams are not known, so whether that is you cannot be told.`
        : `Only an Admin or the KPI's owner (${owner}) can add check-ins, and neither you nor your teams are its owner.`,
  };
}

/** The signed-in user's check-in permission on a KPI owned by `owner`, with their `annotations:create` scopes. */
export function canAddCheckIn(
  owner: string,
  teams: readonly UserTeam[] | undefined,
  annotationCreateScopes: readonly string[] | undefined
): CheckInPermission {
  const user = config.bootData?.user;
  return checkInPermission(
    owner,
    { login: user?.login ?? '', email: user?.email, orgRole: user?.orgRole, annotationCreateScopes },
    teams
  );
}
