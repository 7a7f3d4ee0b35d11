import { db, type Stored } from './cloud';
import { C, type StaffDoc, type StoreDoc } from './documents';

/**
 * Stores and staff as a directory — names for views, short codes for counter-code attribution —
 * loaded whole and cached per function instance for 30 s, so a view never spends a request on a name.
 * Never used to authorise: who the caller is and what they may do is always read fresh (queries.ts).
 */
const CACHE_MS = 30_000;
const PAGE = 1000;

export interface StaffEntry {
  _id: string;
  name: string;
  code: string;
  storeId: string;
  role: StaffDoc['role'];
  status: StaffDoc['status'];
}

interface Cached<T> {
  at: number;
  value: Promise<T>;
}

let stores: Cached<Map<string, Stored<StoreDoc>>> | undefined;
let staff: Cached<{ byId: Map<string, StaffEntry>; byCode: Map<string, StaffEntry> }> | undefined;

async function loadAll<T>(collection: string, fields?: Record<string, boolean>): Promise<Stored<T>[]> {
  const all: Stored<T>[] = [];
  for (let skip = 0; ; skip += PAGE) {
    let query = db.collection<T>(collection).where({}).skip(skip).limit(PAGE);
    if (fields) query = query.field(fields);
    const { data } = await query.get();
    all.push(...data);
    if (data.length < PAGE) return all;
  }
}

function fresh<T>(entry: Cached<T> | undefined, now: number): entry is Cached<T> {
  // A clock moved back (the local cloud's can be) must not keep a stale entry forever.
  return entry !== undefined && now >= entry.at && now - entry.at < CACHE_MS;
}

export function storeDirectory(now = Date.now()): Promise<Map<string, Stored<StoreDoc>>> {
  if (!fresh(stores, now)) {
    const value = loadAll<StoreDoc>(C.stores).then((list) => new Map(list.map((store) => [store._id, store])));
    stores = { at: now, value };
    value.catch(() => (stores = undefined));
  }
  return stores!.value;
}

export function staffDirectory(now = Date.now()) {
  if (!fresh(staff, now)) {
    const value = loadAll<StaffEntry>(C.staff, { name: true, code: true, storeId: true, role: true, status: true }).then((list) => ({
      byId: new Map(list.map((entry) => [entry._id, entry])),
      byCode: new Map(list.map((entry) => [entry.code, entry])),
    }));
    staff = { at: now, value };
    value.catch(() => (staff = undefined));
  }
  return staff!.value;
}

export async function storeName(storeId: string | null): Promise<string> {
  if (!storeId) return '';
  return (await storeDirectory()).get(storeId)?.name ?? '';
}

export async function staffName(staffId: string | null): Promise<string> {
  if (!staffId) return '';
  return (await staffDirectory()).byId.get(staffId)?.name ?? '';
}

/** Names for many ids at once, from the cached directories. */
export async function names(ids: { stores?: Array<string | null>; staff?: Array<string | null> }) {
  const [storeMap, staffMap] = await Promise.all([ids.stores ? storeDirectory() : undefined, ids.staff ? staffDirectory() : undefined]);
  return {
    store: (id: string | null) => (id ? (storeMap?.get(id)?.name ?? '') : ''),
    staff: (id: string | null) => (id ? (staffMap?.byId.get(id)?.name ?? '') : ''),
  };
}

/** After this instance itself changed a store or a staff record, so its own next read is current. */
export function forgetDirectory(): void {
  stores = undefined;
  staff = undefined;
}
