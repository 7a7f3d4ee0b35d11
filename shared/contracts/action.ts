import type { z } from 'zod';

/**
 * One action of a cloud function: its input schema (checked at the function's boundary) and its
 * output type. The mini-program imports only the types, so a renamed field breaks the build on both
 * sides instead of failing in production.
 */
export interface ActionSpec<I extends z.ZodType, O> {
  input: I;
  /** Type-only marker, boxed so an output type that includes null survives NonNullable; never set. */
  output?: [O];
}

export function action<I extends z.ZodType>(input: I) {
  return { returns: <O>(): ActionSpec<I, O> => ({ input }) };
}

export type Contract = Record<string, ActionSpec<z.ZodType, unknown>>;
export type ActionName<C extends Contract> = Extract<keyof C, string>;
export type InputOf<C extends Contract, A extends ActionName<C>> = z.input<C[A]['input']>;
export type ParsedInputOf<C extends Contract, A extends ActionName<C>> = z.output<C[A]['input']>;
export type OutputOf<C extends Contract, A extends ActionName<C>> = NonNullable<C[A]['output']>[0];

/** What the mini-program sends to `wx.cloud.callFunction({ name, data })`. */
export interface ActionRequest<C extends Contract, A extends ActionName<C>> {
  action: A;
  payload: InputOf<C, A>;
}
