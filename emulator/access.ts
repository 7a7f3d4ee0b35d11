/**
 * Who may talk to the local cloud: programs on this machine (and, when it is bound to a LAN address,
 * on that network), never a web page. It answers unauthenticated `/admin` requests with everything in
 * the database, so two browser attacks matter:
 *
 * - a page posting cross-origin (a `text/plain` POST needs no CORS preflight): refused by `Origin`,
 *   which browsers send on every POST and on CORS requests, and by `Sec-Fetch-Site`;
 * - DNS rebinding (a hostile name that resolves to 127.0.0.1, making the page same-origin): refused by
 *   `Host`, which then carries the hostile name — only loopback names and this machine's own addresses
 *   are accepted, and an IP literal cannot be rebound.
 *
 * The port in Host is not checked: the name is what rebinding forges, and a port forward
 * (`ssh -L 9000:localhost:8787`) legitimately changes the port. Origin must be the local cloud's own
 * (http, an accepted name, the bound port). wx-server-sdk and other Node clients send neither Origin
 * nor Sec-Fetch-Site, so they keep working with dummy credentials.
 */
import os from 'node:os';
import type { IncomingHttpHeaders } from 'node:http';
import { HttpError } from './limits';

export type AccessCheck = (headers: IncomingHttpHeaders) => HttpError | undefined;

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARD = new Set(['0.0.0.0', '::', '[::]']);

/** The form an address takes as a URL host: IPv6 in brackets, without a zone. */
export function hostForm(address: string): string {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  return (bare.includes(':') ? `[${bare}]` : bare).toLowerCase();
}

/**
 * @param bound where the server listens (read at each request: the port is known only once listening)
 * @param interfaces this machine's addresses, accepted as Host when bound to every interface
 */
export function createAccessCheck(
  bound: () => { address: string; port: number },
  interfaces: () => NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces,
): AccessCheck {
  const accepted = (name: string): boolean => {
    const { address } = bound();
    if (LOOPBACK.includes(name) || name === hostForm(address)) return true;
    // Interfaces come and go (Wi-Fi, VPN): read them when a name is not already known.
    if (!WILDCARD.has(address)) return false;
    return Object.values(interfaces()).some((list) => list?.some((info) => hostForm(info.address) === name));
  };

  return (headers) => {
    const host = headers.host;
    const name = host === undefined ? undefined : hostName(host);
    if (!name || !accepted(name)) {
      return new HttpError(
        403,
        'FORBIDDEN_HOST',
        `the local cloud answers only requests addressed to this machine (localhost, 127.0.0.1, [::1] or the address it is bound to), not Host ${JSON.stringify(host ?? '')}`,
      );
    }
    const origin = headers.origin;
    if (origin !== undefined && !ownOrigin(origin, accepted, bound().port)) {
      return new HttpError(
        403,
        'FORBIDDEN_ORIGIN',
        `the local cloud does not answer web pages: Origin ${origin} is not the local cloud itself (requests from programs carry no Origin)`,
      );
    }
    const site = headers['sec-fetch-site'];
    if (site === 'cross-site' || site === 'same-site') {
      return new HttpError(403, 'FORBIDDEN_ORIGIN', `the local cloud does not answer web pages: this request came from another site (Sec-Fetch-Site: ${site})`);
    }
    return undefined;
  };
}

/** The name part of a Host header, lower-cased, IPv6 kept in brackets; undefined when malformed. */
function hostName(host: string): string | undefined {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d+))?$/.exec(host.trim());
  return match ? match[1].toLowerCase() : undefined;
}

function ownOrigin(origin: string, accepted: (name: string) => boolean, port: number): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const originPort = url.port ? Number(url.port) : 80;
  return url.protocol === 'http:' && accepted(url.hostname.toLowerCase()) && originPort === port;
}
