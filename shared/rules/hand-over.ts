/**
 * Handing a leaving person's customers and open tasks to others. Spreading evenly is a round robin;
 * the caller passes the offset it reached in the previous batch so batches continue the rotation
 * instead of loading the first target again each time.
 */

/** Round robin: the i-th id (in the given order) goes to targets[(offset + i) % targets.length]. */
export function assignRoundRobin(ids: string[], targets: string[], offset: number): Map<string, string> {
  const assignments = new Map<string, string>();
  if (ids.length === 0) return assignments;
  if (targets.length === 0) throw new RangeError('expected at least one target to hand over to');
  if (!Number.isSafeInteger(offset)) throw new RangeError(`expected an integer offset, got ${offset}`);
  // A negative offset still rotates forward from a valid index.
  const start = ((offset % targets.length) + targets.length) % targets.length;
  ids.forEach((id, i) => assignments.set(id, targets[(start + i) % targets.length]));
  return assignments;
}

/** The ids each target receives, in assignment order; targets in the order they first appear. */
export function groupByTarget(assignments: Map<string, string>): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const [id, target] of assignments) {
    const group = groups.get(target);
    if (group) group.push(id);
    else groups.set(target, [id]);
  }
  return groups;
}
