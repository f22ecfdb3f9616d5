/**
 * Where pot-nomad starts processes, read off its source: exactly these files, with these imports and these calls,
 * every one an executable plus an argv array. A new place that starts a process, a shell option or a command
 * string fails here until it is looked at and listed.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers/cli.js';

/** Each file that may start processes: what it imports from child_process or execa, and its calls. */
const SITES: Record<string, { from: string; names: string[]; calls: string[] }> = {
  'src/pot/runner.ts': { from: 'node:child_process', names: ['spawn'], calls: ['spawn(bin, args'] },
  'src/pot/spawn.ts': { from: 'node:child_process', names: ['spawn'], calls: ['spawn(bin, args'] },
  'src/driver/exec/piped.ts': { from: 'node:child_process', names: ['spawn'], calls: ['spawn(bin, [...args'] },
  // script(1) opens the exec terminal; its argv is built by scriptCommand, never a command string.
  'src/driver/exec/terminal.ts': { from: 'node:child_process', names: ['spawn'], calls: ['spawn(script, argv'] },
  // The helper on that terminal: pot with its argv, and stty(1) to set the terminal's size.
  'src/driver/exec/terminal-helper.ts': { from: 'node:child_process', names: ['spawn', 'spawnSync'], calls: ['spawn(bin, rest', "spawnSync('stty', ['rows'"] },
  'src/cli/runtime/detach.ts': { from: 'node:child_process', names: ['spawn'], calls: ['spawn(process.execPath, [CLI_BIN'] },
  'src/emulator/process-ps.ts': { from: 'node:child_process', names: ['execFileSync'], calls: ["execFileSync('ps', ['-o'", "execFileSync('ps', ['-A'"] },
  // The emulator's stand-in for the jail's sh running pot.cmd (pot's `exec <cmd>` in tinirc): the one shell, by design.
  'src/emulator/commands/start.ts': { from: 'node:child_process', names: ['spawn'], calls: ["spawn('/bin/sh', ['-c'"] },
  'src/emulator/commands/exec.ts': { from: 'node:child_process', names: ['spawn'], calls: ['spawn(file, args'] },
  'src/emulator/launched.ts': { from: 'node:child_process', names: ['ChildProcess'], calls: [] },
  // An isolated pot: bwrap makes the jail, nsenter gives it its address (iproute2's ip, argv only).
  'src/emulator/jail/launch.ts': { from: 'node:child_process', names: ['spawn', 'ChildProcess'], calls: ['spawn(tools.bwrap, args', 'spawn(tools.nsenter, args'] },
  'src/emulator/jail/port-relay.ts': { from: 'node:child_process', names: ['ChildProcess', 'spawn'], calls: ['spawn(nsenter, args'] },
  'src/cli/runtime/isolation.ts': { from: 'node:child_process', names: ['spawnSync'], calls: ['spawnSync(bwrap, args'] },
};

const PROCESS_MODULE = /(['"])(?:node:)?child_process\1|(['"])execa\2/;
const STARTERS = 'spawn|spawnSync|exec|execSync|execFile|execFileSync|fork|execa|execaSync|execaCommand|execaCommandSync|execaNode';
/** A call of a process starter as a plain function (not a method such as RegExp#exec). */
const ANY_CALL = new RegExp(`(?<![.\\w$])(?:${STARTERS})\\s*\\(`, 'g');
/** The same call with its first argument and the start of its second, which must be there. */
const CALL_HEAD = new RegExp(`(?<![.\\w$])((?:${STARTERS}))\\(([^,()]*),\\s*(\\[?[^\\s,\\]]*)`, 'g');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|js|mjs|cjs)$/.test(entry.name) ? [path] : [];
  });
}

const files = [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'bin'))].map((path) => ({
  name: relative(ROOT, path),
  text: readFileSync(path, 'utf8'),
}));

function importedNames(text: string): { from: string; names: string[] }[] {
  const found: { from: string; names: string[] }[] = [];
  const named = /import\s*(?:type\s*)?\{([\w\s,]*)\}\s*from\s*['"]((?:node:)?child_process|execa)['"]/g;
  const dynamic = /(?:const|let|var)\s*\{([\w\s,]*)\}\s*=\s*await\s*\(?[^;]*?import\(\s*['"](execa|(?:node:)?child_process)['"]\s*\)/g;
  for (const m of text.matchAll(named)) found.push({ from: m[2]!, names: splitNames(m[1]!) });
  for (const m of text.matchAll(dynamic)) found.push({ from: m[2]!, names: splitNames(m[1]!) });
  // default, namespace and require forms would hide which functions are used
  const other = /import\s+(?:\*\s+as\s+)?\w+\s*(?:,\s*\{[^}]*\})?\s*from\s*['"](?:(?:node:)?child_process|execa)['"]|require\(\s*['"](?:(?:node:)?child_process|execa)['"]\s*\)|createRequire/g;
  for (const m of text.matchAll(other)) found.push({ from: m[0], names: ['<not a named import>'] });
  return found;
}

function splitNames(list: string): string[] {
  return list
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
}

describe('process starts in the source', () => {
  it('happen only in the listed files', () => {
    assert.deepEqual(
      files.filter((f) => PROCESS_MODULE.test(f.text)).map((f) => f.name).sort(),
      Object.keys(SITES).sort(),
    );
  });

  it('import exactly the listed functions, by name', () => {
    for (const [name, site] of Object.entries(SITES)) {
      const text = files.find((f) => f.name === name)?.text ?? '';
      assert.deepEqual(importedNames(text), [{ from: site.from, names: site.names }], name);
    }
  });

  it('call each function with an executable and an argv array, exactly at the listed places', () => {
    for (const [name, site] of Object.entries(SITES)) {
      const text = files.find((f) => f.name === name)?.text ?? '';
      const heads = [...text.matchAll(CALL_HEAD)].map((m) => `${m[1]}(${m[2]!.trim()}, ${m[3]}`);
      assert.deepEqual(heads, site.calls, name);
      // A call the pattern above cannot read (one argument: a command string) still counts here.
      assert.equal([...text.matchAll(ANY_CALL)].length, site.calls.length, `${name}: every call has an argv`);
    }
  });

  it('never ask for a shell', () => {
    const shellOptions = files.flatMap((f) => [...f.text.matchAll(/(?:^|[{,])\s*shell\s*(?::\s*([^,\n}]+)|(?=[,}]))/gm)].map((m) => `${f.name}: shell: ${(m[1] ?? '<shorthand>').trim()}`));
    assert.deepEqual(shellOptions, ['src/pot/runner.ts: shell: false']);
    const shells = files.flatMap((f) => [...f.text.matchAll(/['"`](?:\/bin\/|\/usr\/bin\/|\/usr\/local\/bin\/)?(?:sh|bash|dash|zsh|csh|tcsh|ksh)['"`]/g)].map((m) => `${f.name}: ${m[0]}`));
    // both the emulator's stand-in for the jail's sh running pot.cmd: on the host, and inside an isolated jail
    assert.deepEqual(shells, ["src/emulator/commands/start.ts: '/bin/sh'", "src/emulator/jail/sandbox.ts: '/bin/sh'"]);
  });
});
