import type { TaskView } from '../shared/contracts/care-views';

/**
 * Carries the task a clerk taps 去处理 on from the task list to the care-note form, so the form shows
 * the task's title and script without another cloud call (one-shot, like customer-handoff). Opened any
 * other way the form still completes the task by its id; it only lacks the script.
 */
let pending: TaskView | null = null;

export function handOffTask(view: TaskView): void {
  pending = view;
}

/** One-shot: the handed-off task only for the task it was handed off for. */
export function takeTask(taskId: string): TaskView | null {
  const view = pending;
  pending = null;
  return view !== null && view.taskId === taskId ? view : null;
}
