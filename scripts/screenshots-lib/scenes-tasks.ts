import type { Scene } from './scenes';

export const TASK_SCENES: Scene[] = [];
