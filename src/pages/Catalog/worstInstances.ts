/** How a catalog row reads a per-label KPI's instances: formatting only, the numbers come from the data layer. */
import type { CatalogInstances } from '../../data/catalogQuery';
import { formatSli } from '../../components/format';

/** "worst: /pay 95.00 %, 2 of 14 route values below target"; "all 14 route values meet the target". */
export function describeWorstInstances(
  instances: CatalogInstances,
  groupBy: readonly string[],
  decimals: number
): string {
  const unit = `${groupBy.join(' × ')} values`;
  if (instances.error !== undefined) {
    return `${unit} could not be read: ${instances.error}`;
  }
  const [worst] = instances.worst;
  if (!worst || instances.count === 0) {
    return `no ${unit} with traffic`;
  }
  if (instances.belowTarget === 0) {
    return `all ${instances.count} ${unit} meet the target`;
  }
  return `worst: ${worst.name} ${formatSli(worst.sli, decimals)}, ${instances.belowTarget} of ${instances.count} ${unit} below target`;
}
