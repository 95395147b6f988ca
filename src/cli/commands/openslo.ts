import type { Command } from 'commander';
import { stringify } from 'yaml';
import { formatProblem, validateCatalog } from '../../kpi/catalog';
import { catalogToOpenSlo, compositesLeftOut, formatOpenSloProblem, openSloToCatalog } from '../../kpi/formats';
import { loadCatalog, parseYamlDocuments, readText } from '../catalogFile';
import { EXIT_OK, EXIT_INVALID, type Io, unwrap, emit } from '../commandSupport';

/** `northstar openslo`. */
export function addOpenSloCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  const openslo = program.command('openslo').description('convert between a catalog and OpenSLO v1 documents');
  openslo
    .command('export')
    .description('print a catalog as OpenSLO v1 multi-document YAML')
    .argument('<file>', 'catalog YAML file')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action(async (file: string, opts: { output?: string }) => {
      const catalog = unwrap(await loadCatalog(file), io);
      if (!catalog) {
        return setExit(EXIT_INVALID);
      }
      const docs = catalogToOpenSlo(catalog).map((doc) => stringify(doc, { lineWidth: 0 }));
      await emit(docs.map((doc) => `---\n${doc}`).join(''), opts.output, io);
      compositesLeftOut(catalog).forEach((note) => io.err(`${file}: ${note}`));
      setExit(EXIT_OK);
    });
  openslo
    .command('import')
    .description('print OpenSLO v1 documents as a catalog; SLOs that cannot convert are named on stderr')
    .argument('<file>', 'OpenSLO YAML file (one or more documents)')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action(async (file: string, opts: { output?: string }) => {
      const text = unwrap(await readText(file), io);
      const docs = text === undefined ? undefined : unwrap(parseYamlDocuments(file, text), io);
      if (!docs) {
        return setExit(EXIT_INVALID);
      }
      const { catalog, problems } = openSloToCatalog(docs);
      problems.forEach((problem) => io.err(`${file}: ${formatOpenSloProblem(problem)}`));
      const checked = validateCatalog(catalog);
      if (!checked.ok) {
        checked.problems.forEach((problem) => io.err(`${file}: ${formatProblem(problem)}`));
        return setExit(EXIT_INVALID);
      }
      await emit(stringify(checked.catalog, { lineWidth: 0 }), opts.output, io);
      setExit(problems.length > 0 ? EXIT_INVALID : EXIT_OK);
    });
}
