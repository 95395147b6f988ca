/**
 * Checks across the KPIs of one catalog, run on the raw input so they report even when a KPI has other problems:
 * duplicate ids, and what a composite's members refer to.
 */
import { formatPath, joinPath, type ValidationProblem } from './problems';

/** Ids are checked on the raw input so a duplicate is reported even when the KPIs have other problems. */
export function duplicateIds(input: unknown): ValidationProblem[] {
  const kpis = (input as { kpis?: unknown }).kpis;
  if (!Array.isArray(kpis)) {
    return [];
  }
  const firstIndex = new Map<string, number>();
  const problems: ValidationProblem[] = [];
  kpis.forEach((kpi, index) => {
    const id = (kpi as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') {
      return;
    }
    const first = firstIndex.get(id);
    if (first === undefined) {
      firstIndex.set(id, index);
    } else {
      problems.push({
        path: formatPath(input, ['kpis', index, 'id']),
        message: `duplicate id, already used by kpis[${first}]`,
      });
    }
  });
  return problems;
}

interface RawKpi {
  id?: unknown;
  status?: unknown;
  indicator?: { type?: unknown; members?: unknown };
}

/**
 * What a composite's members refer to, checked against the whole (raw) catalog like duplicateIds. Members may not
 * be composites themselves: nesting is refused in this version, which also rules out every cycle.
 */
export function compositeProblems(input: unknown): ValidationProblem[] {
  const kpis = (input as { kpis?: unknown }).kpis;
  if (!Array.isArray(kpis)) {
    return [];
  }
  const byId = kpisById(kpis);
  return (kpis as Array<RawKpi | null>).flatMap((kpi, index) =>
    kpi?.indicator?.type === 'composite' && Array.isArray(kpi.indicator.members)
      ? membersProblems(kpi, kpi.indicator.members, byId).map(({ path, message }) => ({
          path: formatPath(input, ['kpis', index, 'indicator', 'members', ...path]),
          message,
        }))
      : []
  );
}

function kpisById(kpis: readonly unknown[]): Map<string, RawKpi> {
  const byId = new Map<string, RawKpi>();
  for (const kpi of kpis as Array<RawKpi | null>) {
    if (typeof kpi?.id === 'string' && !byId.has(kpi.id)) {
      byId.set(kpi.id, kpi);
    }
  }
  return byId;
}

/**
 * A composite's member problems against the KPIs it would join (the editor: one KPI, paths relative to it);
 * nothing for other indicators.
 */
export function compositeMemberProblems(input: unknown, catalogKpis: readonly unknown[]): ValidationProblem[] {
  const kpi = input as RawKpi | null;
  if (kpi?.indicator?.type !== 'composite' || !Array.isArray(kpi.indicator.members)) {
    return [];
  }
  const others = catalogKpis.filter((other) => (other as RawKpi | null)?.id !== kpi.id);
  return membersProblems(kpi, kpi.indicator.members, kpisById(others)).map(({ path, message }) => ({
    path: joinPath(['indicator', 'members', ...path]),
    message,
  }));
}

function membersProblems(
  composite: RawKpi,
  members: unknown[],
  byId: ReadonlyMap<string, RawKpi>
): Array<{ path: PropertyKey[]; message: string }> {
  const problems: Array<{ path: PropertyKey[]; message: string }> = [];
  const firstIndex = new Map<string, number>();
  let weightSum = 0;
  let weightsReadable = true;
  members.forEach((raw, index) => {
    const { kpi: id, weight } = (raw ?? {}) as { kpi?: unknown; weight?: unknown };
    // A weight that is no finite number >= 0 is reported by the schema; the sum is judged only without one.
    if (typeof weight === 'number' && Number.isFinite(weight) && weight >= 0) {
      weightSum += weight;
    } else {
      weightsReadable = false;
    }
    if (typeof id !== 'string') {
      return;
    }
    const problem = memberProblem(composite, id, byId.get(id), firstIndex.get(id));
    if (problem) {
      problems.push({ path: [index, 'kpi'], message: problem });
    }
    if (!firstIndex.has(id)) {
      firstIndex.set(id, index);
    }
  });
  if (weightsReadable && members.length > 0 && !(weightSum > 0)) {
    problems.push({ path: [], message: 'weights must sum to a positive number: give some member a weight above 0' });
  }
  return problems;
}

function memberProblem(
  composite: RawKpi,
  id: string,
  member: RawKpi | undefined,
  earlierIndex: number | undefined
): string | undefined {
  if (id === composite.id) {
    return 'a composite cannot be its own member';
  }
  if (!member) {
    return `no KPI ${JSON.stringify(id)} in this catalog`;
  }
  if (earlierIndex !== undefined) {
    return `${JSON.stringify(id)} is already listed as members[${earlierIndex}]: give it one entry with the sum of the weights`;
  }
  if (member.indicator?.type === 'composite') {
    return `${JSON.stringify(id)} is itself a composite: composites of composites are not supported (which also rules out cycles); list its members instead`;
  }
  if (member.indicator?.type === 'value') {
    return `${JSON.stringify(id)} is a value KPI: a composite is the weighted mean of SLOs' SLIs, and a value has none`;
  }
  if (composite.status === 'published' && (member.status === 'draft' || member.status === 'retired')) {
    return `${JSON.stringify(id)} is ${String(member.status)}: a published composite needs published members`;
  }
  return undefined;
}
