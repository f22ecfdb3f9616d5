import { Command, Option } from 'commander';
import { DEFAULT_POT_BIN } from '../driver/schema.js';
import { collectPort, parseAbsolutePath, parseAllocId, parseInvocationId, parseIp, parseOutput, variableCollector } from './options.js';

/**
 * Command and option declarations only; each action loads its command module when it runs, so
 * `--help` and `--version` never load the job loader or the gRPC stack.
 */
export function buildProgram(version: string, setExitCode: (code: number) => void): Command {
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
      .option('--var <name=value>', 'set a job variable (repeatable; later ones win)', variableCollector('var'))
      .option('--var-file <file>', 'read job variables from an HCL or JSON file (repeatable)', variableCollector('var-file'))
      .addOption(new Option('-o, --output <format>', 'output format: text or json').default('text').argParser(parseOutput));

  withVariables(program.command('validate').argument('<job>', 'job file (.hcl, .nomad, .nomad.hcl) or - for stdin'))
    .description('check a job file and its pot tasks\' config; report every problem with its file and line')
    .action(async (job: string, _opts: unknown, cmd: Command) => {
      const { validateCommand } = await import('./commands/validate.js');
      const o = cmd.opts();
      setExitCode(await validateCommand(job, { vars: o.var ?? [], output: o.output }));
    });

  withVariables(program.command('plan').argument('<job>', 'job file (.hcl, .nomad, .nomad.hcl) or - for stdin'))
    .description('print the exact pot command lines each pot task would run; runs nothing')
    .option('--alloc-id <uuid>', 'id of the first allocation (others derive from it)', parseAllocId)
    .option('--invocation-id <hex8>', 'invocation id of the first allocation\'s tasks', parseInvocationId)
    .option('--data-dir <dir>', 'Nomad client data_dir the alloc dirs live under', parseAbsolutePath('--data-dir'), '/var/tmp/nomad')
    .option('--host-ip <ip>', 'host IP the ports are bound to', parseIp, '127.0.0.1')
    .option('--port <label=port>', 'pin a host port for a port label (repeatable)', collectPort)
    .option('--pot-bin <path>', 'pot executable to show in the commands', parseAbsolutePath('--pot-bin'), DEFAULT_POT_BIN)
    .action(async (job: string, _opts: unknown, cmd: Command) => {
      const { planCommand } = await import('./commands/plan.js');
      const o = cmd.opts();
      setExitCode(
        await planCommand(job, {
          vars: o.var ?? [],
          output: o.output,
          allocId: o.allocId,
          invocationId: o.invocationId,
          dataDir: o.dataDir,
          hostIp: o.hostIp,
          port: o.port,
          potBin: o.potBin,
        }),
      );
    });

  return program;
}
