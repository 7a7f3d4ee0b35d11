import { formatScene, parseScene, SCENE_MAX_LENGTH } from './scene';

describe('formatScene', () => {
  it('writes the store, and the clerk when given', () => {
    expect(formatScene({ storeId: 'st01' })).toBe('s=st01');
    expect(formatScene({ storeId: 'st01', staffCode: 'A7' })).toBe('s=st01&c=A7');
    expect(formatScene({ storeId: 'st01', staffCode: '' })).toBe('s=st01');
  });

  it('allows exactly 32 characters and no more', () => {
    const storeId = 'x'.repeat(SCENE_MAX_LENGTH - 2);
    expect(formatScene({ storeId })).toHaveLength(32);
    expect(() => formatScene({ storeId: `${storeId}y` })).toThrow(RangeError);
    expect(() => formatScene({ storeId: 'x'.repeat(25), staffCode: 'abc' })).toThrow(RangeError);
  });

  it.each(['店01', 'st 01', 'st%01', 'a"b', ''])('rejects storeId %p (outside the charset or empty)', (storeId) => {
    expect(() => formatScene({ storeId })).toThrow(RangeError);
  });

  it('rejects separators inside values', () => {
    expect(() => formatScene({ storeId: 'a&c=b' })).toThrow(RangeError);
    expect(() => formatScene({ storeId: 'a', staffCode: 'b=c' })).toThrow(RangeError);
  });
});

describe('parseScene', () => {
  it.each([
    [{ storeId: 'st01' }],
    [{ storeId: 'st01', staffCode: 'A7' }],
    [{ storeId: "!#$'()*+,/:;?@-._~", staffCode: 'z' }],
  ])('round-trips %p', (scene) => {
    expect(parseScene(formatScene(scene))).toEqual(scene);
  });

  it('accepts the URL-encoded form', () => {
    expect(parseScene(encodeURIComponent('s=st01&c=A7'))).toEqual({ storeId: 'st01', staffCode: 'A7' });
    expect(parseScene('s%3Dst01%26c%3DA7')).toEqual({ storeId: 'st01', staffCode: 'A7' });
  });

  it('accepts the fields in either order', () => {
    expect(parseScene('c=A7&s=st01')).toEqual({ storeId: 'st01', staffCode: 'A7' });
  });

  it.each([
    '',
    's=',
    'c=A7',
    's=st01&',
    's=st01&c=',
    's=st01&s=st02',
    's=st01&x=1',
    'st01',
    '=st01',
    's=st01&c=A7=B',
    's=店',
    '%E0%A4%A',
    `s=${'x'.repeat(31)}`,
  ])('rejects %p', (scene) => {
    expect(parseScene(scene)).toBeNull();
  });
});
