// Where the worker takes its workflow code from: the bundle `npm run build` wrote (no webpack at start, less
// memory), or, when there is none or a source changed since, the TypeScript sources bundled at start.
import fs from 'node:fs';
import path from 'node:path';

/** The project root: the nearest folder above this file with a package.json (works from dist/ too). */
export function projectRoot(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export interface BundlePaths {
  code: string;
  /** The project files the bundle was made from (relative to the root), written beside it. */
  manifest: string;
}

export function bundlePaths(root = projectRoot()): BundlePaths {
  return { code: path.join(root, 'dist', 'workflow-bundle.js'), manifest: path.join(root, 'dist', 'workflow-bundle.json') };
}

export interface BundleManifest {
  builtAt: string;
  sources: string[];
}

/** The workflows' entry module: TypeScript in a checkout, JavaScript in a compiled image without sources. */
function workflowsEntry(root: string): string | undefined {
  const ts = path.join(root, 'workflows', 'index.ts');
  if (fs.existsSync(ts)) return ts;
  const js = path.join(__dirname, '..', 'workflows', 'index.js');
  return fs.existsSync(js) ? js : undefined;
}

/**
 * Why the bundle cannot be used, or undefined when it can: it must exist, and in a checkout with sources every
 * file it was made from must still exist and be no newer than it. An image without sources uses it as built.
 */
export function staleBundleReason(root = projectRoot()): string | undefined {
  const p = bundlePaths(root);
  if (!fs.existsSync(p.code) || !fs.existsSync(p.manifest)) return 'no bundle built (npm run build)';
  if (!fs.existsSync(path.join(root, 'workflows', 'index.ts'))) return undefined;
  const builtMs = fs.statSync(p.code).mtimeMs;
  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(p.manifest, 'utf8')) as BundleManifest;
  } catch {
    return 'unreadable bundle manifest';
  }
  for (const rel of manifest.sources) {
    const file = path.join(root, rel);
    if (!fs.existsSync(file)) return `${rel} is gone since the bundle was built`;
    if (fs.statSync(file).mtimeMs > builtMs) return `${rel} changed since the bundle was built`;
  }
  return undefined;
}

/**
 * Modules every case shares, evaluated once per worker thread instead of once per case (the SDK's
 * `preloadModules`; see workflows/lib/shared-modules.ts), given the workflows' entry module.
 */
export function sharedWorkflowModules(entry: string): string[] {
  return [path.join(path.dirname(entry), 'lib', `shared-modules${path.extname(entry)}`)];
}

export type WorkflowSource = { workflowBundle: { codePath: string } } | { workflowsPath: string; bundlerOptions: { preloadModules: string[] } };

export function workflowSource(root = projectRoot()): { source: WorkflowSource; why?: string } {
  const stale = staleBundleReason(root);
  if (!stale) return { source: { workflowBundle: { codePath: bundlePaths(root).code } } };
  const entry = workflowsEntry(root);
  if (!entry) throw new Error(`no workflow code: ${stale}, and no workflows/index.ts to bundle`);
  return { source: { workflowsPath: entry, bundlerOptions: { preloadModules: sharedWorkflowModules(entry) } }, why: stale };
}
