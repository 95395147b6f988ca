/**
 * `npm run bench`: engine, validation and rule-generation figures, one per line, ratios last. Ratios compare
 * results measured in this one run, because absolute times on shared machines are noisy.
 */
import { Bench } from 'tinybench';
import { stringify } from 'yaml';
import { parseCatalog } from '../src/cli/catalogFile';
import { type EventCounts, gridEndingAt, maintenanceMaskFor, parseDuration } from '../src/kpi/time';
import { evaluateKpi, PrefixSums } from '../src/kpi/evaluate';
import { resolvePolicy } from '../src/kpi/policy';
import { generateRuleGroups } from '../src/kpi/rules';
import { validateCatalog } from '../src/kpi/catalog';
import { generatedCatalog } from './catalogFixture';
import { panelEvaluationBench } from './panelEvaluation';
import { rulesBench } from './rulesBench';
import { sqlFramesBench } from './sqlFrames';
import { valueEvaluationBench } from './valueEvaluation';

// 28d at a 2.4 s step is 1,008,000 points, and every default policy window is a whole number of steps.
const SLO_WINDOW_MS = parseDuration('28d');
const STEP_MS = 2400;
const POINTS = SLO_WINDOW_MS / STEP_MS;
const WEEKLY_MAINTENANCE = [{ cron: '0 2 * * 0', duration: '2h', reason: 'weekly database upgrade' }];

function syntheticCounts(): EventCounts {
  const total = new Float64Array(POINTS);
  const good = new Float64Array(POINTS);
  for (let i = 0; i < POINTS; i++) {
    total[i] = 100 + (i % 17);
    good[i] = total[i] - (i % 997 === 0 ? 5 : 0);
  }
  return { grid: gridEndingAt(Date.UTC(2026, 10, 1), STEP_MS, POINTS), good, total };
}

async function main(): Promise<void> {
  const counts = syntheticCounts();
  const rules = resolvePolicy({ policy: 'default' }, SLO_WINDOW_MS);
  const maskedCounts = { ...counts, excluded: maintenanceMaskFor(WEEKLY_MAINTENANCE, counts.grid) };
  const catalog = generatedCatalog(1000);
  const catalogYaml = stringify(catalog, { aliasDuplicateObjects: false });
  let sink = 0;

  const bench = new Bench({ time: 1500, warmup: true, warmupTime: 300 });
  bench
    .add('plain loop summing good and total (1M points)', () => {
      const { good, total } = counts;
      let g = 0;
      let t = 0;
      for (let i = 0; i < good.length; i++) {
        g += good[i];
        t += total[i];
      }
      sink += g + t;
    })
    .add('evaluateKpi: SLO window + 7 policy windows (1M points)', () => {
      sink += evaluateKpi({ counts, target: 0.999, sloWindowMs: SLO_WINDOW_MS, rules }).slo.total;
    })
    .add('evaluateKpi with a maintenance mask (1M points)', () => {
      sink += evaluateKpi({ counts: maskedCounts, target: 0.999, sloWindowMs: SLO_WINDOW_MS, rules }).slo.total;
    })
    .add('maintenance mask of a weekly 2h cron over 28d (1M points)', () => {
      sink += maintenanceMaskFor(WEEKLY_MAINTENANCE, counts.grid)!.length;
    })
    .add('PrefixSums build (1M points)', () => {
      sink += new PrefixSums(counts).window(POINTS - 1, 125).total;
    })
    .add('validate 1,000-KPI catalog (parsed objects)', () => {
      sink += validateCatalog(catalog).ok ? 1 : 0;
    })
    .add('parse YAML + validate 1,000-KPI catalog', () => {
      sink += parseCatalog('bench.yaml', catalogYaml).ok ? 1 : 0;
    })
    .add('generate rules for 1,000 KPIs', () => {
      sink += generateRuleGroups(catalog.kpis).length;
    });

  await bench.run();

  const mean = (name: string) => {
    const task = bench.getTask(name);
    const latency = task?.result && 'latency' in task.result ? task.result.latency : undefined;
    if (!latency) {
      throw new Error(`bench task "${name}" has no result`);
    }
    return latency.mean;
  };
  const lines: Array<[string, string]> = bench.tasks.map((task) => [task.name, `${mean(task.name).toFixed(3)} ms`]);
  const groups = generateRuleGroups(catalog.kpis);
  const rulesPerKpi = groups.reduce((n, g) => n + g.rules.length, 0) / groups.length;
  lines.push(['rules per KPI (1,000-KPI catalog, mean)', rulesPerKpi.toFixed(2)]);
  const ratio =
    mean('evaluateKpi: SLO window + 7 policy windows (1M points)') /
    mean('plain loop summing good and total (1M points)');
  lines.push(['ratio evaluateKpi / plain loop (goal <= 3x)', `${ratio.toFixed(2)}x`]);
  const maskedRatio =
    mean('evaluateKpi with a maintenance mask (1M points)') / mean('plain loop summing good and total (1M points)');
  lines.push(['ratio evaluateKpi with maintenance mask / plain loop (goal <= 3x)', `${maskedRatio.toFixed(2)}x`]);
  const validateMs = mean('validate 1,000-KPI catalog (parsed objects)');
  lines.push(['ratio validate 1,000 KPIs / 200 ms goal', `${(validateMs / 200).toFixed(3)}`]);
  lines.push(...(await panelEvaluationBench()));
  lines.push(...(await rulesBench()));
  lines.push(...(await valueEvaluationBench()));
  lines.push(...(await sqlFramesBench()));

  const width = Math.max(...lines.map(([name]) => name.length));
  // Figures first, ratios last, so the goals read together at the end.
  const isRatio = ([name]: [string, string]) => name.startsWith('ratio');
  for (const [name, value] of [...lines.filter((line) => !isRatio(line)), ...lines.filter(isRatio)]) {
    console.log(`${name.padEnd(width)}  ${value}`);
  }
  const goals = goalVerdicts(lines);
  const missed = goals.filter((goal) => !goal.met);
  console.log(`goals met: ${goals.length - missed.length} of ${goals.length}`);
  for (const { line } of missed) {
    console.error(`goal missed: ${line}`);
  }
  if (missed.length > 0) {
    process.exitCode = 1;
  }
  if (sink === 42) {
    console.log(''); // keeps the results observable so the loops are not optimised away
  }
}

/**
 * Every ratio line that names its goal ("goal <= 3x", or a figure divided by its "N ms goal"), checked: a
 * regression then fails the run instead of hiding among the figures, as the panel's 14x once did.
 */
function goalVerdicts(lines: ReadonlyArray<[string, string]>): Array<{ line: string; met: boolean }> {
  const verdicts: Array<{ line: string; met: boolean }> = [];
  for (const [name, value] of lines) {
    const limit = /goal <= ([\d.]+)x/.exec(name)?.[1] ?? (/ \/ [\d,]+ ms goal$/.test(name) ? '1' : undefined);
    if (limit !== undefined) {
      verdicts.push({ line: `${name}: ${value}`, met: Number.parseFloat(value) <= Number(limit) });
    }
  }
  return verdicts;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
