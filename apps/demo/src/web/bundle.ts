// Builds the ky-in-the-browser page's script with rolldown (platform browser) from the packages'
// sources (the `@authplug/source` export condition), in memory. Chunks keep their file names, so
// core's JS MD5 stays a lazily imported chunk, as in a user's bundle.
import { fileURLToPath } from 'node:url';

/** The bundle's files by name (`app.js` is the entry), as served under `/browser/`. */
export type BrowserBundle = ReadonlyMap<string, string>;

export async function buildBrowserBundle(): Promise<BrowserBundle> {
  const { rolldown } = await import('rolldown');
  const bundle = await rolldown({
    input: { app: fileURLToPath(new URL('./browser/app.ts', import.meta.url)) },
    platform: 'browser',
    resolve: { conditionNames: ['@authplug/source', 'browser', 'import', 'module', 'default'] },
    logLevel: 'silent',
  });
  try {
    const { output } = await bundle.generate({
      format: 'esm',
      entryFileNames: '[name].js',
      chunkFileNames: '[name]-[hash].js',
      minify: true,
    });
    const files = new Map<string, string>();
    for (const file of output) {
      files.set(file.fileName, file.type === 'chunk' ? file.code : String(file.source));
    }
    return files;
  } finally {
    await bundle.close();
  }
}
