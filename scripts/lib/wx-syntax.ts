import path from 'node:path';
import { collectMiniprogramFiles } from './miniprogram-files';
import { compileWxml, compileWxss } from './wx-compilers';

export interface SyntaxReport {
  ok: boolean;
  errors: string[];
  counts: { wxml: number; wxss: number; wxs: number };
}

/**
 * Runs wcc and wcsc over every template/style file of the mini-program rooted at `root`. Error
 * paths are relative to the current directory.
 */
export function checkWxSyntax(root: string): SyntaxReport {
  const files = collectMiniprogramFiles(root);
  const wxml = compileWxml(root, files);
  const importedOnly = files.wxss.filter((file) => !files.componentWxss.includes(file));
  const wxss = compileWxss(root, {
    wxss: [...files.componentWxss, ...importedOnly],
    pageCount: files.componentWxss.length,
  });
  const problems = files.problems.map(
    ({ file, message }) => `${path.relative(process.cwd(), path.join(root, file))}: ${message}`,
  );
  const errors = [...problems, ...wxml.errors, ...wxss.errors];
  return {
    ok: errors.length === 0 && wxml.ok && wxss.ok,
    errors,
    counts: { wxml: files.wxml.length, wxss: files.wxss.length, wxs: files.wxs.length },
  };
}
