import { measurePackages } from './package-size';

describe('measurePackages', () => {
  it('puts everything in the main package when there are no subpackages', () => {
    const files = { 'app.json': '{"pages":["pages/a/a"]}', 'pages/a/a.js': 'x'.repeat(100) };
    expect(measurePackages(files)).toEqual([{ name: 'main', root: '', bytes: 23 + 100 }]);
  });

  it('charges files under a subpackage root to that subpackage, counting bytes not characters', () => {
    const appJson = JSON.stringify({
      pages: ['pages/a/a'],
      subpackages: [{ root: 'staff', name: 'staff-tools', pages: ['p/p'] }, { root: '/stats/', pages: ['q/q'] }],
    });
    const sizes = measurePackages({
      'app.json': appJson,
      'pages/a/a.wxml': '会员', // 6 bytes in UTF-8
      'staff/p/p.js': Buffer.alloc(10),
      'stats/q/q.js': 'abc',
      'staffing/x.js': 'not in the staff package',
    });
    expect(sizes).toEqual([
      { name: 'main', root: '', bytes: Buffer.byteLength(appJson) + 6 + 24 },
      { name: 'staff-tools', root: 'staff/', bytes: 10 },
      { name: 'stats', root: 'stats/', bytes: 3 },
    ]);
  });
});
