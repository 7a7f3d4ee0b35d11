import type { Scene } from './scenes';

export const CUSTOMER_SCENES: Scene[] = [];
