// Part of `check:package` (after the build): the three builds of core (default, `node`,
// `browser` conditions) must load through their export condition and give node:crypto's
// results, byte for byte. The source is tested by vitest; this proves what ships.
import { execFileSync } from 'node:child_process';
import { createHash, createHmac, createSign, generateKeyPairSync } from 'node:crypto';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const data = 'api_key=k&api_path=user/get_edit.json&q=café ☕';
const expected = {
  md5: createHash('md5').update(data).digest('hex'),
  sha256: createHash('sha256').update(data).digest('hex'),
  hmac1: createHmac('sha1', 's3cret').update(data).digest('base64'),
  hmac256: createHmac('sha256', 's3cret').update(data).digest('hex'),
  rsa: createSign('RSA-SHA1').update(data).sign(pem, 'base64'),
};

// Each build runs in a child process. The `node` and `browser` ones are imported by the package's
// own name, so Node picks them through `exports` (Node always sets `node`; `--conditions=browser`
// wins as it comes first); the default one, which Node itself never picks, by path.
const probe = (specifier: string) => `
const core = await import(${JSON.stringify(specifier)});
const [data, pem] = JSON.parse(process.argv[1]);
console.log(JSON.stringify({
  file: import.meta.resolve(${JSON.stringify(specifier)}).replace(/^.*\\/dist\\//, 'dist/'),
  runtime: core.digests.runtime,
  hasNode: core.nodeDigests !== undefined,
  md5: await core.hash('md5', data),
  sha256: await core.hash('sha256', data),
  hmac1: await core.hmac('sha1', 's3cret', data, 'base64'),
  hmac256: await core.hmac('sha256', 's3cret', data),
  rsa: await core.rsaSha1(pem, data),
}));`;

const builds = [
  {
    name: 'default',
    specifier: './dist/index.js',
    flags: [],
    file: 'dist/index.js',
    runtime: 'node',
    hasNode: true,
  },
  {
    name: 'node',
    specifier: '@authplug/core',
    flags: [],
    file: 'dist/node/index.js',
    runtime: 'node',
    hasNode: true,
  },
  {
    name: 'browser',
    specifier: '@authplug/core',
    flags: ['--conditions=browser'],
    file: 'dist/browser/index.js',
    runtime: 'web',
    hasNode: false,
  },
];
let failed = false;
for (const build of builds) {
  const args = [...build.flags, '--input-type=module', '-e', probe(build.specifier)];
  const got = JSON.parse(
    execFileSync(process.execPath, [...args, JSON.stringify([data, pem])], { encoding: 'utf8' }),
  );
  const want = { file: build.file, runtime: build.runtime, hasNode: build.hasNode, ...expected };
  const wrong = Object.keys(want).filter((k) => got[k] !== want[k as keyof typeof want]);
  const { name } = build;
  if (wrong.length > 0) {
    failed = true;
    console.error(`core build "${name}": wrong ${wrong.join(', ')}`);
    console.error(JSON.stringify(got));
  } else console.log(`core build "${name}" (${build.file}): ${build.runtime} digests match node:crypto`);
}
if (failed) process.exit(1);
