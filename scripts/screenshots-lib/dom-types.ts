/**
 * The little of the DOM the screenshot scripts touch, typed structurally. The root tsconfig (Node
 * code) has no DOM lib, and pulling it in through @types/jsdom or the mini-program typings would
 * change the globals every other script in the repo is checked against.
 */
export interface DomElement {
  outerHTML: string;
  innerHTML: string;
  textContent: string | null;
  className: string;
  ownerDocument: DomDocument;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): { forEach(callback: (element: DomElement) => void): void };
  contains(other: DomElement): boolean;
  appendChild(child: DomElement): void;
}

export interface DomDocument {
  head: DomElement;
  createElement(tagName: string): DomElement;
}

export function currentDocument(): DomDocument {
  return (globalThis as unknown as { document: DomDocument }).document;
}

/** What simulate.render returns, as far as the scenes use it. */
export interface RenderedPage {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- page methods differ per page
  instance: any;
  dom?: DomElement;
  setData(data: Record<string, unknown>): void;
  detach(): void;
}
