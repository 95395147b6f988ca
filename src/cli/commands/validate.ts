import type { Command } from 'commander';
import { formatProblem, lintCatalog, publishedVersionProblems, retiredDriverWarnings } from '../../kpi/catalog';
import { loadCatalog } from '../catalogFile';
import { EXIT_OK, EXIT_INVALID, type Io, unwrap } from '../commandSupport';

/** `northstar validate`. */
export function addValidateCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('validate')
    .description('check catalog files; exit 1 and one line per problem when one is invalid')
    .argument('<files...>', 'catalog YAML files')
    .option('--previous <file>', 'the catalog these files replace: published versions must not change')
    .option(
      '--lint',
      'also warn, without failing, about owners with many KPIs, duplicates, missing decisions, overdue reviews'
    )
    .action(async (files: string[], opts: { previous?: string; lint?: boolean }) => {
      const previous = opts.previous ? unwrap(await loadCatalog(opts.previous), io) : undefined;
      let invalid = opts.previous !== undefined && previous === undefined;
      for (const file of files) {
        const catalog = unwrap(await loadCatalog(file), io);
        if (!catalog) {
          invalid = true;
          continue;
        }
        const changed = previous ? publishedVersionProblems({ catalog: previous, history: {} }, catalog) : [];
        changed.forEach((problem) => io.err(`${file}: ${formatProblem(problem)}`));
        if (changed.length > 0) {
          invalid = true;
          continue;
        }
        // Warnings never fail a catalog: a retired driver always shows, the rest with --lint.
        const warnings = opts.lint ? lintCatalog(catalog, Date.now()) : retiredDriverWarnings(catalog);
        warnings.forEach((warning) => io.err(`${file}: warning: ${formatProblem(warning)}`));
        const counted = warnings.length === 0 ? '' : ` (${warnings.length} warning${warnings.length === 1 ? '' : 's'})`;
        io.out(`${file}: ${catalog.kpis.length} KPI${catalog.kpis.length === 1 ? '' : 's'} valid${counted}`);
      }
      setExit(invalid ? EXIT_INVALID : EXIT_OK);
    });
}
