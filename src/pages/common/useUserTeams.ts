import { fetchUserTeams } from '../../data/userTeams';
import type { UserTeam } from '../../utils/permissions';
import { useReadOnce } from './useReadOnce';

/**
 * The signed-in user's teams, read once per page when `needed` (an Admin's are not: they may add notes anyway):
 * undefined while they load or when they could not be read.
 */
export function useUserTeams(needed: boolean): readonly UserTeam[] | undefined {
  return useReadOnce(needed, fetchUserTeams);
}
