import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkWxSyntax } from './lib/wx-syntax';

/** A two-page mini-program in a temp folder; `files` overrides or adds files. */
function makeMiniprogram(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wx-syntax-'));
  const all: Record<string, string> = {
    'app.json': JSON.stringify({ pages: ['pages/a/a', 'pages/b/b'] }),
    'app.wxss': 'page { color: #333; }\n',
    'pages/a/a.json': JSON.stringify({ usingComponents: { card: '/components/card/card' } }),
    'pages/a/a.wxml': '<view>\n  <card title="{{ title }}" />\n</view>\n',
    'pages/a/a.wxss': '@import "../../styles/base.wxss";\n.a { margin: 8rpx; }\n',
    'pages/b/b.json': '{}',
    'pages/b/b.wxml': '<wxs src="./fmt.wxs" module="fmt" />\n<text>{{ fmt.upper(name) }}</text>\n',
    'pages/b/fmt.wxs': 'module.exports = { upper: function (s) { return s.toUpperCase(); } };\n',
    'components/card/card.json': JSON.stringify({ component: true }),
    'components/card/card.wxml': '<view class="card">{{ title }}</view>\n',
    'styles/base.wxss': '.base { padding: 0; }\n',
    ...files,
  };
  for (const [rel, content] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  }
  return root;
}

describe('checkWxSyntax (wcc + wcsc)', () => {
  const roots: string[] = [];
  const project = (files: Record<string, string> = {}) => {
    const root = makeMiniprogram(files);
    roots.push(root);
    return root;
  };
  afterAll(() => roots.forEach((root) => fs.rmSync(root, { recursive: true, force: true })));

  it('passes a valid project, including imported styles, wxs modules and components', () => {
    const report = checkWxSyntax(project());
    expect(report.errors).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.counts).toEqual({ wxml: 3, wxss: 3, wxs: 1 });
  });

  it('fails on an unclosed tag and names the file and line', () => {
    const report = checkWxSyntax(project({ 'pages/b/b.wxml': '<view>\n  <text>hi</view>\n' }));
    expect(report.ok).toBe(false);
    expect(report.errors.join('\n')).toMatch(/pages\/b\/b\.wxml:2:\d+: .*text/);
  });

  it('fails on a broken {{ }} expression', () => {
    const report = checkWxSyntax(project({ 'components/card/card.wxml': '<view>{{ title + }}</view>\n' }));
    expect(report.ok).toBe(false);
    expect(report.errors.join('\n')).toContain('components/card/card.wxml:1:');
  });

  it('fails on a WXSS syntax error and names the file and line', () => {
    const report = checkWxSyntax(project({ 'styles/base.wxss': '.base { padding: 0; }\n.broken { color: red;\n' }));
    expect(report.ok).toBe(false);
    expect(report.errors.join('\n')).toMatch(/styles\/base\.wxss:3:\d+:/);
  });

  it('reports a usingComponents path that points nowhere', () => {
    const report = checkWxSyntax(
      project({ 'pages/b/b.json': JSON.stringify({ usingComponents: { 'van-button': '@vant/weapp/button/index' } }) }),
    );
    expect(report.ok).toBe(false);
    expect(report.errors.join('\n')).toMatch(/pages\/b\/b\.json: <van-button> → "@vant\/weapp\/button\/index" not found/);
  });
});
