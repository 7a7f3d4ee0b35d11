/** WeChat's limit for the main package and for each subpackage. */
export const PACKAGE_LIMIT_BYTES = 2 * 1024 * 1024;

export interface PackageSize {
  /** "main" or the subpackage's name (its root when it has none). */
  name: string;
  /** Subpackage root inside the mini-program, "" for the main package. */
  root: string;
  bytes: number;
}

interface SubpackageConfig {
  root: string;
  name?: string;
}

function subpackagesOf(appJson: string | Buffer | undefined): SubpackageConfig[] {
  if (appJson === undefined) return [];
  const app = JSON.parse(appJson.toString()) as { subpackages?: SubpackageConfig[]; subPackages?: SubpackageConfig[] };
  return app.subpackages ?? app.subPackages ?? [];
}

/** Splits compiled files into the main package and subpackages by their root folder. */
export function measurePackages(files: Record<string, string | Buffer>): PackageSize[] {
  const subpackages = subpackagesOf(files['app.json']).map((pkg) => {
    const root = pkg.root.replace(/^\/+|\/+$/g, '');
    return { name: pkg.name ?? root, root: `${root}/`, bytes: 0 };
  });
  const main: PackageSize = { name: 'main', root: '', bytes: 0 };
  for (const [file, content] of Object.entries(files)) {
    const owner = subpackages.find((pkg) => file.startsWith(pkg.root)) ?? main;
    owner.bytes += Buffer.byteLength(content);
  }
  return [main, ...subpackages];
}
