import fs from 'node:fs';
import path from 'node:path';

/**
 * Finds every WXML/WXSS/WXS file the WeChat compilers must see for one mini-program: all of the
 * project's own files, plus the npm (Vant) components actually reachable through usingComponents,
 * with the .wxs / @import files those pull in.
 */

export interface MiniprogramFiles {
  /** All paths are relative to the mini-program root and use forward slashes. */
  wxml: string[];
  wxss: string[];
  wxs: string[];
  /** Component (and page) style sheets; the rest of `wxss` are only reached through @import. */
  componentWxss: string[];
  /** usingComponents tag names, keyed by the component's .wxml path. */
  components: Record<string, string[]>;
  /** Broken references (missing component, .wxs or @import target). */
  problems: { file: string; message: string }[];
}

const IGNORED_DIRS = new Set(['miniprogram_npm', 'node_modules']);

function walkOwnFiles(root: string, dir = ''): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return IGNORED_DIRS.has(entry.name) ? [] : walkOwnFiles(root, rel);
    return entry.isFile() ? [rel] : [];
  });
}


function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

export function collectMiniprogramFiles(root: string): MiniprogramFiles {
  const exists = (rel: string) => fs.existsSync(path.join(root, rel));
  const problems: MiniprogramFiles['problems'] = [];

  function readJson(rel: string): Record<string, unknown> | undefined {
    if (!exists(rel)) return undefined;
    try {
      return JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8')) as Record<string, unknown>;
    } catch (error) {
      problems.push({ file: rel, message: `invalid JSON: ${(error as Error).message}` });
      return undefined;
    }
  }
  const components: Record<string, string[]> = {};
  const componentBases = new Set<string>();
  const wxml = new Set<string>();
  const wxss = new Set<string>();
  const wxs = new Set<string>();

  /** Resolves a usingComponents value the way WeChat does: relative, root-absolute, or npm. */
  function resolveComponent(fromBase: string, target: string): string | undefined {
    if (target.startsWith('plugin://') || target.startsWith('plugin-private://')) return undefined;
    const candidates: string[] = [];
    if (target.startsWith('/')) candidates.push(target.slice(1));
    else if (target.startsWith('.')) candidates.push(path.posix.join(path.posix.dirname(fromBase), target));
    else {
      // npm names are looked up in miniprogram_npm folders from the component's folder upwards,
      // and WeChat also accepts a plain relative path without './'.
      candidates.push(path.posix.join(path.posix.dirname(fromBase), target));
      for (let dir = path.posix.dirname(fromBase); ; dir = path.posix.dirname(dir)) {
        candidates.push(path.posix.join(dir === '.' ? '' : dir, 'miniprogram_npm', target));
        if (dir === '.' || dir === '/' || dir === '') break;
      }
    }
    for (const base of candidates.map((c) => path.posix.normalize(c))) {
      if (exists(`${base}.json`)) return base;
      if (exists(`${base}/index.json`)) return `${base}/index`;
    }
    return undefined;
  }

  function visitComponent(base: string, referencedFrom: string): void {
    if (componentBases.has(base)) return;
    componentBases.add(base);
    // Pages may omit their .json; a page with neither file is a typo in app.json.
    if (!exists(`${base}.json`) && !exists(`${base}.wxml`)) {
      problems.push({ file: referencedFrom, message: `${base} has neither .json nor .wxml` });
      return;
    }
    if (exists(`${base}.wxml`)) visitWxml(`${base}.wxml`);
    if (exists(`${base}.wxss`)) visitWxss(`${base}.wxss`);
    const using = stringRecord(readJson(`${base}.json`)?.usingComponents);
    components[`${base}.wxml`] = Object.keys(using);
    for (const [tag, target] of Object.entries(using)) {
      const resolved = resolveComponent(base, target);
      if (resolved) visitComponent(resolved, `${base}.json`);
      else if (!target.startsWith('plugin')) problems.push({ file: `${base}.json`, message: `<${tag}> → "${target}" not found` });
    }
  }

  function visitReference(from: string, target: string, kind: 'wxml' | 'wxs' | 'wxss'): string | undefined {
    const rel = target.startsWith('/') ? target.slice(1) : path.posix.join(path.posix.dirname(from), target);
    const normalized = path.posix.normalize(rel.endsWith(`.${kind}`) ? rel : `${rel}.${kind}`);
    if (exists(normalized)) return normalized;
    problems.push({ file: from, message: `${kind} reference "${target}" not found` });
    return undefined;
  }

  function visitWxml(file: string): void {
    if (wxml.has(file)) return;
    wxml.add(file);
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const match of text.matchAll(/<wxs\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/g)) {
      const found = visitReference(file, match[1]!, 'wxs');
      if (found) visitWxs(found);
    }
    for (const match of text.matchAll(/<(?:import|include)\b[^>]*\bsrc\s*=\s*["']([^"'{]+)["']/g)) {
      const found = visitReference(file, match[1]!, 'wxml');
      if (found) visitWxml(found);
    }
  }

  function visitWxs(file: string): void {
    if (wxs.has(file)) return;
    wxs.add(file);
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const match of text.matchAll(/\brequire\(\s*["']([^"']+\.wxs)["']\s*\)/g)) {
      const found = visitReference(file, match[1]!, 'wxs');
      if (found) visitWxs(found);
    }
  }

  function visitWxss(file: string): void {
    if (wxss.has(file)) return;
    wxss.add(file);
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const match of text.matchAll(/@import\s+["']([^"']+)["']/g)) {
      const found = visitReference(file, match[1]!, 'wxss');
      if (found) visitWxss(found);
    }
  }

  // The project's own files are all checked, used or not: simulate compiles every one of them too.
  for (const file of walkOwnFiles(root)) {
    if (file.endsWith('.wxml')) visitWxml(file);
    else if (file.endsWith('.wxss')) visitWxss(file);
    else if (file.endsWith('.wxs')) visitWxs(file);
  }

  const app = readJson('app.json') ?? {};
  const pages = Array.isArray(app.pages) ? (app.pages as string[]) : [];
  const subpackages = (Array.isArray(app.subpackages) ? app.subpackages : app.subPackages ?? []) as {
    root: string;
    pages: string[];
  }[];
  const entryPoints = [
    ...pages,
    ...subpackages.flatMap((pkg) => pkg.pages.map((page) => path.posix.join(pkg.root, page))),
  ];
  const tabBar = app.tabBar as { custom?: boolean } | undefined;
  if (tabBar?.custom) entryPoints.push('custom-tab-bar/index');
  const globalUsing = stringRecord(app.usingComponents);
  components['app.wxml'] = Object.keys(globalUsing);
  for (const [tag, target] of Object.entries(globalUsing)) {
    const resolved = resolveComponent('app', target);
    if (resolved) visitComponent(resolved, 'app.json');
    else problems.push({ file: 'app.json', message: `<${tag}> → "${target}" not found` });
  }
  for (const base of entryPoints) visitComponent(base, 'app.json');

  const componentWxss = [...wxss].filter((file) => exists(file.replace(/\.wxss$/, '.json')));
  return {
    wxml: [...wxml].sort(),
    wxss: [...wxss].sort(),
    wxs: [...wxs].sort(),
    componentWxss: componentWxss.sort(),
    components: Object.fromEntries(Object.entries(components).filter(([file]) => wxml.has(file))),
    problems,
  };
}
