// What every case pays before its first step: with the SDK's reusable V8 context each workflow evaluates the
// bundle's modules anew (its own module cache; only the SDK's own are shared), so the heap a cached case holds
// and the time a case takes to start or to come back into the cache include every module its bundle imports.
// This evaluates the prebuilt bundle the same way, n times, in one context, and reports the cost of one.
import fs from 'node:fs';
import vm from 'node:vm';
import v8 from 'node:v8';
import { performance } from 'node:perf_hooks';

export interface ModuleCost {
  modules: number;
  heapMiB: number;
  ms: number;
}

function gcNow(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

/** The bundle loaded into a context the SDK's way; `importOnce` evaluates what one new case evaluates. */
function loadBundle(code: string): { importOnce: () => Map<string | symbol, unknown> } {
  const context = vm.createContext({ TextEncoder, TextDecoder, URL, URLSearchParams, AbortController, setTimeout, clearTimeout });
  const shared = new Map<string | symbol, unknown>();
  let own: Map<string | symbol, unknown> | undefined;
  // As the SDK routes webpack's module cache: modules loaded before any workflow exists are shared.
  const cache = new Proxy({}, { get: (_, id) => shared.get(id) ?? own?.get(id), set: (_, id, v) => ((own ?? shared).set(id, v), true) });
  Object.defineProperty(context, '__webpack_module_cache__', { value: cache });
  vm.runInContext(code, context);
  vm.runInContext('__TEMPORAL__.preloadModules?.()', context); // shared by every case, as the SDK does
  return {
    importOnce() {
      own = new Map();
      (context as { __TEMPORAL_ACTIVATOR__?: unknown }).__TEMPORAL_ACTIVATOR__ = { moduleCache: own };
      vm.runInContext('__TEMPORAL__.importWorkflows()', context);
      return own;
    },
  };
}

/** The modules each new case evaluates for itself (webpack's module ids: paths under the project). */
export function modulesPerCase(code: string): string[] {
  return [...loadBundle(code).importOnce().keys()].map(String);
}

export function workflowModuleCost(bundlePath: string, n = 40): ModuleCost {
  const { importOnce } = loadBundle(fs.readFileSync(bundlePath, 'utf8'));
  for (let i = 0; i < 5; i++) importOnce(); // warm the code
  const kept: unknown[] = [];
  gcNow();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  let last = new Map<string | symbol, unknown>();
  for (let i = 0; i < n; i++) kept.push((last = importOnce()));
  const ms = (performance.now() - t0) / n;
  gcNow();
  const heapMiB = (process.memoryUsage().heapUsed - heap0) / n / 1048576;
  return { modules: last.size, heapMiB, ms };
}
