// `npm run build` (second step): bundles the workflow code once, so the worker starts without webpack. Writes
// dist/workflow-bundle.js and, beside it, the project files it was made from, for the worker's freshness check.
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { bundlePaths, projectRoot, sharedWorkflowModules, type BundleManifest } from '../worker/workflow-source';

export async function buildWorkflowBundle(root = projectRoot()): Promise<{ codePath: string; bytes: number; sources: number }> {
  const files = new Set<string>();
  const workflowsPath = path.join(root, 'workflows', 'index.ts');
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    preloadModules: sharedWorkflowModules(workflowsPath),
    logger: new DefaultLogger('WARN'),
    webpackConfigHook: (config) => ({
      ...config,
      plugins: [
        ...(config.plugins ?? []),
        {
          apply(compiler) {
            compiler.hooks.afterEmit.tap('workflow-sources', (compilation) => {
              for (const f of compilation.fileDependencies) files.add(f);
            });
          },
        },
      ],
    }),
  });
  // Dependencies change through the lock file; project files by their own time stamps.
  const sources = [...files]
    .filter((f) => f.startsWith(root + path.sep) && !f.includes(`${path.sep}node_modules${path.sep}`) && fs.existsSync(f) && fs.statSync(f).isFile())
    .map((f) => path.relative(root, f))
    .sort();
  if (fs.existsSync(path.join(root, 'package-lock.json'))) sources.push('package-lock.json');
  const p = bundlePaths(root);
  fs.mkdirSync(path.dirname(p.code), { recursive: true });
  // The manifest first: a bundle newer than its manifest's sources is what the worker checks.
  const manifest: BundleManifest = { builtAt: new Date().toISOString(), sources };
  fs.writeFileSync(p.manifest, JSON.stringify(manifest, null, 1));
  const written = withoutSourcesContent(code);
  fs.writeFileSync(p.code, written);
  return { codePath: p.code, bytes: Buffer.byteLength(written), sources: sources.length };
}

/**
 * The bundle keeps its inline source map (the worker requires one, and maps workflow stack traces to the sources
 * with it) but not the sources themselves (1.3 MB of the map's 1.9 MB): only the stack trace query's optional
 * `showStackTraceSources` reads them, and every worker would otherwise hold them in two threads.
 */
export function withoutSourcesContent(code: string): string {
  const tag = '//# sourceMappingURL=data:application/json;charset=utf-8;base64,';
  const at = code.lastIndexOf(tag);
  if (at < 0) return code;
  const map = JSON.parse(Buffer.from(code.slice(at + tag.length).trimEnd(), 'base64').toString('utf8')) as { sourcesContent?: unknown };
  delete map.sourcesContent;
  return `${code.slice(0, at)}${tag}${Buffer.from(JSON.stringify(map)).toString('base64')}\n`;
}

if (require.main === module) {
  buildWorkflowBundle()
    .then((b) => console.log(`workflow bundle: ${path.relative(process.cwd(), b.codePath)} (${(b.bytes / 1024).toFixed(0)} KB from ${b.sources} project files)`))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
