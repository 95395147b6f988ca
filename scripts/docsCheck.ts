/**
 * What keeps the docs honest, as plain functions so their test can also show that each check fails when it should:
 * the flags the CLI prints, the relative links between pages, and the heading anchors those links name.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

export const REPO_ROOT = join(__dirname, '..');
const run = promisify(execFile);

/** The help text of `northstar <command…> --help`, from the CLI as users run it (a subprocess, whatever its files). */
async function helpOf(command: string[]): Promise<string> {
  const { stdout } = await run('node', ['bin/northstar.cjs', ...command, '--help'], {
    cwd: REPO_ROOT,
    timeout: 60_000,
  });
  return stdout;
}

/** The lines of one section of commander's help ("Options:", "Commands:"), up to the next blank line. */
function sectionOf(help: string, title: string): string[] {
  const lines = help.split('\n');
  const start = lines.findIndex((line) => line.trim() === title);
  if (start < 0) {
    return [];
  }
  const end = lines.findIndex((line, i) => i > start && line.trim() === '');
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** Subcommand names listed in a help text, without commander's own `help`. */
export function subcommandsIn(help: string): string[] {
  return sectionOf(help, 'Commands:')
    .map((line) => /^ {2}([a-z][\w-]*)/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined && name !== 'help');
}

/** The flags an Options section names, long and short: `-o`, `--output`, `--base-records`. */
export function flagsIn(help: string): string[] {
  return sectionOf(help, 'Options:').flatMap((line) => {
    const flags = /^ {2}((?:-[\w-]+(?:, )?)+)/.exec(line)?.[1] ?? '';
    return flags.split(', ').filter(Boolean);
  });
}

export interface CommandFlags {
  command: string;
  flags: string[];
}

/** Every command the top-level help lists, nested ones too (`openslo import`), with the flags each prints. */
export async function cliFlags(): Promise<CommandFlags[]> {
  const found: CommandFlags[] = [];
  const visit = async (command: string[]): Promise<void> => {
    const help = await helpOf(command);
    if (command.length > 0) {
      found.push({ command: command.join(' '), flags: flagsIn(help) });
    }
    await Promise.all(subcommandsIn(help).map((name) => visit([...command, name])));
  };
  await visit([]);
  return found.sort((a, b) => a.command.localeCompare(b.command));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "openslo import: --output" for every flag the docs never mention as a whole word. */
export function flagsMissingFrom(doc: string, commands: readonly CommandFlags[]): string[] {
  return commands.flatMap(({ command, flags }) =>
    flags
      .filter((flag) => !new RegExp(`(^|[^\\w-])${escapeRegExp(flag)}(?![\\w-])`).test(doc))
      .map((flag) => `${command}: ${flag}`)
  );
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const line of withoutFences(markdown).split('\n')) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) {
      continue;
    }
    const base = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    let anchor = base;
    for (let n = 1; anchors.has(anchor); n++) {
      anchor = `${base}-${n}`;
    }
    anchors.add(anchor);
  }
  return anchors;
}

// A `#` line in a fenced block is a comment, not a heading.
function withoutFences(markdown: string): string {
  return markdown.replace(/^ *```[\s\S]*?^ *```/gm, '');
}

// Links inside fenced blocks and code spans are text, not links (PromQL is full of `[…](…)` look-alikes).
function withoutCode(markdown: string): string {
  return withoutFences(markdown).replace(/`[^`\n]*`/g, '');
}

/** The relative link targets of a Markdown text: no URLs with a scheme, no mail addresses. */
export function relativeLinks(markdown: string): string[] {
  const targets = Array.from(withoutCode(markdown).matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g), (m) => m[1]);
  return targets.filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

/** "docs/app.md: maths.md#nowhere (no such heading)" for every relative link of `file` that does not resolve. */
export function brokenLinks(file: string, markdown: string, read = (path: string) => readFileSync(path, 'utf8')) {
  const problems: string[] = [];
  for (const link of relativeLinks(markdown)) {
    const [path, anchor] = link.split('#', 2);
    const target = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
    const shown = `${file.slice(REPO_ROOT.length + 1)}: ${link}`;
    if (path !== '' && !existsSync(target)) {
      problems.push(`${shown} (no such file)`);
    } else if (anchor && target.endsWith('.md') && (path === '' || statSync(target).isFile())) {
      const text = target === file ? markdown : read(target);
      if (!headingAnchors(text).has(anchor)) {
        problems.push(`${shown} (no such heading)`);
      }
    }
  }
  return problems;
}
