import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './main';
import { MAX_INPUT_BYTES, readLimitedFile } from './readLimitedFile';

const MIB = 1024 * 1024;

/** A sparse file: its size is on disk at once, its bytes are never written. */
function fileOfSize(name: string, bytes: number): string {
  const file = join(mkdtempSync(join(tmpdir(), 'northstar-size-')), name);
  writeFileSync(file, '');
  truncateSync(file, bytes);
  return file;
}

async function run(...args: string[]) {
  const err: string[] = [];
  const code = await main(['node', 'northstar', ...args], { out: () => undefined, err: (s) => err.push(s) });
  return { code, stderr: err.join('\n') };
}

describe('readLimitedFile', () => {
  test('the limit is 32 MiB', () => {
    expect(MAX_INPUT_BYTES).toBe(32 * MIB);
  });

  test('a file of exactly the limit is read', async () => {
    const loaded = await readLimitedFile(fileOfSize('catalog.yaml', MAX_INPUT_BYTES));
    expect(loaded.ok && loaded.value.length).toBe(MAX_INPUT_BYTES);
  });

  test('a file one byte over the limit is refused, naming the file and the limit', async () => {
    const file = fileOfSize('catalog.yaml', MAX_INPUT_BYTES + 1);
    expect(await readLimitedFile(file)).toEqual({
      ok: false,
      problems: [`${file}: is 32.0 MiB (33554433 bytes), more than the 32 MiB limit for an input file`],
    });
  });

  test('a file too large for memory is refused by its size, before any byte is read', async () => {
    const file = fileOfSize('huge.yaml', 3 * 1024 * MIB);
    const loaded = await readLimitedFile(file);
    expect(loaded.ok ? '' : loaded.problems.join()).toContain(
      `${file}: is 3072.0 MiB (3221225472 bytes), more than the 32 MiB limit`
    );
  });

  test.each([
    ['a missing file', 'missing.yaml', 'no such file'],
    ['a directory', '', 'is a directory'],
  ])('%s is a problem naming the file, not a crash', async (_, name, reason) => {
    const file = join(mkdtempSync(join(tmpdir(), 'northstar-size-')), name);
    expect(await readLimitedFile(file)).toEqual({ ok: false, problems: [`${file}: ${reason}`] });
  });
});

describe('the CLI refuses an oversized input file wherever it reads one', () => {
  test.each([
    ['validate', (file: string) => ['validate', file]],
    ['rules', (file: string) => ['rules', file]],
    ['openslo import', (file: string) => ['openslo', 'import', file]],
    ['convert --from sloth', (file: string) => ['convert', file, '--from', 'sloth', '--to', 'catalog']],
    [
      'validate --previous',
      (file: string) => ['validate', '--previous', file, join(__dirname, '../../examples/catalog.yaml')],
    ],
  ])('%s', async (_, args) => {
    const file = fileOfSize('big.yaml', 33 * MIB);
    const { code, stderr } = await run(...args(file));
    expect(code).toBe(1);
    expect(stderr).toContain(`${file}: is 33.0 MiB (34603008 bytes), more than the 32 MiB limit`);
  });
});
