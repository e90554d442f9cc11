// The headless browser the console's browser test drives: Debian's `chromium` package (playwright-core needs no
// browser download of its own), plus a small Chinese font so the default language renders. Installed with apt-get
// when missing and apt is available.
//   tsx scripts/chromium.ts     installs it if needed and prints where it is
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';

export const CHROMIUM_DEFAULT_PATH = '/usr/bin/chromium';

/** The Chromium executable on PATH (or at /usr/bin/chromium), if any. */
export function findChromium(): string | undefined {
  const which = spawnSync('which', ['chromium'], { encoding: 'utf8' });
  const onPath = which.status === 0 ? which.stdout.trim() : '';
  if (onPath) return onPath;
  return fs.existsSync(CHROMIUM_DEFAULT_PATH) ? CHROMIUM_DEFAULT_PATH : undefined;
}

const hasCommand = (cmd: string) => spawnSync('which', [cmd], { encoding: 'utf8' }).status === 0;

/** Whether a font for Simplified Chinese is installed (without one, pages and screenshots show empty boxes). */
export function hasChineseFont(): boolean {
  const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim().length > 0;
}

/** A small Chinese font package, installed with Chromium so the console renders its default language. */
const CHINESE_FONT_PACKAGE = 'fonts-wqy-microhei';

/** Chromium's path, installing Debian's package first when it is missing; undefined when that is not possible. */
export function ensureChromium(say: (msg: string) => void = (m) => console.log(`[chromium] ${m}`)): string | undefined {
  const found = findChromium();
  const packages = [...(found ? [] : ['chromium']), ...(hasChineseFont() ? [] : [CHINESE_FONT_PACKAGE])];
  if (packages.length === 0) return found;
  if (!hasCommand('apt-get')) {
    if (found) return found; // a missing font only makes screenshots less readable
    say('Chromium is missing and apt-get is not available: install a Chromium and put `chromium` on PATH');
    return undefined;
  }
  // Root installs directly; anyone else through sudo without a password prompt (a prompt would hang a test run).
  const asRoot = process.getuid?.() === 0;
  if (!asRoot && !hasCommand('sudo')) {
    if (found) return found;
    say('Chromium is missing; run `apt-get install -y chromium` as root');
    return undefined;
  }
  const apt = (args: string[]) => {
    const [cmd, ...rest] = asRoot ? ['apt-get', ...args] : ['sudo', '-n', 'apt-get', ...args];
    say(`${[cmd, ...rest].join(' ')} ...`);
    // Progress goes straight to the terminal: the download is large and takes a while once.
    return spawnSync(cmd!, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  };
  say(`installing ${packages.join(' and ')} for the console's browser test (once)`);
  const install = () => apt(['install', '-y', '--no-install-recommends', '-o', 'Dpkg::Progress-Fancy=0', ...packages]);
  // A fresh machine may have no package lists yet: update once and try again.
  if (!install() && !(apt(['update']) && install())) {
    say(`apt-get could not install ${packages.join(' ')}`);
    return findChromium();
  }
  return findChromium();
}

if (require.main === module) {
  const path = ensureChromium();
  if (!path) process.exit(1);
  console.log(`[chromium] ${path}`);
}
