import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * JsonFileStore knows one JSON file in the host's state directory: read once at start, written whole after every
 * change (through a temporary file and a rename, so a crash never leaves half a file).
 */
export class JsonFileStore<T> {
  private value: T;
  private readonly file: string;

  constructor(stateDir: string, fileName: string, initial: () => T) {
    this.file = join(stateDir, fileName);
    this.value = existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as T) : initial();
  }

  get(): T {
    return this.value;
  }

  set(value: T): void {
    this.value = value;
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(value, null, 2) + '\n');
    renameSync(temporary, this.file);
  }
}
