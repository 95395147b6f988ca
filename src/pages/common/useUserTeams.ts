import { useEffect, useState } from 'react';
import { fetchUserTeams } from '../../data/userTeams';
import type { UserTeam } from '../../utils/permissions';

/**
 * The signed-in user's teams, read once per page when `needed` (an Admin's are not: they may add notes anyway):
 * undefined while they load or when they could not be read.
 */
export function useUserTeams(needed: boolean): readonly UserTeam[] | undefined {
  const [teams, setTeams] = useState<readonly UserTeam[]>();
  useEffect(() => {
    if (!needed) {
      return;
    }
    let current = true;
    // Unread teams stay undefined: the page then says it cannot tell, rather than that the user owns nothing.
    fetchUserTeams().then(
      (read) => current && setTeams(read),
      () => undefined
    );
    return () => {
      current = false;
    };
  }, [needed]);
  return teams;
}
