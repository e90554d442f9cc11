// `npm run build` (second step): bundles the workflow code once, so the worker starts without webpack. Writes
// dist/workflow-bundle.js and, beside it, the project files it was made from, for the worker's freshness check.
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { bundlePaths, projectRoot, type BundleManifest } from '../worker/workflow-source';

export async function buildWorkflowBundle(root = projectRoot()): Promise<{ codePath: string; bytes: number; sources: number }> {
  const files = new Set<string>();
  const { code } = await bundleWorkflowCode({
    workflowsPath: path.join(root, 'workflows', 'index.ts'),
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
  fs.writeFileSync(p.code, code);
  return { codePath: p.code, bytes: Buffer.byteLength(code), sources: sources.length };
}

if (require.main === module) {
  buildWorkflowBundle()
    .then((b) => console.log(`workflow bundle: ${path.relative(process.cwd(), b.codePath)} (${(b.bytes / 1024).toFixed(0)} KB from ${b.sources} project files)`))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
