import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { completionScript } from '../../src/cli/completion.js';
import { EXAMPLES } from '../../src/cli/examples.js';
import { buildProgram } from '../../src/cli/main.js';
import { runProcess } from '../helpers/run-process.js';

/** What `sim <command> --help` prints, captured in this process. */
function helpOf(name: string): string {
  const program = buildProgram();
  let text = '';
  program.configureOutput({ writeOut: (t) => (text += t), writeErr: (t) => (text += t) });
  for (const cmd of program.commands) cmd.configureOutput({ writeOut: (t) => (text += t), writeErr: (t) => (text += t) });
  try {
    program.parse(name === '' ? ['node', 'sim', '--help'] : ['node', 'sim', name, '--help']);
  } catch {
    // exitOverride: commander throws after printing help
  }
  return text;
}

describe('--help', () => {
  it('every command shows an example that runs that command', () => {
    const names = buildProgram().commands.map((c) => c.name());
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) {
      const examples = EXAMPLES[name];
      expect(examples, `an example for sim ${name}`).toBeDefined();
      for (const e of examples!) expect(e).toContain(name === 'completion' ? 'sim completion' : `sim ${name}`);
      const help = helpOf(name);
      expect(help).toMatch(/\nExamples?:\n {2}\$ /);
      expect(help).toContain(examples![0]!);
    }
    expect(helpOf('')).toContain('$ sim init my-service.yaml');
  });
});

describe('sim completion', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scalesim-completion-'));
  const bash = join(dir, 'sim.bash');
  writeFileSync(bash, completionScript(buildProgram(), 'bash'));

  /** COMPREPLY of the script for the words typed (the last is the word being completed). */
  async function complete(...typed: string[]): Promise<string[]> {
    const words = ['sim', ...typed].map((w) => `'${w}'`).join(' ');
    const script = `source '${bash}'; COMP_WORDS=(${words}); COMP_CWORD=${typed.length}; _sim; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const r = await runProcess('bash', ['-c', script], { cwd: dir });
    expect(r.stderr).toBe('');
    return r.stdout.split('\n').filter((l) => l !== '');
  }

  it('bash: commands, a command`s flags, a flag`s choices, an argument`s choices', async () => {
    expect(await complete('in')).toEqual(['init']);
    expect(await complete('run', '--f')).toEqual(['--format', '--free-tier']);
    expect(await complete('run', '--format', '')).toEqual(['table', 'json', 'csv']);
    expect(await complete('init', '--log-format', 'n')).toEqual(['nginx']);
    expect(await complete('reference', 'q')).toEqual(['queueing']);
    expect(await complete('completion', '')).toEqual(['bash', 'zsh']);
  });

  // .ci/run installs zsh; elsewhere the test is reported as skipped when zsh is missing.
  const hasZsh = spawnSync('zsh', ['--version']).error === undefined;
  it.skipIf(!hasZsh)('zsh: the script parses and, sourced after compinit, registers _sim for sim', async () => {
    const path = join(dir, '_sim');
    writeFileSync(path, completionScript(buildProgram(), 'zsh'));
    const r = spawnSync('zsh', ['-n', path], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // Sourced after compinit, it registers _sim for sim.
    const sourced = spawnSync('zsh', ['-f', '-c', `autoload -Uz compinit && compinit -u -D && source '${path}' && print -r -- $_comps[sim]`], { encoding: 'utf8' });
    expect(sourced.stderr).toBe('');
    expect(sourced.stdout.trim()).toBe('_sim');
  });
});
