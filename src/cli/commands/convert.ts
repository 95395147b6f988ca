import { Command, Option } from 'commander';
import { dirname, relative, resolve } from 'node:path';
import { stringify } from 'yaml';
import { formatProblem, validateCatalog } from '../../kpi/catalog';
import type { Catalog } from '../../kpi/model';
import {
  catalogToOpenSlo,
  catalogToSloth,
  compositesLeftOut,
  formatOpenSloProblem,
  formatSlothExportProblem,
  formatSlothProblem,
  openSloToCatalog,
  slothToCatalog,
} from '../../kpi/formats';
import { loadCatalog, parseYamlDocuments, readText } from '../catalogFile';
import {
  PACKAGE_ROOT,
  CATALOG_SCHEMA,
  EXIT_OK,
  EXIT_INVALID,
  type Io,
  unwrap,
  emit,
  durationOption,
} from '../commandSupport';

/** `northstar convert`. */
export function addConvertCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('convert')
    .description(
      'convert between a catalog, OpenSLO v1 documents and Sloth prometheus/v1 specs; what cannot convert is ' +
        'named on stderr (one line per SLO or KPI) and the rest still converts'
    )
    .argument('<file>', 'YAML file (OpenSLO and Sloth files may hold several documents)')
    .addOption(new Option('--from <format>', 'format of FILE').choices(CONVERT_FORMATS).makeOptionMandatory())
    .addOption(new Option('--to <format>', 'format to write').choices(CONVERT_FORMATS).makeOptionMandatory())
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .option(
      '--window <duration>',
      'sloth: the SLO period of the specs (sloth --default-slo-period, default 30d); openslo: the window of SLOs ' +
        'without timeWindow (default 28d)'
    )
    .option('--datasource-uid <uid>', 'sloth: the uid of the Prometheus data source the KPIs read', 'prometheus')
    .action(async (file: string, opts: ConvertOptions) => {
      if (opts.window !== undefined) {
        durationOption('--window', opts.window);
      }
      const read = await readCatalogAs(file, opts, io);
      if (read.catalog === undefined) {
        return setExit(EXIT_INVALID);
      }
      const written = writeCatalogAs(read.catalog, opts);
      written.problems.forEach((problem) => io.err(`${file}: ${problem}`));
      written.warnings?.forEach((warning) => io.err(`${file}: warning: ${warning}`));
      if (opts.to === 'sloth' && opts.window !== undefined && !SLOTH_BUILT_IN_PERIODS.includes(opts.window)) {
        io.err(
          `${file}: note: Sloth ships alert windows for ${SLOTH_BUILT_IN_PERIODS.join(' and ')} only; run ` +
            `sloth generate --default-slo-period ${opts.window} with an AlertWindows file for it (--alert-windows-path)`
        );
      }
      const header = opts.to === 'catalog' ? schemaHeader(opts.output) : '';
      await emit(header + written.text, opts.output, io);
      setExit(read.refused || written.problems.length > 0 ? EXIT_INVALID : EXIT_OK);
    });
}

const CONVERT_FORMATS = ['catalog', 'openslo', 'sloth'] as const;

type ConvertFormat = (typeof CONVERT_FORMATS)[number];

/** The SLO periods Sloth has alert windows for without an AlertWindows file. */
const SLOTH_BUILT_IN_PERIODS = ['28d', '30d'];

interface ConvertOptions {
  from: ConvertFormat;
  to: ConvertFormat;
  output?: string;
  window?: string;
  datasourceUid: string;
}

/** The catalog in FILE, whatever its format; what could not convert is printed, and `refused` says so. */
async function readCatalogAs(
  file: string,
  opts: ConvertOptions,
  io: Io
): Promise<{ catalog?: Catalog; refused: boolean }> {
  if (opts.from === 'catalog') {
    return { catalog: unwrap(await loadCatalog(file), io), refused: false };
  }
  const text = unwrap(await readText(file), io);
  const docs = text === undefined ? undefined : unwrap(parseYamlDocuments(file, text), io);
  if (!docs) {
    return { refused: true };
  }
  let imported: Catalog;
  let refused: boolean;
  if (opts.from === 'openslo') {
    const result = openSloToCatalog(docs, opts.window !== undefined ? { defaultWindow: opts.window } : {});
    result.problems.forEach((problem) => io.err(`${file}: ${formatOpenSloProblem(problem)}`));
    imported = result.catalog;
    refused = result.problems.length > 0;
  } else {
    const result = slothToCatalog(docs, {
      ...(opts.window !== undefined ? { window: opts.window } : {}),
      datasource: { type: 'prometheus', uid: opts.datasourceUid },
    });
    result.problems.forEach((problem) => io.err(`${file}: ${formatSlothProblem(problem)}`));
    result.notes.forEach((note) => io.err(`${file}: note: ${formatSlothProblem(note)}`));
    imported = result.catalog;
    refused = result.problems.length > 0;
  }
  const checked = validateCatalog(imported);
  if (!checked.ok) {
    checked.problems.forEach((problem) => io.err(`${file}: ${formatProblem(problem)}`));
    return { refused: true };
  }
  return { catalog: checked.catalog, refused };
}

function writeCatalogAs(
  catalog: Catalog,
  opts: ConvertOptions
): { text: string; problems: string[]; warnings?: string[] } {
  const yaml = (value: unknown) => stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
  const documents = (docs: unknown[]) => docs.map((doc) => `---\n${yaml(doc)}`).join('');
  switch (opts.to) {
    case 'catalog':
      return { text: yaml(catalog), problems: [] };
    case 'openslo':
      return { text: documents(catalogToOpenSlo(catalog)), problems: compositesLeftOut(catalog) };
    case 'sloth': {
      const { specs, problems, warnings } = catalogToSloth(
        catalog,
        opts.window !== undefined ? { window: opts.window } : {}
      );
      return {
        text: documents(specs),
        problems: problems.map(formatSlothExportProblem),
        warnings: warnings.map(formatSlothExportProblem),
      };
    }
  }
}

/**
 * `# yaml-language-server: $schema=…` for a catalog written inside this repository, with the path from its folder,
 * so editors validate it as you type; nothing for standard output or files elsewhere.
 */
function schemaHeader(output: string | undefined): string {
  if (output === undefined || relative(PACKAGE_ROOT, resolve(output)).startsWith('..')) {
    return '';
  }
  const path = relative(dirname(resolve(output)), CATALOG_SCHEMA)
    .split('\\')
    .join('/');
  return `# yaml-language-server: $schema=${path}\n`;
}
