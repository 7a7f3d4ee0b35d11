import type { RenderedPage as Rendered } from './dom-types';
import type { SceneContext } from './scenes';

/** Steps many scenes start with: a page as it looks once its one call is answered. */

/** Rendered with `properties`, onLoad run, its call answered. */
export async function loaded(ctx: SceneContext, properties: Record<string, unknown> = {}): Promise<Rendered> {
  const page = ctx.render(properties);
  page.instance.onLoad();
  await ctx.settle();
  return page;
}

/** Rendered, onShow run (pages that load on show), its call answered. */
export async function shown(ctx: SceneContext): Promise<Rendered> {
  const page = ctx.render();
  page.instance.onShow();
  await ctx.settle();
  return page;
}

/** Vant's popups and sheets enter and leave on timers (their transitions): wait them out. */
export function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
