/**
 * Every file the CLI reads comes through here, so a stray log or disk image is refused by its size before a
 * byte of it is in memory.
 */
import { open } from 'node:fs/promises';
import type { Loaded } from '../data/catalogYaml';

const MIB = 1024 * 1024;

/** Twice the 17,500-KPI catalog (16.4 MiB) that main.test.ts validates, far below what hurts a CI runner. */
export const MAX_INPUT_BYTES = 32 * MIB;

export async function readLimitedFile(file: string): Promise<Loaded<string>> {
  try {
    // stat and read the same open handle, so the size checked is the size of the file read
    const handle = await open(file, 'r');
    try {
      const stats = await handle.stat();
      if (stats.isDirectory()) {
        return { ok: false, problems: [`${file}: is a directory`] };
      }
      if (stats.size > MAX_INPUT_BYTES) {
        return { ok: false, problems: [`${file}: ${tooLarge(stats.size)}`] };
      }
      return { ok: true, value: await handle.readFile('utf8') };
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String((error as Error).message);
    return { ok: false, problems: [`${file}: ${reason}`] };
  }
}

function tooLarge(bytes: number): string {
  const mib = (bytes / MIB).toFixed(1);
  return `is ${mib} MiB (${bytes} bytes), more than the ${MAX_INPUT_BYTES / MIB} MiB limit for an input file`;
}
