import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Template } from '../../src/hcl/job/model.js';
import { renderTemplates, templateDestination, TemplateError, type TemplateContext } from '../../src/nomad/template.js';

const RANGE = { filename: 'job.nomad.hcl', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

function tpl(fields: Partial<Template> & { destination: string }): Template {
  return { env: false, changeMode: 'restart', perms: '0644', leftDelimiter: '{{', rightDelimiter: '}}', range: RANGE, ...fields };
}

let root: string;
let ctx: TemplateContext;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'pot-nomad-template-'));
  const allocDir = join(root, 'alloc', 'a1');
  await mkdir(join(root, 'job', 'tmpl'), { recursive: true });
  await writeFile(join(root, 'job', 'tmpl', 'app.conf.tpl'), 'alloc={{ env "NOMAD_ALLOC_ID" }}\n');
  ctx = {
    env: { NOMAD_ALLOC_ID: 'a1', NOMAD_TASK_NAME: 'web', NOMAD_SECRETS_DIR: '/secrets', NOMAD_ALLOC_DIR: '/alloc', DB_USER: 'app' },
    jobDir: join(root, 'job'),
    taskDir: join(allocDir, 'web'),
    allocDir,
    node: { node: { 'attr.kernel.name': 'freebsd' }, meta: { rack: 'r1' } },
    now: () => new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
  };
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

function rejectsWith(p: Promise<unknown>, message: string): Promise<void> {
  return assert.rejects(p, (e: unknown) => e instanceof TemplateError && e.message === message);
}

describe('renderTemplates', () => {
  it('writes data templates with their perms and replaces ${...} references in the text', async () => {
    const result = await renderTemplates(
      {
        templates: [
          tpl({ destination: 'local/app.env', data: 'task=${NOMAD_TASK_NAME} kernel=${attr.kernel.name} rack=${meta.rack} keep=${UNKNOWN}\n', perms: '0640' }),
          tpl({ destination: '${NOMAD_SECRETS_DIR}/token', data: '{{ env "DB_USER" | toUpper }}', perms: '0600' }),
        ],
      },
      ctx,
    );
    const web = ctx.taskDir;
    assert.deepEqual(result.files, [
      { destination: 'local/app.env', path: join(web, 'local', 'app.env'), mode: 0o640 },
      { destination: '${NOMAD_SECRETS_DIR}/token', path: join(web, 'secrets', 'token'), mode: 0o600 },
    ]);
    assert.deepEqual(result.env, {});
    assert.equal(await readFile(join(web, 'local', 'app.env'), 'utf8'), 'task=web kernel=freebsd rack=r1 keep=${UNKNOWN}\n');
    assert.equal(await readFile(join(web, 'secrets', 'token'), 'utf8'), 'APP');
    assert.equal((await stat(join(web, 'local', 'app.env'))).mode & 0o7777, 0o640);
    assert.equal((await stat(join(web, 'secrets', 'token'))).mode & 0o7777, 0o600);
  });

  it('reads source files relative to the job directory', async () => {
    const result = await renderTemplates({ templates: [tpl({ destination: 'local/app.conf', source: 'tmpl/app.conf.tpl' })] }, ctx);
    assert.equal(result.files[0]!.path, join(ctx.taskDir, 'local', 'app.conf'));
    assert.equal(await readFile(result.files[0]!.path, 'utf8'), 'alloc=a1\n');
  });

  it('returns env = true templates as variables and writes them too', async () => {
    const data = '# settings\n\nexport DB_HOST="db.internal"\nDB_PORT=5432   # inline comment\nGREETING=\'hello world\'\nESCAPED="a\\nb"\nUSER={{ env "DB_USER" }}\n';
    const result = await renderTemplates(
      { templates: [tpl({ destination: 'secrets/db.env', data, env: true }), tpl({ destination: 'local/more.env', data: 'DB_PORT=6543\n', env: true })] },
      ctx,
    );
    assert.deepEqual(result.env, { DB_HOST: 'db.internal', DB_PORT: '6543', GREETING: 'hello world', ESCAPED: 'a\nb', USER: 'app' });
    assert.equal(await readFile(join(ctx.taskDir, 'secrets', 'db.env'), 'utf8'), data.replace('{{ env "DB_USER" }}', 'app'));
  });

  it('puts alloc/ and ../alloc/ destinations in the shared directory', async () => {
    assert.equal(templateDestination('../alloc/shared.txt', ctx), join(ctx.allocDir, 'alloc', 'shared.txt'));
    assert.equal(templateDestination('alloc/data/x', ctx), join(ctx.allocDir, 'alloc', 'data', 'x'));
    assert.equal(templateDestination('${NOMAD_ALLOC_DIR}/y', ctx), join(ctx.allocDir, 'alloc', 'y'));
    assert.equal(templateDestination('/local/z', ctx), join(ctx.taskDir, 'local', 'z'));
  });

  it('refuses destinations outside the allocation directory', async () => {
    await rejectsWith(renderTemplates({ templates: [tpl({ destination: '../../etc/passwd', data: 'x' })] }, ctx), 'template "../../etc/passwd": template destination path escapes alloc directory');
    assert.throws(() => templateDestination('../../a1-other/x', ctx), { message: 'template "../../a1-other/x": template destination path escapes alloc directory' });
    assert.throws(() => templateDestination('local/', ctx), { message: 'template "local/": template destination must name a file, not a directory' });
  });

  it('names the template and position of syntax and function errors', async () => {
    await rejectsWith(
      renderTemplates({ templates: [tpl({ destination: 'local/consul.conf', data: 'a\nport={{ key "service/port" }}\n' })] }, ctx),
      'template "local/consul.conf" line 2, column 9: function "key" needs Consul, and pot-nomad run has no Consul, Vault or Nomad API',
    );
    await rejectsWith(
      renderTemplates({ templates: [tpl({ destination: 'local/x', data: '{{ if true }}' })] }, ctx),
      'template "local/x" line 1, column 4: unexpected EOF: {{if}} has no {{end}}',
    );
  });

  it('writes nothing when any template fails', async () => {
    const good = tpl({ destination: 'local/never-written', data: 'ok' });
    const bad = tpl({ destination: 'local/bad', data: '{{ nope }}' });
    await rejectsWith(renderTemplates({ templates: [good, bad] }, ctx), 'template "local/bad" line 1, column 4: function "nope" not defined');
    await assert.rejects(stat(join(ctx.taskDir, 'local', 'never-written')), { code: 'ENOENT' });
  });

  it('reports bad perms, missing sources and bad env output', async () => {
    await rejectsWith(renderTemplates({ templates: [tpl({ destination: 'local/p', data: '', perms: '644x' })] }, ctx), 'template "local/p": perms "644x" is not an octal file mode such as "0644"');
    await rejectsWith(
      renderTemplates({ templates: [tpl({ destination: 'local/s', source: 'tmpl/missing.tpl' })] }, ctx),
      `template "local/s": cannot read source "tmpl/missing.tpl" (${join(root, 'job', 'tmpl', 'missing.tpl')}): no such file`,
    );
    await rejectsWith(
      renderTemplates({ templates: [tpl({ destination: 'local/e.env', data: 'GOOD=1\nnot a pair\n', env: true })] }, ctx),
      'template "local/e.env" line 2: env = true output, expected KEY=VALUE, got "not a pair"',
    );
  });
});
