/** A page refused at the edge with a status no domain error names (415), or before any domain rule ran. */
export class PageError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
