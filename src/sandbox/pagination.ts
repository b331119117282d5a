/**
 * GitLab's offset pagination: the page slice plus x-page / x-per-page / x-next-page / x-prev-page / x-total /
 * x-total-pages and a Link header (prev, next, first, last) of absolute URLs that keep every query parameter.
 * Past 10,000 results GitLab stops counting: no x-total, no x-total-pages, no rel="last".
 */

/** GitLab's threshold above which it no longer reports totals. */
export const COUNT_LIMIT = 10_000;

export interface PageRequest {
  page: number;
  perPage: number;
  /** e.g. http://127.0.0.1:4321 */
  origin: string;
  /** request path without query */
  path: string;
  params: URLSearchParams;
}

export interface Page<T> {
  items: T[];
  headers: Record<string, string>;
}

export function paginate<T>(all: readonly T[], request: PageRequest): Page<T> {
  const { page, perPage } = request;
  const total = all.length;
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  const outOfRange = page > totalPages;
  const next = !outOfRange && page < totalPages ? page + 1 : null;
  const prev = !outOfRange && page > 1 ? page - 1 : null;
  const counted = total <= COUNT_LIMIT;

  const headers: Record<string, string> = {
    "x-page": String(page),
    "x-per-page": String(perPage),
    "x-next-page": next === null ? "" : String(next),
    "x-prev-page": prev === null ? "" : String(prev),
  };
  if (counted) {
    headers["x-total"] = String(total);
    headers["x-total-pages"] = String(totalPages);
  }
  const links: string[] = [];
  if (prev !== null) links.push(`<${pageUrl(request, prev)}>; rel="prev"`);
  if (next !== null) links.push(`<${pageUrl(request, next)}>; rel="next"`);
  links.push(`<${pageUrl(request, 1)}>; rel="first"`);
  if (counted) links.push(`<${pageUrl(request, totalPages)}>; rel="last"`);
  headers.link = links.join(", ");

  const start = (page - 1) * perPage;
  return { items: all.slice(start, start + perPage), headers };
}

/** The same request on another page; parameter order kept, page and per_page set. */
function pageUrl(request: PageRequest, page: number): string {
  const params = new URLSearchParams(request.params);
  params.set("page", String(page));
  params.set("per_page", String(request.perPage));
  const query = [...params].map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join("&");
  return `${request.origin}${request.path}?${query}`;
}
