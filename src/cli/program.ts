import { Command, Option } from 'commander';
import { DEFAULT_POT_BIN } from '../driver/schema.js';
import { NEWEST_POT_VERSION } from '../driver/pot-versions.js';
import {
  collectHostPath,
  collectPort,
  collectVar,
  collectVarFile,
  parseAbsolutePath,
  parseAllocId,
  parseInvocationId,
  parseIp,
  parseIsolation,
  parseNomadVersionOption,
  parseOutput,
  parsePotVersionOption,
  variableInputs,
} from './options.js';
import { parseLineCount, withRecordsOptions } from './runtime/runs/record-flags.js';

const JOB_FILE_HELP = 'job file (.hcl, .nomad, .nomad.hcl, or .json in HCL\'s JSON syntax) or - for stdin';
const ALLOW_HOST_PATH_HELP = 'let copy, mount and mount_read_only use only host paths under this prefix and the alloc dir (repeatable; default: any path)';

type Commands = (typeof import('./commands/index.js'))['commands'];
type CommandFn<K extends keyof Commands> = Awaited<ReturnType<Commands[K]>>;

/**
 * Command and option declarations only; the commands are loaded by the first action that runs, so `--help`,
 * `--version` and usage mistakes never load the job loader or the gRPC stack.
 */
export function buildProgram(version: string, setExitCode: (code: number) => void): Command {
  // A command's errors are reported by the reporter loaded with it: in the bundled build the commands may come from
  // another bundle than these declarations, with their own copies of the error classes the reporter recognises.
  const run = async <K extends keyof Commands>(name: K, call: (command: CommandFn<K>) => Promise<number>): Promise<void> => {
    const { commands, reporter } = await import('./commands/index.js');
    try {
      setExitCode(await call((await commands[name]()) as CommandFn<K>));
    } catch (err) {
      setExitCode((await reporter())(err));
    }
  };

  const program = new Command('pot-nomad')
    .description('Run Nomad jobs\' pot tasks (FreeBSD jails) the way a Nomad client with the pot driver would, or serve as that driver.')
    .version(version, '-v, --version')
    .showHelpAfterError('(run "pot-nomad --help" for usage)')
    .addHelpText(
      'after',
      '\nPlugin mode:\n  pot-nomad plugin    serve as the Nomad task driver plugin; the Nomad agent runs this from its plugin_dir\n                      (with Nomad\'s cookie set, plain pot-nomad does the same)',
    );

  const withVariables = (cmd: Command): Command =>
    cmd
      .option('--var <name=value>', 'set a job variable (repeatable; later ones win)', collectVar)
      .option('--var-file <file>', 'read job variables from an HCL or JSON file (repeatable; applied before --var)', collectVarFile)
      .option('--nomad-version <version>', 'the Nomad version the job is for; what it cannot read is a warning (default: the newest)', parseNomadVersionOption)
      .addOption(new Option('-o, --output <format>', 'output format: text or json').default('text').argParser(parseOutput));

  // The host policy: who runs the CLI is the node's operator, so only these (or the settings file) restrict it.
  const withHostPolicy = (cmd: Command): Command =>
    cmd
      .option('--allow-host-path <prefix>', ALLOW_HOST_PATH_HELP, collectHostPath)
      .option('--config <file>', 'settings file (default ./pot-nomad.toml, then ~/.config/pot-nomad/pot-nomad.toml)')
      .option('--pot-version <version>', `the pot release on the nodes; options it is too old for are errors (default ${NEWEST_POT_VERSION}, the newest)`, parsePotVersionOption);

  withHostPolicy(withVariables(program.command('validate').argument('<job>', JOB_FILE_HELP)))
    .description('check a job file and its pot tasks\' config; report every problem with its file and line')
    .action(async (job: string, _opts: unknown, cmd: Command) => {
      const o = cmd.opts();
      await run('validate', (command) =>
        command(job, {
          vars: variableInputs(o),
          nomadVersion: o.nomadVersion,
          output: o.output,
          allowHostPath: o.allowHostPath,
          config: o.config,
          potVersion: o.potVersion,
        }),
      );
    });

  withHostPolicy(withVariables(program.command('plan').argument('<job>', JOB_FILE_HELP)))
    .description('print the exact pot command lines each pot task would run; runs nothing')
    .option('--alloc-id <uuid>', 'id of the first allocation (others derive from it)', parseAllocId)
    .option('--invocation-id <hex8>', 'invocation id of the first allocation\'s tasks', parseInvocationId)
    .option('--data-dir <dir>', 'Nomad client data_dir the alloc dirs live under', parseAbsolutePath('--data-dir'), '/var/tmp/nomad')
    .option('--host-ip <ip>', 'host IP the ports are bound to', parseIp, '127.0.0.1')
    .option('--port <label=port>', 'pin a host port for a port label (repeatable)', collectPort)
    .option('--pot-bin <path>', 'pot executable to show in the commands', parseAbsolutePath('--pot-bin'), DEFAULT_POT_BIN)
    .action(async (job: string, _opts: unknown, cmd: Command) => {
      const o = cmd.opts();
      await run('plan', (command) =>
        command(job, {
          vars: variableInputs(o),
          nomadVersion: o.nomadVersion,
          output: o.output,
          allocId: o.allocId,
          invocationId: o.invocationId,
          dataDir: o.dataDir,
          hostIp: o.hostIp,
          port: o.port,
          potBin: o.potBin,
          allowHostPath: o.allowHostPath,
          config: o.config,
          potVersion: o.potVersion,
        }),
      );
    });

  withVariables(program.command('run').argument('<job>', JOB_FILE_HELP))
    .description('run the job\'s pot tasks on this machine as a Nomad client would; Ctrl-C stops them, -d leaves them running')
    .option('-d, --detach', 'start the tasks under a background supervisor and return once they have started')
    .option('--data-dir <dir>', 'where alloc dirs and run records live (default $XDG_DATA_HOME/pot-nomad or ~/.local/share/pot-nomad)', parseAbsolutePath('--data-dir'))
    .option('--host-ip <ip>', 'host IP the ports are bound to (default 127.0.0.1)', parseIp)
    .option('--port <label=port>', 'pin a host port for a port label (repeatable)', collectPort)
    .option('--pot-bin <path>', 'pot executable to run (default /usr/local/bin/pot when installed, else the built-in emulator)', parseAbsolutePath('--pot-bin'))
    .option('--emulate', 'use the built-in pot emulator even where pot is installed')
    .option('--isolation <mode>', 'how the emulator runs jails: namespaces (bubblewrap) or none (plain processes); default: namespaces where possible', parseIsolation)
    .option('--allow-host-path <prefix>', ALLOW_HOST_PATH_HELP, collectHostPath)
    .option('--config <file>', 'settings file (default ./pot-nomad.toml, then ~/.config/pot-nomad/pot-nomad.toml)')
    .action(async (job: string, _opts: unknown, cmd: Command) => {
      const o = cmd.opts();
      await run('run', (command) =>
        command(job, {
          vars: variableInputs(o),
          nomadVersion: o.nomadVersion,
          output: o.output,
          dataDir: o.dataDir,
          hostIp: o.hostIp,
          port: o.port,
          potBin: o.potBin,
          emulate: o.emulate === true,
          isolation: o.isolation,
          config: o.config,
          allowHostPath: o.allowHostPath,
          detach: o.detach === true,
        }),
      );
    });

  // What `run --detach` leaves running; not for people, so not in --help.
  program
    .command('supervise', { hidden: true })
    .argument('<run-id>')
    .requiredOption('--data-dir <dir>', 'where the run record lives', parseAbsolutePath('--data-dir'))
    .action(async (runId: string, _opts: unknown, cmd: Command) => {
      await run('supervise', (command) => command(runId, { dataDir: cmd.opts().dataDir }));
    });

  const outputOption = (): Option => new Option('-o, --output <format>', 'output format: text or json').default('text').argParser(parseOutput);
  const records = (o: Record<string, unknown>) => ({ dataDir: o.dataDir as string | undefined, configPath: o.config as string | undefined });

  withRecordsOptions(program.command('status').argument('[name]', 'a job, run id or allocation id (or its first 8 characters)'))
    .description('list the runs, or show one job\'s latest run, one run or one allocation with its tasks and checks')
    .addOption(outputOption())
    .action(async (name: string | undefined, _opts: unknown, cmd: Command) => {
      const o = cmd.opts();
      await run('status', (command) => command(name, { ...records(o), output: o.output }));
    });

  withRecordsOptions(
    program
      .command('logs')
      .argument('<name>', 'a task name, <alloc>/<task> or <run>/<task>, or a run, job or allocation with one task')
      .argument('[task]', 'the task, when <name> is a run, job or allocation'),
  )
    .description('print a task\'s stdout log (or stderr); -f keeps printing until the task ends or Ctrl-C')
    .option('-f, --follow', 'keep printing what the task writes')
    .option('--stderr', 'the stderr log instead of stdout')
    .option('-n, --lines <n>', 'only the last N lines', parseLineCount)
    .action(async (name: string, task: string | undefined, _opts: unknown, cmd: Command) => {
      const o = cmd.opts();
      const target = task === undefined ? name : `${name}/${task}`;
      await run('logs', (command) => command(target, { ...records(o), follow: o.follow === true, stderr: o.stderr === true, lines: o.lines }));
    });

  withRecordsOptions(program.command('inspect').argument('<task>', 'a task (as for logs) or an allocation'))
    .description('show the driver\'s status of each task and pot\'s own "pot info -v" for its jail')
    .addOption(outputOption())
    .action(async (name: string, _opts: unknown, cmd: Command) => {
      const o = cmd.opts();
      await run('inspect', (command) => command(name, { ...records(o), output: o.output }));
    });

  withRecordsOptions(program.command('stop').argument('<name>', 'a job (its runs still going), run id or allocation id'))
    .description('stop the tasks of a job, run or allocation with their kill_signal and kill_timeout')
    .option('--purge', 'also remove the run records and the allocation directories')
    .action(async (name: string, _opts: unknown, cmd: Command) => {
      const o = cmd.opts();
      await run('stop', (command) => command(name, { ...records(o), purge: o.purge === true }));
    });

  withRecordsOptions(program.command('exec').argument('<task>', 'a task (as for logs)').argument('<command...>', 'the command and its arguments, after --'))
    .description('run a command in a running task\'s jail with this terminal\'s stdin, stdout and stderr; exits with its exit code')
    .usage('[options] <task> -- <command...>')
    .option('-t, --tty', 'run the command on a terminal of this terminal\'s size (default: when stdin and stdout are terminals)')
    .option('--no-tty', 'run the command with pipes, even from a terminal')
    .action(async (name: string, command: string[], _opts: unknown, cmd: Command) => {
      const o = cmd.opts();
      await run('exec', (exec) => exec(name, command, { ...records(o), ...(typeof o.tty === 'boolean' ? { tty: o.tty } : {}) }));
    });

  return program;
}
