import type { Command } from 'commander';
import { formatProblem, publishedVersionProblems } from '../../kpi/catalog';
import { loadCatalog } from '../catalogFile';
import { EXIT_OK, EXIT_INVALID, type Io, unwrap } from '../commandSupport';

/** `northstar validate`. */
export function addValidateCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('validate')
    .description('check catalog files; exit 1 and one line per problem when one is invalid')
    .argument('<files...>', 'catalog YAML files')
    .option('--previous <file>', 'the catalog these files replace: published versions must not change')
    .action(async (files: string[], opts: { previous?: string }) => {
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
        } else {
          io.out(`${file}: ${catalog.kpis.length} KPI${catalog.kpis.length === 1 ? '' : 's'} valid`);
        }
      }
      setExit(invalid ? EXIT_INVALID : EXIT_OK);
    });
}
