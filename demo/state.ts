/**
 * The demo's state file: the counter totals the exporter continues from. The history writes it when it ends; the
 * exporter rewrites it whenever it answers a scrape, so the file never holds less than Prometheus has stored and a
 * restarted exporter never makes a counter go backwards (which Prometheus would read as a reset and a spike).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { perService } from './traffic';

const forEveryService = <T extends z.ZodType>(schema: T) => z.object(perService(() => schema));

const stateSchema = z.object({
  /** When the demo history ends (Unix seconds); the traffic model places its incidents relative to it. */
  historyEndSec: z.number(),
  /** When the totals below were taken. */
  takenAtSec: z.number(),
  counters: forEveryService(
    z.array(z.object({ name: z.string(), labels: z.record(z.string(), z.string()), value: z.number().nonnegative() }))
  ),
  lastDeployAtSec: forEveryService(z.number()),
});

export type DemoState = z.infer<typeof stateSchema>;

/** The state in `path`, or undefined when there is no such file; a file that is not a demo state is an error. */
export function readState(path: string): DemoState | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not a demo state file: ${(error as Error).message}`);
  }
  const parsed = stateSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`${path} is not a demo state file: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
export function writeState(path: string, state: DemoState): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(state));
  renameSync(temporary, path);
}
