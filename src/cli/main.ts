/**
 * The `northstar` command: validate catalogs, generate Prometheus, Mimir and Grafana alerting rules and dashboards,
 * convert between catalogs, OpenSLO and Sloth, and evaluate KPIs against a real Prometheus. Problems are printed one per line; never
 * a stack trace.
 *
 * Each command is built in its own file under commands/ (as Sloth's cmd/sloth/commands/); this file wires them and
 * turns errors into exit codes.
 */
import { Command, CommanderError } from 'commander';
import { EXIT_INVALID, EXIT_NO_DATA, EXIT_OK, type Io, UsageError } from './commandSupport';
import { addValidateCommand } from './commands/validate';
import { addRulesCommand } from './commands/rules';
import { addProvisioningCommand } from './commands/provisioning';
import { addConvertCommand } from './commands/convert';
import { addOpenSloCommand } from './commands/openslo';
import { addDashboardsCommand } from './commands/dashboards';
import { addEvalCommand } from './commands/eval';
import { addGateCommand } from './commands/gate';
import { PrometheusError } from './prometheus';

export { EXIT_INVALID, EXIT_NO_DATA, EXIT_OK, escapeForProvisioning, parseInstant } from './commandSupport';

function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('northstar')
    .description(
      'Northstar KPI catalog-as-code: validate catalogs, generate alerting rules and dashboards, convert OpenSLO and ' +
        'Sloth, evaluate KPIs.'
    )
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });

  addValidateCommand(program, io, setExit);
  addRulesCommand(program, io, setExit);
  addProvisioningCommand(program, io, setExit);
  addConvertCommand(program, io, setExit);
  addOpenSloCommand(program, io, setExit);
  addDashboardsCommand(program, io, setExit);
  addEvalCommand(program, io, setExit);
  addGateCommand(program, io, setExit);
  return program;
}

/** Runs the CLI; returns the exit code instead of exiting so tests can call it in-process. */
export async function main(
  argv: string[],
  io: Io = { out: (s) => console.log(s), err: (s) => console.error(s) }
): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT_OK : EXIT_INVALID;
    }
    if (error instanceof UsageError) {
      io.err(`northstar: ${error.message}`);
      return EXIT_INVALID;
    }
    if (error instanceof PrometheusError) {
      io.err(`northstar eval: ${error.message}`);
      return EXIT_NO_DATA;
    }
    io.err(`northstar: unexpected error: ${(error as Error).message ?? String(error)}`);
    return EXIT_INVALID;
  }
}
