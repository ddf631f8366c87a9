import { Command, CommanderError, Option } from 'commander';
import { CliOutput, GlobalOptions } from './cli-output';
import { euSummaryCommand, EuSummaryOptions } from './commands/eu-summary.command';
import { exportCycloneDxCommand, ExportOptions, exportSpdxCommand } from './commands/export.commands';
import { importCycloneDxCommand, importEcosystemGraphsCommand, importHfCardsCommand, importHfTreeCommand } from './commands/import.commands';
import { exposureCommand } from './commands/exposure.command';
import { IMPACT_TARGETS, impactCommand } from './commands/impact.command';
import { lineageCommand } from './commands/lineage.command';
import { portfolioCommand } from './commands/portfolio.command';
import { registerCommand } from './commands/register.command';
import { CliError, RegistryClient } from './registry-client';
import type { ExposureOptions } from './commands/exposure.command';
import type { ImpactOptions } from './commands/impact.command';
import type { LineageOptions } from './commands/lineage.command';
import type { PortfolioOptions } from './commands/portfolio.command';

/** Exit codes: 0 done, 1 the work failed (registry refusal, bad file, unreachable), 2 bad usage. */
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Strict by default: an unknown name or license is an error; these flags relax it, explicitly. */
function strictness(command: Command): Command {
  return command
    .option(
      '--allow-placeholders',
      'register names the source refers to but the registry lacks as placeholders (marked placeholder: true, completed later); only in namespaces the token may write',
    )
    .option(
      '--allow-unknown-license',
      'record a license that is neither SPDX nor a registered LicenseRef- as unknown instead of failing (no terms are ever invented)',
    );
}

/** The report commands' output formats; the global --json is the same as --format json. */
function reportFormats(command: Command): Command {
  return command
    .option('--format <format>', 'table (default, aligned for people), json, csv (RFC 4180) or markdown (a GitHub table)')
    .option('--csv', 'same as --format csv')
    .option('--markdown', 'same as --format markdown');
}

function globals(program: Command): GlobalOptions {
  const o = program.opts();
  return { url: o.url, token: o.token, json: !!o.json, dryRun: !!o.dryRun, progress: o.progress !== false };
}

function action<A extends unknown[]>(program: Command, run: (client: RegistryClient, output: CliOutput, options: GlobalOptions, ...args: A) => Promise<void>) {
  return async (...args: A) => {
    const options = globals(program);
    await run(new RegistryClient({ url: options.url, token: options.token }), new CliOutput(options), options, ...args);
  };
}

export function buildProgram(): Command {
  const program = new Command('pedigree')
    .description(
      'Register checkpoints, import and export model lineage (CycloneDX, SPDX, Hugging Face), and report exposure, impact and portfolio concentration, against a Pedigree registry.',
    )
    .addOption(new Option('--url <url>', 'GraphQL endpoint of the registry').env('PEDIGREE_URL').default('http://127.0.0.1:4000/graphql'))
    .addOption(new Option('--token <token>', 'API token (pdg_…)').env('PEDIGREE_TOKEN'))
    .option('--json', 'machine-readable output on stdout')
    .option('--dry-run', 'show what would be registered; write nothing')
    .option('--no-progress', 'no progress bar on stderr')
    .showHelpAfterError()
    .exitOverride();

  strictness(program.command('register'))
    .description('Hash the weight files of a model directory, read its README.md model card, and register the checkpoint with its lineage. Safe to re-run.')
    .argument('<model-dir>', 'directory holding weight files and README.md')
    .option('--name <namespace/name>', 'model name (default: the card’s model_name, or --namespace plus the directory name)')
    .option('--namespace <namespace>', 'publisher namespace; the model is <namespace>/<directory name>')
    .option('--format <format>', 'checkpoint format (default: from the file extension, e.g. SAFETENSORS)')
    .option('--registered-by <who>', 'pipeline or person registering it', process.env.CI_JOB_NAME ?? process.env.USER ?? 'pedigree-cli')
    .option('--training-run <file.yaml>', 'training run: method, datasets, teachers, computeCountry, hyperparameters, …')
    .option('--method <method>', 'training method (SFT, DPO, LORA, DISTILLATION, …)')
    .option('--dataset <name>', 'dataset trained on (repeatable)', collect)
    .option('--teacher <model>', 'teacher model distilled from (repeatable)', collect)
    .option('--compute-country <iso>', 'country where training ran')
    .option('--compute-provider <org>', 'compute provider organization')
    .option('--operator <org>', 'operator organization')
    .option('--uri <uri>', 'where the weights are stored (repeatable)', collect)
    .option('--check', 'evaluate the registry policies on what would be registered, write nothing, and exit 1 if a DENY policy would refuse it')
    .option(
      '--signature <model.sig>',
      'OpenSSF Model Signing v1.0 signature of the directory: every file is re-hashed and must match it (no unsigned extra file) before the bundle is sent; the registry verifies the signer',
    )
    .action(action(program, registerCommand));

  const imports = program.command('import').description('Import lineage from standard documents and public datasets.');
  strictness(imports.command('hf-card'))
    .description('Import Hugging Face model cards (README.md with YAML front matter).')
    .argument('<files...>', 'README.md files')
    .option('--name <namespace/name>', 'model name, for a single card')
    .option('--namespace <namespace>', 'model names are <namespace>/<directory name>')
    .action(action(program, importHfCardsCommand));
  strictness(imports.command('hf-tree'))
    .description('Import a Hugging Face Hub model-tree dump (JSON list of model metadata), through the model-card path.')
    .argument('<file>')
    .action(action(program, importHfTreeCommand));
  imports
    .command('cyclonedx')
    .description('Import a CycloneDX 1.6 or 1.7 BOM: pedigree.ancestors and dependencies become lineage edges.')
    .argument('<bom.json>')
    .action(action(program, importCycloneDxCommand));
  strictness(imports.command('ecosystem-graphs'))
    .description('Import the Stanford CRFM ecosystem-graphs dataset, with a report of every anomaly.')
    .argument('<file>')
    .option('--deployments', 'also register the applications that use a model, as deployments with environment UNKNOWN and the tag imported:ecosystem-graphs')
    .action(action(program, importEcosystemGraphsCommand));

  const exports = program.command('export').description('Export a model’s lineage as a standard BOM (validated before it is written).');
  for (const [format, run] of [
    ['cyclonedx', exportCycloneDxCommand],
    ['spdx', exportSpdxCommand],
  ] as const) {
    const command = exports
      .command(format)
      .description(
        format === 'cyclonedx'
          ? 'CycloneDX 1.7 ML-BOM with recursive pedigree.ancestors and a root-level citation for every evidenced claim (1.6 with --spec-version 1.6).'
          : 'SPDX 3.0.1 with the AI profile.',
      );
    if (format === 'cyclonedx') command.option('--spec-version <version>', 'CycloneDX version: 1.7 (default) or 1.6 (no citations)');
    command
      .argument('<model>', 'model name')
      .option('-o, --output <file>', 'where to write it, or - for stdout (default: <namespace>_<name>.cdx.json or .spdx.json in the current directory)')
      .option('--no-validate', 'skip schema validation')
      .action(action(program, (client, output, _options, model: string, opts: ExportOptions) => run(client, output, model, opts)));
  }

  exports
    .command('eu-training-summary')
    .description(
      "The EU AI Act public summary of training content (the Commission's template of 24 July 2025), pre-filled from the registry; fields it cannot know say TO BE COMPLETED BY THE PROVIDER.",
    )
    .argument('<model>', 'model name')
    .option('--format <format>', 'markdown (default) or json')
    .option('-o, --output <file>', 'where to write it (default: stdout)')
    .action(action(program, (client, output, _options, model: string, opts: EuSummaryOptions) => euSummaryCommand(client, output, model, opts)));

  program
    .command('lineage')
    .description('Print the ancestry tree of a model (or a checkpoint with --checkpoint).')
    .argument('<model>', 'model name, or checkpoint digest with --checkpoint')
    .option('--depth <n>', 'maximum depth', '25')
    .option('--checkpoint', 'the argument is a checkpoint digest')
    .option('--format <format>', 'tree (default), json, mermaid (a flowchart GitHub renders) or dot (Graphviz)')
    .action(action(program, (client, output, options, name: string, opts: LineageOptions) => lineageCommand(client, output, options.json, name, opts)));

  // Reports for compliance officers: read-only, they need an AUDITOR (or ADMIN) token.
  reportFormats(program.command('exposure'))
    .description(
      'Countries, vendors, teachers, licenses and license drift in the whole ancestry of a model, each with the chain behind it. Needs an AUDITOR token.',
    )
    .argument('<model>', 'model name (or checkpoint digest with --checkpoint, deployment name with --deployment)')
    .option(
      '--perspective <country>',
      'country whose point of view marks what is foreign: ISO code (DE, DEU) or English name (Germany); default PEDIGREE_PERSPECTIVE on the registry',
    )
    .option('--checkpoint', 'the argument is a checkpoint digest')
    .option('--deployment', 'the argument is a deployment name: what it runs, plus who serves it and where')
    .action(action(program, (client, output, options, name: string, opts: ExposureOptions) => exposureCommand(client, output, options.json, name, opts)));
  const impact = reportFormats(program.command('impact'))
    .description(
      `Everything downstream of a target, down to the deployments: give exactly one of ${IMPACT_TARGETS.map((t) => `--${t}`).join(', ')}. Needs an AUDITOR token.`,
    )
    .option('--organization <org>', 'organization slug, alias or display name ("meta", "Meta Platforms, Inc."); includes what it owns')
    .option('--country <country>', 'every model and dataset from a country: ISO code (CN) or English name (China)')
    .option('--model <model>', 'model name')
    .option('--dataset <dataset>', 'dataset name')
    .option('--checkpoint <digest>', 'checkpoint digest')
    .option('--relation <relation>', 'follow only this relation (repeatable; CHECKPOINT_OF is always followed)', collect);
  impact.action(action(program, (client, output, options, opts: ImpactOptions) => impactCommand(client, output, options.json, opts)));
  reportFormats(program.command('portfolio'))
    .description(
      'Country and vendor shares, concentration (HHI) and single points of failure across deployments (default) or registered models. Needs an AUDITOR token.',
    )
    .option('--scope <scope>', 'deployments (default) or models')
    .option('--environment <env>', 'deployments in one environment: production, staging, development or research')
    .option('--exclude-tag <tag>', 'leave out deployments with this tag (repeatable), e.g. imported:ecosystem-graphs', collect)
    .option('--tag <tag>', 'only deployments with this tag')
    .option('--organization <org>', 'publisher of the model or server of the deployment (slug, alias or display name); includes what it owns')
    .option('--owner-team <team>', 'only deployments owned by this team')
    .option('--top <n>', 'how many single points of failure to list (1 to 100)', '10')
    .action(action(program, (client, output, options, opts: PortfolioOptions) => portfolioCommand(client, output, options.json, opts)));
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT_USAGE;
    if (err instanceof CliError && err.code === 'USAGE') {
      process.stderr.write(`pedigree: ${err.message}\n`);
      return EXIT_USAGE;
    }
    const json = argv.includes('--json');
    const error = err instanceof CliError ? err : new CliError((err as Error).message ?? String(err), (err as { code?: string }).code ?? 'ERROR');
    if (!(error.details as { reported?: boolean }).reported || !json) {
      if (json) process.stdout.write(`${JSON.stringify({ error: { code: error.code, message: error.message } }, null, 2)}\n`);
      else process.stderr.write(`pedigree: ${error.message}\n`);
    }
    return EXIT_FAILED;
  }
}

if (require.main === module) {
  main(process.argv).then((code) => {
    // Let stdout drain first: a large --json report into a pipe would be cut off by process.exit.
    process.stdout.write('', () => process.exit(code));
  });
}
