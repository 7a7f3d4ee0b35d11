/**
 * The `scene` of a counter mini-program code (wxacode.getUnlimited): at most 32 characters from
 * 0-9a-zA-Z!#$&'()*+,/:;=?@-._~ . We write 's=<storeId>' or 's=<storeId>&c=<staffCode>'.
 */

export const SCENE_MAX_LENGTH = 32;

const SCENE_CHARSET = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]*$/;
/** Values may not contain the separators '&' and '=', or parsing would be ambiguous. */
const SCENE_VALUE = /^[0-9A-Za-z!#$'()*+,/:;?@\-._~]+$/;

export interface CounterScene {
  storeId: string;
  staffCode?: string;
}

/** Throws on an empty id, a separator inside a value, a character WeChat refuses, or more than 32 characters. */
export function formatScene(args: CounterScene): string {
  if (!SCENE_VALUE.test(args.storeId)) throw new RangeError(`storeId '${args.storeId}' cannot go into a scene`);
  // An empty staff code means "no clerk", the same as leaving it out.
  const withStaff = args.staffCode !== undefined && args.staffCode !== '';
  if (withStaff && !SCENE_VALUE.test(args.staffCode as string)) {
    throw new RangeError(`staffCode '${String(args.staffCode)}' cannot go into a scene`);
  }
  const scene = withStaff ? `s=${args.storeId}&c=${args.staffCode as string}` : `s=${args.storeId}`;
  if (scene.length > SCENE_MAX_LENGTH || !SCENE_CHARSET.test(scene)) {
    throw new RangeError(`scene '${scene}' is longer than ${SCENE_MAX_LENGTH} characters`);
  }
  return scene;
}

/**
 * Reads a scene as written by formatScene, in either order of its fields. '%' is not in the scene
 * charset, so any '%' means the page got the URL-encoded form and it is decoded once. Unknown or
 * repeated fields make it malformed (null): a code we did not make should not silently pick a store.
 */
export function parseScene(scene: string): CounterScene | null {
  let text = scene;
  if (text.includes('%')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return null;
    }
  }
  if (text.length === 0 || text.length > SCENE_MAX_LENGTH || !SCENE_CHARSET.test(text)) return null;

  const fields = new Map<string, string>();
  for (const part of text.split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    const key = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if ((key !== 's' && key !== 'c') || fields.has(key) || !SCENE_VALUE.test(value)) return null;
    fields.set(key, value);
  }
  const storeId = fields.get('s');
  if (storeId === undefined) return null;
  const staffCode = fields.get('c');
  return staffCode === undefined ? { storeId } : { storeId, staffCode };
}
